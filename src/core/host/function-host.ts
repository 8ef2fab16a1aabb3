/** `functionHost`: a plain object as the host, with its results checked like any other host's. */
import { isStoreOffersError } from '../errors.js';
import type { StoreHost } from '../types.js';
import { hostError, hostTimeout, hostUnavailable, requireText, toProducts } from './host-results.js';
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

/**
 * Wraps `impl` (tests, custom hosts, `window.storeOffersHost`) so that every method exists and
 * resolves with validated, normalised data, or rejects with a `StoreOffersError`: a missing method
 * → `host-unavailable`; a throw or a malformed result → `host-error` (a `StoreOffersError` thrown
 * by `impl` passes through); no answer within the timeouts → `host-timeout`, so a host that never
 * answers cannot leave the elements loading forever. A host functionHost made is returned as is. Callers therefore never test `host.getToken` for presence: they treat
 * `host-unavailable` as "this host does not do that".
 */
export function functionHost(impl: StoreHost, options?: HostTimeouts): StoreHost;
/** The same for an implementation whose results are not typed (the adapters' own use). */
export function functionHost(impl: UncheckedHost, options?: HostTimeouts): StoreHost;
export function functionHost(impl: UncheckedHost, { timeout = 30_000, purchaseTimeout = timeout && 600_000 }: HostTimeouts = {}): StoreHost {
  // Already checked (an adapter's host handed to <store-offers>): wrapping again would only add
  // a second set of timeouts over the adapter's own, which may be longer.
  if (checkedHosts.has(impl)) return impl as StoreHost;
  const checked =
    <T>(method: keyof UncheckedHost & string, check: (value: unknown) => T, ms = timeout) =>
    async (...args: unknown[]): Promise<T> => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      try {
        // Inside the try: a host object's getter may throw too.
        const fn = impl[method] as ((...a: unknown[]) => unknown) | undefined;
        if (typeof fn != 'function') throw hostUnavailable(method);
        return check(
          await new Promise((resolve, reject) => {
            if (ms) timer = setTimeout(() => reject(hostTimeout(method, ms)), ms);
            // Not resolve(promise): that would lock the outcome to it, and the timeout could not reject.
            Promise.resolve(fn.apply(impl, args)).then(resolve, reject);
          }),
        );
      } catch (error) {
        throw isStoreOffersError(error) ? error : hostError(`The host's ${method} failed`, error);
      } finally {
        clearTimeout(timer);
      }
    };
  const host: StoreHost = {
    canClaim: impl.canClaim !== false,
    getToken: checked('getToken', (value) => requireText(value, 'token')),
    getProducts: checked('getProducts', toProducts),
    purchase: checked('purchase', normalizePurchaseOutcome, purchaseTimeout),
    getStoreIdKey: checked('getStoreIdKey', (value) => requireText(value, 'Store ID key')),
    dispose: () => impl.dispose?.(),
  };
  checkedHosts.add(host);
  return host;
}

/** Hosts made by functionHost. */
const checkedHosts = new WeakSet<object>();
