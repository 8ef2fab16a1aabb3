/**
 * The library's two retry policies, side by side, and the one backoff they share. The offers GET
 * is retried within one call by ky (the offers client turns {@link OFFERS_RETRY} into ky's retry
 * options); a claim is retried by the claim queue across timers, tabs and reloads
 * ({@link CLAIMS_RETRY}), because a claim must outlive the page that made it. Both wait a capped
 * exponential backoff with jitter and honour the Store's `Retry-After` up to the cap.
 */
import { isRetryable, type StoreOffersError } from './errors.js';

const SECOND_MS = 1000;
const MINUTE_MS = 60 * SECOND_MS;
const HOUR_MS = 60 * MINUTE_MS;

/** How failed requests are retried. */
export interface RetryPolicy {
  /** Delay before the first retry, in ms. */
  baseDelay?: number;
  /** Largest delay, in ms; also caps what `Retry-After` may ask. */
  maxDelay?: number;
  /** Random source in [0, 1) for the jitter (default `Math.random`); tests pass a fixed one. */
  random?: () => number;
  /** The most retries in a row after the first attempt. */
  limit?: number;
}

/** Offers GET: a few quick retries (the page is waiting), then the error is shown. */
export const OFFERS_RETRY = { baseDelay: 500, maxDelay: 30 * SECOND_MS, limit: 3 } as const satisfies RetryPolicy;

/**
 * Claims: retried without a count limit, the wait doubling from 2 s up to 6 hours, so a long
 * Store outage costs each claim a few POSTs a day. Permanent failures end the retries, and so does
 * the claim's age (the queue's `expireAfter`, 30 days; see {@link isRetryableClaimFailure}).
 */
export const CLAIMS_RETRY = {
  baseDelay: 2 * SECOND_MS,
  maxDelay: 6 * HOUR_MS,
  limit: Infinity,
} as const satisfies RetryPolicy;

/** A policy with every number set. */
export type ResolvedRetryPolicy = Required<Omit<RetryPolicy, 'random'>> & Pick<RetryPolicy, 'random'>;

/** `given` over `defaults`, field by field (an `undefined` field counts as not given). */
export function resolvePolicy(given: RetryPolicy = {}, defaults: Omit<ResolvedRetryPolicy, 'random'>): ResolvedRetryPolicy {
  return {
    baseDelay: given.baseDelay ?? defaults.baseDelay,
    maxDelay: given.maxDelay ?? defaults.maxDelay,
    limit: given.limit ?? defaults.limit,
    random: given.random,
  };
}

/** HTTP statuses worth another try: request timeout, too many requests, every server error. */
export function isRetryableStatus(status: number): boolean {
  return status == 408 || status == 429 || (status >= 500 && status <= 599);
}

/**
 * Whether a failed claim is tried again by itself: what {@link isRetryable} says (network,
 * timeout, 408, 429, 5xx), and a host that did not answer `getToken` in time (the only source of
 * `host-timeout` on this path), which passes like a network error.
 */
export function isRetryableClaimFailure(error: StoreOffersError): boolean {
  return isRetryable(error) || error.code == 'host-timeout';
}

/** The backoff before retry number `attempt` (1-based), before jitter: `baseDelay * 2^(attempt-1)`, capped. */
export function backoffCeiling(attempt: number, policy: RetryPolicy): number {
  const { baseDelay = OFFERS_RETRY.baseDelay, maxDelay = OFFERS_RETRY.maxDelay } = policy;
  return Math.min(maxDelay, baseDelay * 2 ** (attempt - 1));
}

/** Jitter: a random value in [half, full] of `delay`, so clients that failed together spread out. */
export function withJitter(delay: number, random: () => number = Math.random): number {
  return (delay * (1 + random())) / 2;
}

/**
 * The claim queue's wait before retry number `attempt`: the jittered backoff, or the server's
 * `Retry-After` (seconds) when that is longer, never more than `maxDelay`.
 */
export function backoffDelay(attempt: number, policy: RetryPolicy = {}, retryAfterSeconds = 0): number {
  const { maxDelay = OFFERS_RETRY.maxDelay, random } = policy;
  const backoff = withJitter(backoffCeiling(attempt, policy), random);
  const serverWait = Math.min(maxDelay, retryAfterSeconds * SECOND_MS);
  return Math.round(Math.max(backoff, serverWait));
}

/**
 * Parses a `Retry-After` header (delta-seconds or an HTTP date) into seconds from `now`, for the
 * errors we report; `undefined` when absent or unreadable. A date in the past is 0.
 */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (typeof value != 'string') return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value);
  const seconds = Math.ceil((Date.parse(value) - now) / SECOND_MS);
  return Number.isNaN(seconds) ? undefined : Math.max(0, seconds);
}
