/** `functionHost`: a plain object as the host, with its results checked like any other host's. */
import { isStoreOffersError } from '../errors.js';
import type { AccountListener, StoreHost } from '../types.js';
import { hostError, hostUnavailable, malformed, text, toAccount, toProducts, toStoreResponse } from './host-results.js';
import { normalizePurchaseOutcome } from './purchase-outcome.js';

/** The host methods, each optional here: results are not trusted yet. */
export type UncheckedHost = {
  [K in CheckedMethod]?: (...args: never[]) => unknown;
} & {
  /** Calls the listener with whatever the host sends as the new account (checked here). */
  onAccountChanged?(listener: (account: unknown) => void): () => void;
  /** Whether the host offers `method`; without it, whether `impl` has that function. */
  supports?(method: string): Promise<boolean> | boolean;
} & Pick<StoreHost, 'canClaim' | 'dispose'>;

/** The request/answer methods of a host, each checked by {@link functionHost}. */
type CheckedMethod =
  | 'getToken'
  | 'getProducts'
  | 'purchase'
  | 'getStoreIdKey'
  | 'storeRequest'
  | 'getAccount'
  | 'takePurchases'
  | 'ackPurchase';

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

/** A result that only says "done" (`ackPurchase`): any answer is taken, and nothing is returned. */
const DONE = null;

/**
 * Per method: the check of its result (`undefined` = malformed; `getAccount` may give `null`) and
 * what the result is called.
 */
const CHECKS: Record<CheckedMethod, { check: (value: unknown) => unknown; field: string }> = {
  getToken: { check: text, field: 'token' },
  getProducts: { check: toProducts, field: 'products' },
  purchase: { check: normalizePurchaseOutcome, field: 'status' },
  getStoreIdKey: { check: text, field: 'key' },
  storeRequest: { check: toStoreResponse, field: 'status, retryAfter or body' },
  getAccount: { check: toAccount, field: 'account' },
  takePurchases: { check: (value) => (Array.isArray(value) ? value : undefined), field: 'purchases' },
  ackPurchase: { check: () => DONE, field: 'result' },
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
  const host: Record<string, unknown> = {
    canClaim: impl.canClaim !== false,
    dispose: () => impl.dispose?.(),
    supports: (method: string) => supports(impl, method),
  };
  if (impl.onAccountChanged) host.onAccountChanged = checkedAccountEvents(impl);
  for (const [method, { check, field }] of Object.entries(CHECKS)) {
    host[method] = async (...args: unknown[]) => {
      try {
        const answer = deadline(
          method,
          method == 'purchase' ? purchaseTimeout : timeout,
          (resolve, reject) => {
            // In here: a host object's getter may throw too.
            const fn = impl[method as CheckedMethod];
            if (typeof fn != 'function') throw hostUnavailable(method);
            // Not resolve(promise): that would lock the outcome to it, and the timeout could not reject.
            Promise.resolve(fn.apply(impl, args as never)).then(resolve, reject);
          },
        );
        const value = check(await answer);
        if (value === DONE && method == 'ackPurchase') return undefined;
        if (value !== undefined) return value;
        throw malformed(method, field);
      } catch (error) {
        throw isStoreOffersError(error) ? error : hostError('host-error', `failed in ${method}`, error);
      }
    };
  }
  checkedHosts.add(host);
  return host as unknown as StoreHost;
}

/** Whether `impl` offers `method`, asking its own `supports` when it has one; `false` on any failure. */
async function supports(impl: UncheckedHost, method: string): Promise<boolean> {
  try {
    if (impl.supports) return (await impl.supports(method)) === true;
    return typeof impl[method as CheckedMethod] == 'function';
  } catch {
    return false;
  }
}

/**
 * `impl.onAccountChanged` with every account checked: a value that is not `null` or a string of
 * at most `MAX_ACCOUNT_LENGTH` characters is ignored, and a throwing listener is reported, not
 * passed back to the host.
 */
function checkedAccountEvents(impl: UncheckedHost): (listener: AccountListener) => () => void {
  return (listener) => {
    const hear = (value: unknown) => {
      const account = toAccount(value);
      if (account === undefined) return;
      try {
        listener(account);
      } catch (error) {
        reportError(error);
      }
    };
    try {
      return impl.onAccountChanged!(hear);
    } catch {
      return () => undefined;
    }
  };
}

/** Hosts made by functionHost. */
const checkedHosts = new WeakSet<object>();
