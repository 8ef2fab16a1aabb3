/**
 * Waiting: capped exponential backoff with full jitter (shared by the offers client and the claim
 * queue), `Retry-After`, and abortable waits.
 */
import { abortedError } from './errors.js';

/** Backoff settings. */
export interface BackoffOptions {
  /** Delay before the first retry, in ms (default 500). */
  baseDelay?: number;
  /** Largest delay, in ms (default 30 000). */
  maxDelay?: number;
  /** Random source in [0, 1) (default `Math.random`); tests pass a fixed one. */
  random?: () => number;
}

/**
 * The delay before retry number `attempt` (1-based): a random value in
 * [half, full] of `min(maxDelay, baseDelay * 2^(attempt-1))`. A server's `Retry-After`
 * (seconds) wins when it is longer, still capped by `maxDelay`.
 */
export function backoffDelay(attempt: number, options: BackoffOptions = {}, retryAfterSeconds = 0): number {
  const { baseDelay = 500, maxDelay = 30_000, random = Math.random } = options;
  const ceiling = Math.min(maxDelay, baseDelay * 2 ** (attempt - 1));
  return Math.round(Math.max((ceiling * (1 + random())) / 2, Math.min(maxDelay, retryAfterSeconds * 1000)));
}

/**
 * Parses a `Retry-After` header (delta-seconds or an HTTP date) into seconds from `now`;
 * `undefined` when absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  // Date.parse reads anything else (null and '' included) as NaN.
  const seconds = /^\s*\d+\s*$/.test(value!) ? +value! : Math.ceil((Date.parse(value!) - now) / 1000);
  return isNaN(seconds) ? undefined : Math.max(0, seconds);
}

/**
 * What `start()` resolves to, or an `aborted` error naming `what` as soon as `signal` aborts
 * (`start` is not called when it has already). Stops the wait only: the work goes on.
 */
export function abortable<T>(what: string, signal: AbortSignal | undefined, start: () => Promise<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(abortedError(what, signal!));
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort);
    start()
      .then(resolve, reject)
      .finally(() => signal?.removeEventListener('abort', onAbort));
  });
}

/** Resolves after `ms`; rejects like {@link abortable} when `signal` aborts first. */
export const sleep = (ms: number, signal?: AbortSignal, what = 'Waiting'): Promise<void> =>
  abortable(what, signal, () => new Promise((resolve) => setTimeout(resolve, ms)));
