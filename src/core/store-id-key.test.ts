import { expect } from '@open-wc/testing';
import { isStoreOffersError } from './errors.js';
import { decodeStoreIdKey, getStoreIdKey, storeIdKeyState } from './store-id-key.js';
import type { StoreIdKeyRequest } from './types.js';
import { base64url, CLAIM, COLLECTIONS, DAY, jwt, PURCHASE } from '../../test/fixtures/store-id-key-jwt.js';

const ISSUED = 1_735_689_600; // 2025-01-01T00:00:00Z

/** A key shaped like the documented ones (STORE-API.md §4), with a fake signature. */
function storeIdKey(overrides: Record<string, unknown> = {}, header: unknown = { typ: 'JWT', alg: 'RS256', x5t: 'l3qMZCo8zO9Z0LlhHkv2Xq8xmXk' }) {
  const claims: Record<string, unknown> = {
    iat: ISSUED,
    nbf: ISSUED,
    exp: ISSUED + 30 * DAY,
    iss: COLLECTIONS,
    aud: COLLECTIONS,
    [`${CLAIM}clientId`]: '1d5773d0-c2f9-4f18-a7a1-d5b9e9ef5a6d',
    [`${CLAIM}payload`]: 'ZdcOq0/N2GJoUYnbhFxqP+5mUmIVNp6gNAXHbwF2Ewjd3E7nPHyFoQ8SqYq+Gt9wv6EOaAAkJt8tUmbiQ7ur6wf==',
    [`${CLAIM}userId`]: 'publisher-user-42',
    [`${CLAIM}refreshUri`]: 'https://collections.mp.microsoft.com/v6.0/b2b/keys/renew',
    ...overrides,
  };
  for (const [name, value] of Object.entries(claims)) if (value === undefined) delete claims[name];
  return jwt(claims, typeof header === 'string' ? JSON.stringify(header) : header, 'c2lnbmF0dXJlLW5vdC1jaGVja2Vk');
}

function purchaseKey(overrides: Record<string, unknown> = {}) {
  return storeIdKey({ iss: PURCHASE, aud: PURCHASE, [`${CLAIM}refreshUri`]: 'https://purchase.mp.microsoft.com/v6.0/b2b/keys/renew', ...overrides });
}

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return isStoreOffersError(error) ? error.code : `not a StoreOffersError: ${String(error)}`;
  }
  return undefined;
}

async function rejectionOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    return isStoreOffersError(error) ? error.code : `not a StoreOffersError: ${String(error)}`;
  }
  return undefined;
}

const at = (seconds: number) => new Date(seconds * 1000);

describe('decodeStoreIdKey', () => {
  it('reads the documented claims of a collections key', () => {
    expect(decodeStoreIdKey(storeIdKey())).to.deep.equal({
      kind: 'collections',
      clientId: '1d5773d0-c2f9-4f18-a7a1-d5b9e9ef5a6d',
      userId: 'publisher-user-42',
      payload: 'ZdcOq0/N2GJoUYnbhFxqP+5mUmIVNp6gNAXHbwF2Ewjd3E7nPHyFoQ8SqYq+Gt9wv6EOaAAkJt8tUmbiQ7ur6wf==',
      refreshUri: 'https://collections.mp.microsoft.com/v6.0/b2b/keys/renew',
      issuedAt: new Date('2025-01-01T00:00:00Z'),
      notBefore: new Date('2025-01-01T00:00:00Z'),
      expiresAt: new Date('2025-01-31T00:00:00Z'),
    });
  });

  it('tells a purchase key by its audience, and accepts a key without userId or iss', () => {
    const info = decodeStoreIdKey(purchaseKey({ [`${CLAIM}userId`]: undefined, iss: undefined }));
    expect(info.kind).to.equal('purchase');
    expect(info.refreshUri).to.equal('https://purchase.mp.microsoft.com/v6.0/b2b/keys/renew');
    expect(info).not.to.have.property('userId');
  });

  it('decodes non-ASCII claim values', () => {
    expect(decodeStoreIdKey(storeIdKey({ [`${CLAIM}userId`]: 'joueur-é-😀' })).userId).to.equal('joueur-é-😀');
  });

  const garbage: Array<[string, () => string]> = [
    ['an empty string', () => ''],
    ['not a string', () => 42 as unknown as string],
    ['an object whose toString throws', () => ({ toString: () => { throw new Error('hostile'); } }) as unknown as string],
    ['two parts', () => storeIdKey().split('.').slice(0, 2).join('.')],
    ['four parts', () => `${storeIdKey()}.extra`],
    ['an empty signature part', () => storeIdKey().replace(/\.[^.]+$/, '.')],
    ['bad base64 in the payload', () => storeIdKey().replace(/\.[^.]+\./, '.@@@!.')],
    ['a payload of impossible base64 length', () => storeIdKey().replace(/\.[^.]+\./, '.abcde.')],
    ['a non-JSON payload', () => `${base64url('{"typ":"JWT"}')}.${base64url('not json')}.sig`],
    ['a non-JSON header', () => storeIdKey().replace(/^[^.]+/, base64url('{oops'))],
    ['a JSON array payload', () => `${base64url('{"typ":"JWT"}')}.${base64url('[1,2]')}.sig`],
    ['a header that is a string', () => storeIdKey({}, 'JWT')],
    ['a missing exp', () => storeIdKey({ exp: undefined })],
    ['a missing nbf', () => storeIdKey({ nbf: undefined })],
    ['exp as a string', () => storeIdKey({ exp: String(ISSUED + 30 * DAY) })],
    ['iat as a string', () => storeIdKey({ iat: '1735689600' })],
    ['a foreign audience', () => storeIdKey({ aud: 'https://graph.microsoft.com', iss: 'https://graph.microsoft.com' })],
    ['the audience as an array', () => storeIdKey({ aud: [COLLECTIONS] })],
    ['an issuer other than the audience', () => storeIdKey({ iss: 'https://sts.windows.net/tenant/' })],
    ['a missing clientId', () => storeIdKey({ [`${CLAIM}clientId`]: undefined })],
    ['a numeric payload claim', () => storeIdKey({ [`${CLAIM}payload`]: 12345 })],
    ['a missing refreshUri', () => storeIdKey({ [`${CLAIM}refreshUri`]: undefined })],
    ['a userId that is not a string', () => storeIdKey({ [`${CLAIM}userId`]: { id: 1 } })],
  ];
  for (const [name, make] of garbage) {
    it(`rejects ${name} with invalid-store-id-key`, () => {
      expect(codeOf(() => decodeStoreIdKey(make()))).to.equal('invalid-store-id-key');
    });
  }

  it('says why in the message, without echoing the key', () => {
    const key = storeIdKey({ aud: 'https://example.com', iss: 'https://example.com' });
    try {
      decodeStoreIdKey(key);
      expect.fail('should have thrown');
    } catch (error) {
      expect((error as Error).message).to.match(/audience/);
      expect((error as Error).message).not.to.include(key.split('.')[1]);
    }
  });
});

describe('storeIdKeyState', () => {
  const key = storeIdKey({ nbf: ISSUED + 60 });

  it('is not-yet-valid before nbf', () => {
    expect(storeIdKeyState(key, { now: at(ISSUED) })).to.equal('not-yet-valid');
  });

  it('is valid from nbf until renewWithinDays before exp', () => {
    expect(storeIdKeyState(key, { now: at(ISSUED + 60) })).to.equal('valid');
    expect(storeIdKeyState(key, { now: at(ISSUED + 23 * DAY - 1) })).to.equal('valid');
  });

  it('is renew in the last 7 days (renewable only while valid)', () => {
    expect(storeIdKeyState(key, { now: at(ISSUED + 23 * DAY) })).to.equal('renew');
    expect(storeIdKeyState(key, { now: at(ISSUED + 30 * DAY - 1) })).to.equal('renew');
  });

  it('is expired from exp on', () => {
    expect(storeIdKeyState(key, { now: at(ISSUED + 30 * DAY) })).to.equal('expired');
  });

  it('honours renewWithinDays', () => {
    expect(storeIdKeyState(key, { now: at(ISSUED + 10 * DAY), renewWithinDays: 25 })).to.equal('renew');
    expect(storeIdKeyState(key, { now: at(ISSUED + 29 * DAY), renewWithinDays: 0 })).to.equal('valid');
  });

  it('throws invalid-store-id-key for garbage', () => {
    expect(codeOf(() => storeIdKeyState('a.b.c', { now: at(ISSUED) }))).to.equal('invalid-store-id-key');
  });
});

describe('getStoreIdKey', () => {
  const request: StoreIdKeyRequest = { kind: 'collections', serviceTicket: 'ticket', publisherUserId: 'publisher-user-42' };

  /** A host handing out the given keys in turn, recording every request. */
  function hostGiving(...keys: Array<string | Error>) {
    const requests: StoreIdKeyRequest[] = [];
    return {
      requests,
      async getStoreIdKey(r: StoreIdKeyRequest) {
        requests.push(r);
        const next = keys.shift();
        if (next === undefined) throw new Error('no more keys');
        if (next instanceof Error) throw next;
        return next;
      },
    };
  }

  it('asks the host once and caches a valid key', async () => {
    const key = storeIdKey();
    const host = hostGiving(key);
    const now = at(ISSUED + DAY);
    expect(await getStoreIdKey(host, request, { now })).to.equal(key);
    expect(await getStoreIdKey(host, request, { now })).to.equal(key);
    expect(host.requests).to.deep.equal([request]);
  });

  it('shares one host request between simultaneous callers', async () => {
    const key = storeIdKey();
    const host = hostGiving(key);
    const now = at(ISSUED + DAY);
    const both = await Promise.all([getStoreIdKey(host, request, { now }), getStoreIdKey(host, request, { now })]);
    expect(both).to.deep.equal([key, key]);
    expect(host.requests).to.have.length(1);
  });

  it('caches per kind and per publisherUserId', async () => {
    const collections = storeIdKey();
    const purchase = purchaseKey();
    const other = storeIdKey({ [`${CLAIM}userId`]: 'someone-else' });
    const host = hostGiving(collections, purchase, other);
    const now = at(ISSUED + DAY);
    expect(await getStoreIdKey(host, request, { now })).to.equal(collections);
    expect(await getStoreIdKey(host, { ...request, kind: 'purchase' }, { now })).to.equal(purchase);
    expect(await getStoreIdKey(host, { ...request, publisherUserId: 'someone-else' }, { now })).to.equal(other);
    expect(await getStoreIdKey(host, request, { now })).to.equal(collections);
    expect(host.requests.map((r) => `${r.kind}/${r.publisherUserId}`)).to.deep.equal([
      'collections/publisher-user-42',
      'purchase/publisher-user-42',
      'collections/someone-else',
    ]);
  });

  it('asks again when the cached key is due for renewal, expired or not yet valid', async () => {
    const first = storeIdKey({ nbf: ISSUED + DAY });
    const renewed = storeIdKey({ iat: ISSUED + 25 * DAY, nbf: ISSUED + 25 * DAY, exp: ISSUED + 55 * DAY });
    const host = hostGiving(first, renewed, first, first);
    expect(await getStoreIdKey(host, request, { now: at(ISSUED + 2 * DAY) })).to.equal(first);
    expect(await getStoreIdKey(host, request, { now: at(ISSUED + 25 * DAY) })).to.equal(renewed);
    expect(await getStoreIdKey(host, request, { now: at(ISSUED + 60 * DAY) })).to.equal(first);
    expect(await getStoreIdKey(host, request, { now: at(ISSUED) })).to.equal(first);
    expect(host.requests).to.have.length(4);
  });

  it('keeps using a still-valid key when renewing it fails, but not an expired one', async () => {
    const key = storeIdKey();
    const host = hostGiving(key, new Error('store down'), new Error('store down'));
    expect(await getStoreIdKey(host, request, { now: at(ISSUED + DAY) })).to.equal(key);
    expect(await getStoreIdKey(host, request, { now: at(ISSUED + 28 * DAY) })).to.equal(key);
    expect(await rejectionOf(getStoreIdKey(host, request, { now: at(ISSUED + 31 * DAY) }))).to.equal('host-error');
    expect(host.requests).to.have.length(3);
  });

  it('rejects with host-unavailable when the host cannot make keys', async () => {
    expect(await rejectionOf(getStoreIdKey({}, request))).to.equal('host-unavailable');
    // What detectHost() gives on a page with no host.
    expect(await rejectionOf(getStoreIdKey(undefined as never, request))).to.equal('host-unavailable');
  });

  it('rejects what the host returns when it is not a key of the requested kind', async () => {
    const now = at(ISSUED + DAY);
    expect(await rejectionOf(getStoreIdKey(hostGiving('not-a-jwt'), request, { now }))).to.equal('invalid-store-id-key');
    expect(await rejectionOf(getStoreIdKey(hostGiving(purchaseKey()), request, { now }))).to.equal('invalid-store-id-key');
    const notString = { getStoreIdKey: async () => 42 as unknown as string };
    expect(await rejectionOf(getStoreIdKey(notString, request, { now }))).to.equal('host-error');
  });

  it('accepts a key for another userId than the publisherUserId asked for, and warns once', async () => {
    const now = at(ISSUED + DAY);
    const otherUser = storeIdKey({ [`${CLAIM}userId`]: 'hashed-user-id' });
    const codes: string[] = [];
    const onWarning = (warning: { code: string }) => codes.push(warning.code);
    expect(await getStoreIdKey(hostGiving(otherUser), request, { now, onWarning })).to.equal(otherUser);
    expect(codes).to.deep.equal(['store-id-key-user-mismatch']);
  });

  it('does not cache failures: the next call asks again', async () => {
    const key = storeIdKey();
    const host = hostGiving(new Error('busy'), key);
    const now = at(ISSUED + DAY);
    expect(await rejectionOf(getStoreIdKey(host, request, { now }))).to.equal('host-error');
    expect(await getStoreIdKey(host, request, { now })).to.equal(key);
  });
});
