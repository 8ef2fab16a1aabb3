import { StoreOffersError } from './errors.js';
import { isRecord } from './is-record.js';
import type { StoreOffer } from './types.js';

/**
 * Turns a GET body (already JSON-parsed) into {@link StoreOffer}s. Accepts both wire shapes
 * (STORE-API.md §1): `offers: string[]` and the undocumented `offers: { productId, storeId? }[]`
 * (even mixed). Unknown fields are ignored; `raw` is each element exactly as received (echoed in
 * claims). Wrong types, nulls or a non-array body throw `StoreOffersError` `bad-response` naming
 * the first wrong place, e.g. `[2].trackingId should be a string, got number`.
 */
export function parseOffers(body: unknown): StoreOffer[] {
  if (!Array.isArray(body)) fail('the body', 'an array', body);
  return body.map((element: unknown, index) => {
    const at = `[${index}]`;
    if (!isRecord(element)) fail(at, 'an object', element);
    const { offers, trackingId } = element;
    if (typeof trackingId !== 'string') fail(`${at}.trackingId`, 'a string', trackingId);
    if (!Array.isArray(offers)) fail(`${at}.offers`, 'an array', offers);
    const storeIds: Array<[string, string]> = [];
    const productIds = offers.map((item: unknown, i) => {
      const itemAt = `${at}.offers[${i}]`;
      if (typeof item === 'string') return item;
      if (!isRecord(item)) fail(itemAt, 'a string or an object', item);
      const { productId, storeId } = item;
      if (typeof productId !== 'string') fail(`${itemAt}.productId`, 'a string', productId);
      if (storeId !== undefined) {
        if (typeof storeId !== 'string') fail(`${itemAt}.storeId`, 'a string', storeId);
        storeIds.push([productId, storeId]);
      }
      return productId;
    });
    const offer: StoreOffer = { offers: productIds, trackingId, raw: element };
    // fromEntries defines own properties, so even a product id like "__proto__" is kept.
    if (storeIds.length > 0) offer.storeIds = Object.fromEntries(storeIds);
    return offer;
  });
}

/** What a value is, for a message: `null`, `an array`, `nothing`, or its `typeof`. */
function describe(actual: unknown): string {
  if (actual === null) return 'null';
  if (Array.isArray(actual)) return 'an array';
  if (actual === undefined) return 'nothing';
  return typeof actual;
}

function fail(path: string, expected: string, actual: unknown): never {
  const got = describe(actual);
  throw new StoreOffersError('bad-response', `Unexpected offers response: ${path} should be ${expected}, got ${got}`);
}
