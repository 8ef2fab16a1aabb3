import { expect } from '@open-wc/testing';
import { abortedError, ErrorCode, isRetryable, StoreOffersError } from './errors.js';

describe('isRetryable', () => {
  const retryable: ErrorCode[] = [ErrorCode.Network, ErrorCode.Timeout, ErrorCode.Server, ErrorCode.RateLimited];
  for (const code of Object.values(ErrorCode)) {
    const expected = retryable.includes(code);
    it(`is ${expected} for ${code}`, () => {
      expect(isRetryable(new StoreOffersError(code, 'x'))).to.equal(expected);
    });
  }

  it('is false for anything that is not a StoreOffersError', () => {
    expect(isRetryable(new TypeError('Failed to fetch'))).to.equal(false);
    expect(isRetryable({ code: 'network' })).to.equal(false);
    expect(isRetryable(undefined)).to.equal(false);
  });
});

describe('abortedError', () => {
  it('names the work and keeps the signal reason as cause', () => {
    const controller = new AbortController();
    const reason = new Error('user left');
    controller.abort(reason);
    const error = abortedError('GET https://x/y', controller.signal);
    expect(error).to.include({ code: 'aborted', message: 'GET https://x/y was aborted' });
    expect(error.cause).to.equal(reason);
  });
});
