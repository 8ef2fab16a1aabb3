/** `functionHost`: a plain object as the host, with its results checked like any other host's. */
import { isStoreOffersError } from '../errors.js';
import type { StoreHost } from '../types.js';
import { hostError, hostUnavailable, requireText, toProducts } from './host-results.js';
import { normalizePurchaseOutcome } from './purchase-outcome.js';

/** The host methods, each optional here: results are not trusted yet. */
export type UncheckedHost = {
  [K in 'getToken' | 'getProducts' | 'purchase' | 'getStoreIdKey']?: (...args: never[]) => unknown;
} & Pick<StoreHost, 'canClaim' | 'dispose'>;

/**
 * Wraps `impl` (tests, custom hosts, `window.storeOffersHost`) so that every method exists and
 * resolves with validated, normalised data, or rejects with a `StoreOffersError`: a missing method
 * → `host-unavailable`; a throw or a malformed result → `host-error` (a `StoreOffersError` thrown
 * by `impl` passes through). Callers therefore never test `host.getToken` for presence: they treat
 * `host-unavailable` as "this host does not do that".
 */
export function functionHost(impl: StoreHost): StoreHost;
/** The same for an implementation whose results are not typed (the adapters' own use). */
export function functionHost(impl: UncheckedHost): StoreHost;
export function functionHost(impl: UncheckedHost): StoreHost {
  const checked =
    <T>(method: keyof UncheckedHost & string, check: (value: unknown) => T) =>
    async (...args: unknown[]): Promise<T> => {
      try {
        // Inside the try: a host object's getter may throw too.
        const fn = impl[method] as ((...a: unknown[]) => unknown) | undefined;
        if (typeof fn != 'function') throw hostUnavailable(method);
        return check(await fn.apply(impl, args));
      } catch (error) {
        throw isStoreOffersError(error) ? error : hostError(`The host's ${method} failed`, error);
      }
    };
  return {
    canClaim: impl.canClaim !== false,
    getToken: checked('getToken', (value) => requireText(value, 'token')),
    getProducts: checked('getProducts', toProducts),
    purchase: checked('purchase', normalizePurchaseOutcome),
    getStoreIdKey: checked('getStoreIdKey', (value) => requireText(value, 'Store ID key')),
    dispose: () => impl.dispose?.(),
  };
}
