/**
 * The calls of a host that need not wait for its `hello` (docs/host-protocol.md "Before hello").
 * A message host asks `hello` before its first call, and on a slow host that costs one round
 * trip before anything else is even sent. The requests `<store-offers>` makes at start (the
 * token, the product data, the host-carried offers GET) change nothing on the host or at the
 * Store, so the message hosts offer them here in a form that goes out beside `hello`; each answer
 * is taken only once `hello` announced the method.
 */
import type { StoreHost } from '../types.js';

/**
 * The calls that may go out before `hello` answered. Each one rejects with `host-unavailable`,
 * exactly as the host's own method does, when `hello` then does not announce it (its answer, if
 * any, is dropped), and behaves as the host's own method once `hello` has answered.
 */
export type EarlyCalls = Required<Pick<StoreHost, 'getToken' | 'getProducts' | 'storeRequest'>>;

/** The early calls of each message host, by the host they belong to. */
const registered = new WeakMap<StoreHost, EarlyCalls>();

/** Records `calls` as the early form of `host`'s calls (the message hosts do, as they are made). */
export function registerEarlyCalls(host: StoreHost, calls: EarlyCalls): void {
  registered.set(host, calls);
}

/**
 * The early form of `host`'s calls; `undefined` for a host that has none (a plain object, Digital
 * Goods: no `hello` to wait for, and no announcement that could make an early call a mistake).
 */
export function earlyCalls(host: StoreHost | undefined): EarlyCalls | undefined {
  return host && registered.get(host);
}
