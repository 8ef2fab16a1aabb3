import { abortable } from './abortable.js';
import { isStoreOffersError, StoreOffersError } from './errors.js';
import type { StoreHost, TokenSource } from './types.js';

/** Hands out the MSA token, asking its source as rarely as possible. Kept in memory only. */
export interface TokenProvider {
  /**
   * The cached token; asks the source on first use, or again with `forceRefresh` (after a 401).
   * Concurrent calls share one request. `rejected` is the token the Store just refused: when a
   * newer one has arrived since (another request's refresh), that one is returned instead of
   * asking again. `signal` stops this caller's wait (code `aborted`), not a request other callers share.
   */
  get(options?: { forceRefresh?: boolean; rejected?: string; signal?: AbortSignal }): Promise<string>;
}

/**
 * A {@link TokenProvider} over a {@link TokenSource} (a string, or an async function called with
 * `{ forceRefresh }`), else over the host's `getToken`. With neither, `get` rejects with
 * `StoreOffersError` `no-token`; so does an empty or non-string token, one `fetch` cannot put in a
 * header (blank, a line break, NUL, a character above U+00FF), or a source function that
 * throws something other than a `StoreOffersError`. Host failures keep their `host-*` codes.
 * A failed request is not cached: the next `get` asks again.
 */
export function createTokenProvider(
  source: TokenSource | undefined,
  host?: Pick<StoreHost, 'getToken'>,
): TokenProvider {
  /** The token (a settled promise), or the request for it in flight. */
  let current: Promise<string> | undefined;
  /** Whether `current` is a `forceRefresh` request still in flight: refreshes share it. */
  let refreshing = false;
  /** The token `current` settled with. */
  let latest: string | undefined;

  async function ask(forceRefresh: boolean): Promise<string> {
    const getToken = typeof source == 'string' ? () => source : (source ?? host?.getToken?.bind(host));
    if (!getToken) throw noToken('none set and no host getToken');
    let value: unknown;
    try {
      value = await getToken({ forceRefresh });
    } catch (error) {
      throw isStoreOffersError(error) ? error : noToken('the token function failed', error);
    }
    if (typeof value != 'string' || !value) throw noToken(`the token source gave ${describeNonToken(value)}`);
    // fetch strips HTTP whitespace around a header value, then refuses NUL, CR, LF and non-Latin-1:
    // that would surface as a retried "network error".
    const sent = value.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');
    if (!sent || /[\0\n\r]|[^\0-\xff]/.test(sent)) {
      const why = 'blank, a line break, NUL or beyond Latin-1';
      throw noToken(`the token source gave a token no HTTP header can carry (${why})`);
    }
    return value;
  }

  /**
   * Whether this call must ask the source: nothing asked yet, or a refresh that no other caller
   * started and that is not for a token already replaced (a 401 for a token that two requests
   * carried refreshes once, not twice).
   */
  function mustAsk(forceRefresh: boolean, rejected: string | undefined): boolean {
    if (!current) return true;
    const stillCurrent = rejected === undefined || rejected === latest;
    return forceRefresh && !refreshing && stillCurrent;
  }

  function startAsking(forceRefresh: boolean): Promise<string> {
    const promise = ask(forceRefresh);
    current = promise;
    refreshing = forceRefresh;
    // Only the latest request settles the cache: a superseded one must not overwrite a refresh.
    promise.then(
      (token) => {
        if (current != promise) return;
        refreshing = false;
        latest = token;
      },
      () => {
        if (current == promise) current = undefined;
      },
    );
    return promise;
  }

  return {
    get: ({ forceRefresh = false, rejected, signal } = {}) =>
      // The signal stops this caller's wait, not a request other callers share.
      abortable('Getting the token', signal, () => {
        if (mustAsk(forceRefresh, rejected)) return startAsking(forceRefresh);
        return current!;
      }),
  };
}

function noToken(why: string, cause?: unknown): StoreOffersError {
  return new StoreOffersError('no-token', `No token: ${why}`, { cause });
}

/** What a token source gave instead of a token, for the message (never the value itself). */
function describeNonToken(value: unknown): string {
  if (value === '') return 'an empty string';
  if (value === null) return 'null instead of a string';
  return `${typeof value} instead of a string`;
}

/** Whether `value` is a {@link TokenProvider} (an object with `get`), as opposed to a token source. */
export function isTokenProvider(value: unknown): value is TokenProvider {
  return typeof (value as TokenProvider | undefined)?.get == 'function';
}
