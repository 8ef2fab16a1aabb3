import { expect } from '@open-wc/testing';
import { DEFAULT_ENDPOINT, validateEndpoint } from './endpoint.js';
import { isStoreOffersError } from './errors.js';

function rejection(endpoint: unknown) {
  try {
    validateEndpoint(endpoint as string);
  } catch (error) {
    return error;
  }
  throw new Error(`expected ${String(endpoint)} to be rejected`);
}

describe('validateEndpoint', () => {
  const accepted: Array<[string, string]> = [
    ['https://manage.devcenter.microsoft.com/v2.0/my/storeoffers/user', 'https://manage.devcenter.microsoft.com/v2.0/my/storeoffers/user'],
    ['https://example.com/offers?x=1#frag', 'https://example.com/offers?x=1'],
    ['http://localhost:8000/offers', 'http://localhost:8000/offers'],
    ['HTTP://LOCALHOST/offers', 'http://localhost/offers'],
    ['http://127.0.0.1:9/offers', 'http://127.0.0.1:9/offers'],
    ['http://[::1]:8080/offers', 'http://[::1]:8080/offers'],
  ];
  for (const [input, normalised] of accepted) {
    it(`accepts ${input}`, () => {
      expect(validateEndpoint(input)).to.equal(normalised);
    });
  }

  const rejected = [
    'http://example.com/offers',
    'http://localhost.example.com/offers',
    'http://127.0.0.2/offers',
    'ftp://example.com/offers',
    'javascript:alert(1)',
    'data:text/plain,hi',
    'https://user:secret@example.com/offers',
    'http://',
    '',
    '   ',
    42,
  ];
  for (const input of rejected) {
    it(`rejects ${JSON.stringify(input)} with invalid-config`, () => {
      const error = rejection(input);
      expect(isStoreOffersError(error) && error.code).to.equal('invalid-config');
    });
  }

  it('uses the Store endpoint by default', () => {
    expect(validateEndpoint()).to.equal(DEFAULT_ENDPOINT);
  });

  it('resolves a relative URL against the page (a loopback test page here)', () => {
    expect(validateEndpoint('/mock-store/x')).to.equal(new URL('/mock-store/x', location.href).href);
  });

  it('does not repeat the query string or credentials in its message', () => {
    const error = rejection('http://user:pw@example.com/offers?key=SECRET') as Error;
    expect(error.message).to.contain('http://example.com/offers');
    expect(error.message).not.to.contain('SECRET');
    expect(error.message).not.to.contain('pw');
  });
});
