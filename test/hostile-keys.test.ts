/**
 * Hostile Store ID keys (tables in test/fixtures/hostile-cases.ts): bad, unsigned and garbage
 * JWTs, missing and mistyped claims, absurd times, expired and not-yet-valid keys — read by
 * `decodeStoreIdKey` / `storeIdKeyState` — and hosts that hand `getStoreIdKey` such keys.
 */
import { expect } from '@open-wc/testing';
import { isStoreOffersError, type StoreOffersError } from '../src/core/errors.js';
import { functionHost } from '../src/core/host/function-host.js';
import { decodeStoreIdKey, getStoreIdKey, storeIdKeyState } from '../src/core/store-id-key.js';
import { jwt, KEY_CASES, KEY_NOW, keyClaims } from './fixtures/hostile-cases.js';

const now = new Date(KEY_NOW * 1000);

function failure(action: () => unknown): StoreOffersError | undefined {
  try {
    action();
  } catch (error) {
    expect(isStoreOffersError(error), `a StoreOffersError, got ${String(error)}`).to.equal(true);
    return error as StoreOffersError;
  }
  return undefined;
}

describe('hostile: Store ID keys', () => {
  for (const c of KEY_CASES) {
    it(c.name, () => {
      const key = c.key as string;
      if (c.expect === 'invalid') {
        expect(failure(() => decodeStoreIdKey(key))?.code).to.equal('invalid-store-id-key');
        expect(failure(() => storeIdKeyState(key, { now }))?.code).to.equal('invalid-store-id-key');
      } else {
        const info = decodeStoreIdKey(key);
        expect(info.kind).to.equal('collections');
        for (const date of [info.issuedAt, info.notBefore, info.expiresAt]) expect(Number.isNaN(date.getTime())).to.equal(false);
        expect(storeIdKeyState(key, { now })).to.equal(c.expect);
      }
    });
  }
});

describe('hostile: hosts handing out Store ID keys', () => {
  const request = { kind: 'collections' as const, serviceTicket: 'ticket', publisherUserId: 'user-1' };
  const cases: Array<[string, unknown, string]> = [
    ['garbage instead of a key', 'not-a-jwt', 'invalid-store-id-key'],
    ['a purchase key for a collections request', jwt(keyClaims({ aud: 'https://purchase.mp.microsoft.com/v6.0/keys', iss: 'https://purchase.mp.microsoft.com/v6.0/keys' })), 'invalid-store-id-key'],
    ['a number', 42, 'host-error'],
    ['an empty string', '', 'host-error'],
  ];
  for (const [name, answer, code] of cases) {
    it(`${name}: ${code}`, async () => {
      const host = functionHost({ purchase: async () => ({ status: 'NotPurchased' }), getStoreIdKey: async () => answer } as never);
      let error: unknown;
      try {
        await getStoreIdKey(host, request, { now });
      } catch (caught) {
        error = caught;
      }
      expect(isStoreOffersError(error), String(error)).to.equal(true);
      expect((error as StoreOffersError).code).to.equal(code);
    });
  }

  it('a key for another publisherUserId: accepted, the mismatch reported once, quoting neither value', async () => {
    const userIdClaim = 'http://schemas.microsoft.com/marketplace/2015/08/claims/key/userId';
    const other = jwt(keyClaims({ [userIdClaim]: 'someone-else@example.com' }, 1));
    let asked = 0;
    const getKey = async () => {
      asked++;
      return other;
    };
    const host = functionHost({ purchase: async () => ({ status: 'NotPurchased' }), getStoreIdKey: getKey } as never);
    const warnings: StoreOffersError[] = [];
    const onWarning = (warning: StoreOffersError) => warnings.push(warning);
    expect(await getStoreIdKey(host, request, { now, onWarning })).to.equal(other);
    // Expired at `later` (valid 30 days): asked again, the same mismatch, not reported again.
    const later = new Date(now.getTime() + 40 * 24 * 60 * 60 * 1000);
    expect(await getStoreIdKey(host, request, { now: later, onWarning })).to.equal(other);
    expect(asked).to.equal(2);
    expect(warnings.map((warning) => warning.code)).to.deep.equal(['store-id-key-user-mismatch']);
    expect(warnings[0]!.message).not.to.contain('someone-else').and.not.to.contain('user-1');
  });

  it('an expired key from the host is not cached: the next call asks again', async () => {
    const keys = [jwt(keyClaims({}, 40)), jwt(keyClaims({}, 1))];
    let asked = 0;
    const host = functionHost({ purchase: async () => ({ status: 'NotPurchased' }), getStoreIdKey: async () => keys[asked++] } as never);
    const first = await getStoreIdKey(host, request, { now });
    expect(storeIdKeyState(first, { now })).to.equal('expired');
    const second = await getStoreIdKey(host, request, { now });
    expect(asked).to.equal(2);
    expect(storeIdKeyState(second, { now })).to.equal('valid');
  });

  it('a host that throws: host-error, and the key is asked again next time', async () => {
    let asked = 0;
    const host = functionHost({
      purchase: async () => ({ status: 'NotPurchased' }),
      getStoreIdKey: async () => {
        if (asked++ === 0) throw new Error('E_FAIL');
        return jwt(keyClaims());
      },
    } as never);
    let error: unknown;
    await getStoreIdKey(host, request, { now }).catch((caught) => (error = caught));
    expect((error as StoreOffersError).code).to.equal('host-error');
    expect(storeIdKeyState(await getStoreIdKey(host, request, { now }), { now })).to.equal('valid');
  });
});
