/**
 * Checks what hosts return, and the errors of hosts. Hosts are native code written by app
 * developers, so nothing they send is trusted: every adapter passes results through here (via
 * `functionHost`).
 */
import { StoreOffersError, type ErrorCode } from '../errors.js';
import type { ProductInfo } from '../types.js';

/** `value` when it is a non-empty string, else `undefined`. */
export const text = (value: unknown): string | undefined => (typeof value == 'string' && value ? value : undefined);

/** A host's failure: `code` and a message that goes on from "The host ". */
export const hostError = (code: ErrorCode, message: string, cause?: unknown) =>
  new StoreOffersError(code, `The host ${message}`, { cause });

/** `host-unavailable`: no host, or the host lacks `what` (a method or an API). */
export const hostUnavailable = (what: string) => hostError('host-unavailable', `lacks ${what}`);

/** `host-error`: the host answered `method` without a valid `field`. */
export function malformed(method: string, field: string): StoreOffersError {
  return hostError('host-error', `answered ${method} without a valid ${field}`);
}

/** Copies `keys` of `from` that are non-empty strings into `into`. */
export function strings<T extends object>(from: object, keys: string[], into: T): T {
  for (const key of keys) {
    const value = text((from as Record<string, unknown>)[key]);
    if (value) (into as Record<string, unknown>)[key] = value;
  }
  return into;
}

/**
 * Product data, or `undefined` when `value` is not an array. Items without a string `productId`
 * and `title` are dropped (one bad product should not hide the others); optional fields are kept
 * only when they are strings; unknown fields are dropped. Text is returned as is: render it as text.
 */
export function toProducts(value: unknown): ProductInfo[] | undefined {
  if (!Array.isArray(value)) return;
  const products: ProductInfo[] = [];
  for (const item of value) {
    // `?.` and primitives: a null, a number or a string has no string productId.
    if (text(item?.productId) && typeof item.title == 'string') {
      const required = { productId: item.productId, title: item.title };
      products.push(strings(item, ['description', 'formattedPrice', 'imageUrl'], required));
    }
  }
  return products;
}
