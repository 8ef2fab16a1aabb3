/**
 * Checks what hosts return, and the errors of hosts. Hosts are native code written by app
 * developers, so nothing they send is trusted: every adapter passes results through here (via
 * `functionHost`).
 */
import { StoreOffersError, type ErrorCode } from '../errors.js';
import { isRecord } from '../is-record.js';
import type { ProductInfo, StoreResponse } from '../types.js';

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

/** The longest account id taken from a host (a hash is 64 characters; anything near this is junk). */
export const MAX_ACCOUNT_LENGTH = 1024;
/** The lowest and highest HTTP status a `storeRequest` answer may carry. */
const STATUS_RANGE = { lowest: 100, highest: 599 } as const;

/**
 * An account as a host sent it: a non-empty string of at most {@link MAX_ACCOUNT_LENGTH}
 * characters, or `null` (nobody signed in); anything else → `undefined` (malformed).
 */
export function toAccount(value: unknown): string | null | undefined {
  if (value === null) return null;
  if (typeof value != 'string' || !value || value.length > MAX_ACCOUNT_LENGTH) return undefined;
  return value;
}

/**
 * A `storeRequest` answer, or `undefined` when it is not `{ status: integer 100–599,
 * retryAfter?: string, body?: string }` (a status of `"200"` included). Unknown fields are dropped.
 */
export function toStoreResponse(value: unknown): StoreResponse | undefined {
  if (!isRecord(value)) return undefined;
  const { status, retryAfter, body } = value;
  const inRange = Number.isInteger(status) && (status as number) >= STATUS_RANGE.lowest;
  if (!inRange || (status as number) > STATUS_RANGE.highest) return undefined;
  if (retryAfter !== undefined && typeof retryAfter != 'string') return undefined;
  if (body !== undefined && typeof body != 'string') return undefined;
  const response: StoreResponse = { status: status as number };
  if (retryAfter !== undefined) response.retryAfter = retryAfter;
  if (body !== undefined) response.body = body;
  return response;
}
