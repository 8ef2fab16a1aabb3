/**
 * Checks what hosts return. Hosts are native code written by app developers, so nothing they
 * send is trusted: every adapter passes results through here (via `functionHost`).
 */
import { ErrorCode, StoreOffersError } from '../errors.js';
import { isRecord } from '../is-record.js';
import type { ProductInfo } from '../types.js';

/** `value` when it is a non-empty string, else `undefined`. */
export const text = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);

/** A `host-error`: the host failed or answered with something malformed. */
export const hostError = (message: string, cause?: unknown) => new StoreOffersError(ErrorCode.HostError, message, { cause });

/** A `host-unavailable`: no host, or the host lacks `method`. */
/** No answer from the host within `ms`. */
export const hostTimeout = (method: string, ms: number) =>
  new StoreOffersError(ErrorCode.HostTimeout, `The host did not answer ${method} within ${ms} ms`);

export const hostUnavailable = (method: string) =>
  new StoreOffersError(ErrorCode.HostUnavailable, `The host does not provide ${method}`);

/** A non-empty string result (token, Store ID key), else `host-error`. */
export function requireText(value: unknown, what: string): string {
  const result = text(value);
  if (!result) throw hostError(`The host returned no ${what}`);
  return result;
}

/**
 * Product data. Not an array → `host-error`. Items without a string `productId` and `title` are
 * dropped (one bad product should not hide the others); optional fields are kept only when they
 * are strings; unknown fields are dropped. Text is returned as is: render it as text.
 */
export function toProducts(value: unknown): ProductInfo[] {
  if (!Array.isArray(value)) throw hostError('The host returned no product list');
  const products: ProductInfo[] = [];
  for (const item of value) {
    if (!isRecord(item) || !text(item.productId) || typeof item.title != 'string') continue;
    const product: ProductInfo = { productId: item.productId as string, title: item.title };
    for (const key of ['description', 'formattedPrice', 'imageUrl'] as const) {
      const field = text(item[key]);
      if (field) product[key] = field;
    }
    products.push(product);
  }
  return products;
}
