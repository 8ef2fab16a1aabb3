/**
 * Every failure the library reports is a `StoreOffersError` with a machine-readable `code`.
 * Messages name what failed (method, URL without query, status) and never contain the token.
 */

/** The codes a {@link StoreOffersError} can carry. */
export const ErrorCode = {
  /** The Store rejected the token (401), even after one refresh. */
  Unauthorized: 'unauthorized',
  /** The request never got an HTTP answer (offline, DNS, connection reset). */
  Network: 'network',
  /** The request took longer than the configured timeout. */
  Timeout: 'timeout',
  /** The Store answered 429 and retries ran out. */
  RateLimited: 'rate-limited',
  /** The Store answered 5xx (or 408) and retries ran out. */
  Server: 'server',
  /** The Store answered with a body that is not the documented shape. */
  BadResponse: 'bad-response',
  /** The Store answered with another 4xx: retrying will not help. */
  Rejected: 'rejected',
  /** The configuration is wrong (endpoint, token, options). */
  InvalidConfig: 'invalid-config',
  /** No token could be obtained (no token set and no host `getToken`). */
  NoToken: 'no-token',
  /** No host is available, or the host lacks the method that was needed. */
  HostUnavailable: 'host-unavailable',
  /** The host did not answer in time. */
  HostTimeout: 'host-timeout',
  /** The host answered with an error or with a malformed result. */
  HostError: 'host-error',
  /** A Store ID key is not a readable Store ID key JWT. */
  InvalidStoreIdKey: 'invalid-store-id-key',
  /** The purchase succeeded but no `orderId` or receipt came back, so it cannot be claimed. */
  ClaimUnavailable: 'claim-unavailable',
  /** The operation was aborted through its `AbortSignal`. */
  Aborted: 'aborted',
  /**
   * The purchase was not completed (`not-purchased`): most often the user closed the Store dialog,
   * but Windows reports a failure the same way (`StorePurchaseStatus.NotPurchased`), so it cannot
   * be told apart from a cancel. Not an error to show: the button is ready to buy again.
   */
  PurchaseNotCompleted: 'purchase-not-completed',
  /** A claim the Store did not accept within the queue's `expireAfter` (default 30 days): no longer retried. */
  ClaimExpired: 'claim-expired',
  /** The claim endpoint answered 404 or 410: the Store no longer takes claims; none is sent from the page. */
  ClaimsUnavailable: 'claims-unavailable',
  /** A journaled purchase matched no offer (no or unknown `trackingId`): acknowledged without a claim. */
  PurchaseUnmatched: 'purchase-unmatched',
  /** A Store ID key was made for another `publisherUserId` than asked: accepted, reported once. */
  StoreIdKeyUserMismatch: 'store-id-key-user-mismatch',
  /** The host reported a purchase that did not go through (`not-fulfilled`). */
  PurchaseFailed: 'purchase-failed',
} as const;
/** A {@link StoreOffersError} code. */
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Options of {@link StoreOffersError}. */
export interface StoreOffersErrorOptions {
  /** The underlying error. */
  cause?: unknown;
  /** HTTP status, when the error comes from an HTTP answer. */
  status?: number;
  /** Seconds the server asked us to wait (`Retry-After`), when it did. */
  retryAfter?: number;
}

/** The one error class of the library. Check `code`, not the message. */
export class StoreOffersError extends Error {
  /** Machine-readable reason. */
  declare readonly code: ErrorCode;
  /** HTTP status when the error comes from an HTTP answer. */
  declare readonly status?: number;
  /** Seconds the server asked to wait before retrying (`Retry-After`). */
  declare readonly retryAfter?: number;

  constructor(code: ErrorCode, message: string, options: StoreOffersErrorOptions = {}) {
    // Error takes `cause` (when `options` has one); `status` and `retryAfter` become own properties.
    super(message, options);
    Object.assign(this, { name: 'StoreOffersError', code }, options);
  }
}

/** Type guard that also works across bundle copies (checks `name`, not the class). */
export function isStoreOffersError(value: unknown): value is StoreOffersError {
  if (!(value instanceof Error) || value.name !== 'StoreOffersError') return false;
  return typeof (value as StoreOffersError).code === 'string';
}

/** True for failures a retry can fix: network, timeout, server (5xx/408), rate-limited. */
export function isRetryable(error: unknown): boolean {
  return isStoreOffersError(error) && ['network', 'timeout', 'server', 'rate-limited'].includes(error.code);
}

/** The error for work stopped through its `AbortSignal` (`what` names the work); the signal's reason is the `cause`. */
export function abortedError(what: string, signal: AbortSignal): StoreOffersError {
  return new StoreOffersError('aborted', `${what} was aborted`, { cause: signal.reason });
}
