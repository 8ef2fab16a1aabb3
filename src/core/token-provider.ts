import { abortedError, ErrorCode, isStoreOffersError, StoreOffersError } from './errors.js';
import type { StoreHost, TokenSource } from './types.js';

/** Hands out the MSA token, asking its source as rarely as possible. Kept in memory only. */
export interface TokenProvider {
  /**
   * The cached token; asks the source on first use, or again with `forceRefresh` (after a 401).
   * Concurrent calls share one request. `signal` stops this caller's wait (code `aborted`),
   * not a request other callers share.
   */
  get(options?: { forceRefresh?: boolean; signal?: AbortSignal }): Promise<string>;
}

type Ask = (options: { forceRefresh: boolean }) => Promise<string> | string;

/**
 * A {@link TokenProvider} over a {@link TokenSource} (a string, or an async function called with
 * `{ forceRefresh }`), else over the host's `getToken`. With neither, `get` rejects with
 * `StoreOffersError` `no-token`; so does an empty or non-string token, or a source function that
 * throws something other than a `StoreOffersError`. Host failures keep their `host-*` codes.
 * A failed request is not cached: the next `get` asks again.
 */
export function createTokenProvider(source: TokenSource | undefined, host?: Pick<StoreHost, 'getToken'>): TokenProvider {
  const ask: Ask | undefined =
    typeof source === 'string'
      ? () => source
      : typeof source === 'function'
        ? (options) => source(options)
        : host?.getToken
          ? (options) => host.getToken!(options)
          : undefined;
  let token: string | undefined;
  let pending: { forced: boolean; promise: Promise<string> } | undefined;

  function request(forced: boolean): Promise<string> {
    const promise = (async () => {
      if (!ask) throw new StoreOffersError(ErrorCode.NoToken, 'No token: set a token, or use a host that provides getToken');
      let value: unknown;
      try {
        value = await ask({ forceRefresh: forced });
      } catch (error) {
        if (isStoreOffersError(error)) throw error;
        throw new StoreOffersError(ErrorCode.NoToken, 'No token: the token function failed', { cause: error });
      }
      if (typeof value !== 'string' || value === '') {
        throw new StoreOffersError(ErrorCode.NoToken, `No token: the token source gave ${value === '' ? 'an empty string' : `${value === null ? 'null' : typeof value} instead of a string`}`);
      }
      return value;
    })();
    pending = { forced, promise };
    // Only the latest request settles the cache: a superseded one must not overwrite a refresh.
    promise.then(
      (value) => {
        if (pending?.promise === promise) [token, pending] = [value, undefined];
      },
      () => {
        if (pending?.promise === promise) pending = undefined;
      },
    );
    return promise;
  }

  return {
    get({ forceRefresh = false, signal } = {}) {
      if (signal?.aborted) return Promise.reject(abortedError('Getting the token', signal));
      if (forceRefresh) token = undefined;
      const shared =
        pending && (pending.forced || !forceRefresh) ? pending.promise : token !== undefined ? Promise.resolve(token) : request(forceRefresh);
      return signal ? untilAborted(shared, signal) : shared;
    },
  };
}

/** Whether `value` is a {@link TokenProvider} (an object with `get`), as opposed to a token source. */
export function isTokenProvider(value: unknown): value is TokenProvider {
  return typeof value === 'object' && value !== null && typeof (value as TokenProvider).get === 'function';
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(abortedError('Getting the token', signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
