/** `functionHost`: a plain object as the host, with its results checked like any other host's. */
import { isStoreOffersError } from '../errors.js';
import type { StoreHost } from '../types.js';
import { hostError, hostUnavailable, malformed, text, toProducts } from './host-results.js';
import { normalizePurchaseOutcome } from './purchase-outcome.js';

/** The host methods, each optional here: results are not trusted yet. */
export type UncheckedHost = {
  [K in 'getToken' | 'getProducts' | 'purchase' | 'getStoreIdKey']?: (...args: never[]) => unknown;
} & Pick<StoreHost, 'canClaim' | 'dispose'>;

/** How long a host may take to answer, in ms; 0 = no limit. */
export interface HostTimeouts {
  /** Every method but `purchase` (default 30 000). */
  timeout?: number;
  /** `purchase`: the user is deciding (default 600 000, 10 min; 0 when `timeout` is 0). */
  purchaseTimeout?: number;
}

/** How long a host may take to answer any method but `purchase`. */
export const HOST_TIMEOUT_MS = 30 * 1000;
/** How long a purchase may take: the user is deciding in the Store dialog. */
export const PURCHASE_TIMEOUT_MS = 10 * 60 * 1000;

/** Per method: the check of its result (falsy = malformed) and what the result is called. */
const CHECKS: Record<string, { check: (value: unknown) => unknown; field: string }> = {
  getToken: { check: text, field: 'token' },
  getProducts: { check: toProducts, field: 'products' },
  purchase: { check: normalizePurchaseOutcome, field: 'status' },
  getStoreIdKey: { check: text, field: 'key' },
};

/**
 * A promise settled by `executor` (as in `new Promise(executor)`), or rejected with `host-timeout`
 * once `ms` (0 = never) passed without `method`'s answer.
 */
export function deadline<T>(
  method: string,
  ms: number,
  executor: (resolve: (value: T) => void, reject: (error: unknown) => void) => void,
): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return new Promise<T>((resolve, reject) => {
    if (ms) timer = setTimeout(() => reject(hostError('host-timeout', `did not answer ${method} within ${ms} ms`)), ms);
    executor(resolve, reject);
  }).finally(() => clearTimeout(timer));
}

/**
 * Wraps `impl` (tests, custom hosts, `window.storeOffersHost`) so that every method exists and
 * resolves with validated, normalised data, or rejects with a `StoreOffersError`: a missing method
 * → `host-unavailable`; a throw or a malformed result → `host-error` (a `StoreOffersError` thrown
 * by `impl` passes through); no answer within the timeouts → `host-timeout`, so a host that never
 * answers cannot leave the elements loading forever. A host functionHost made is returned as is.
 * Callers therefore never test `host.getToken` for presence: they treat `host-unavailable` as
 * "this host does not do that".
 */
export function functionHost(impl: StoreHost, options?: HostTimeouts): StoreHost;
/** The same for an implementation whose results are not typed (the adapters' own use). */
export function functionHost(impl: UncheckedHost, options?: HostTimeouts): StoreHost;
export function functionHost(impl: UncheckedHost, options: HostTimeouts = {}): StoreHost {
  const { timeout = HOST_TIMEOUT_MS } = options;
  // `timeout: 0` turns every timeout off, the purchase's included.
  const { purchaseTimeout = timeout === 0 ? 0 : PURCHASE_TIMEOUT_MS } = options;
  // Already checked (an adapter's host handed to <store-offers>): wrapping again would only add
  // a second set of timeouts over the adapter's own, which may be longer.
  if (checkedHosts.has(impl)) return impl as StoreHost;
  const host: Record<string, unknown> = { canClaim: impl.canClaim !== false, dispose: () => impl.dispose?.() };
  for (const [method, { check, field }] of Object.entries(CHECKS)) {
    host[method] = async (...args: unknown[]) => {
      try {
        const answer = deadline(
          method,
          method == 'purchase' ? purchaseTimeout : timeout,
          (resolve, reject) => {
            // In here: a host object's getter may throw too.
            const fn = impl[method as keyof UncheckedHost];
            if (typeof fn != 'function') throw hostUnavailable(method);
            // Not resolve(promise): that would lock the outcome to it, and the timeout could not reject.
            Promise.resolve(fn.apply(impl, args as never)).then(resolve, reject);
          },
        );
        const value = check(await answer);
        if (value) return value;
        throw malformed(method, field);
      } catch (error) {
        throw isStoreOffersError(error) ? error : hostError('host-error', `failed in ${method}`, error);
      }
    };
  }
  checkedHosts.add(host);
  return host as unknown as StoreHost;
}

/** Hosts made by functionHost. */
const checkedHosts = new WeakSet<object>();
