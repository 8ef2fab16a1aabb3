/** Waits that an `AbortSignal` can stop. */
import { abortedError } from './errors.js';

/**
 * What `start()` resolves to, or an `aborted` error naming `what` as soon as `signal` aborts
 * (`start` is not called when it has already). Stops the wait only: the work goes on, so a
 * request other callers share is not cancelled by one caller leaving.
 */
export function abortable<T>(what: string, signal: AbortSignal | undefined, start: () => Promise<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortedError(what, signal));
      return;
    }
    const onAbort = () => reject(abortedError(what, signal!));
    signal?.addEventListener('abort', onAbort);
    start()
      .then(resolve, reject)
      .finally(() => signal?.removeEventListener('abort', onAbort));
  });
}

/** Resolves after `ms`; rejects like {@link abortable} when `signal` aborts first. */
export function sleep(ms: number, signal?: AbortSignal, what = 'Waiting'): Promise<void> {
  return abortable(what, signal, () => new Promise((resolve) => setTimeout(resolve, ms)));
}
