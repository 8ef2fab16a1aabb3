/** `createOffersClient`: the Store's targeted-offers endpoint (STORE-API.md §1) over plain `fetch`. */
import { abortable, backoffDelay, parseRetryAfter, sleep, type BackoffOptions } from './backoff.js';
import { validateEndpoint } from './endpoint.js';
import { isRetryable, isStoreOffersError, StoreOffersError, type ErrorCode } from './errors.js';
import { parseOffers } from './offers-parser.js';
import { createTokenProvider, isTokenProvider, type TokenProvider } from './token-provider.js';
import type { StoreOffer, TokenSource } from './types.js';

/** The largest response body read (1 MiB; an offers list is a few hundred bytes). */
const MAX_BYTES = 1048576;

/** Options of {@link createOffersClient}. */
export interface OffersClientOptions {
  /** The Store endpoint (default `DEFAULT_ENDPOINT`); validated by `validateEndpoint`. */
  endpoint?: string;
  /** The token: a string, an async function (called with `{ forceRefresh: true }` after a 401), or a shared {@link TokenProvider}. */
  token: TokenSource | TokenProvider;
  /** The `fetch` to use (a test seam); default the global one. */
  fetch?: typeof fetch;
  /** Milliseconds allowed per attempt, reading the body included (default 10 000). */
  timeout?: number;
  /** GET retries: backoff settings and `limit`, the most retries after the first attempt (default 3). */
  retry?: BackoffOptions & { limit?: number };
}

/** Talks to the Store's targeted-offers endpoint. */
export interface OffersClient {
  /** The validated endpoint every request goes to (and the only place the token is sent). */
  readonly endpoint: string;
  /**
   * The signed-in user's offers (an empty array when there are none). Retries network errors,
   * timeouts, 408, 429 and 5xx with capped exponential backoff and jitter, waiting at least what
   * `Retry-After` asks (up to `maxDelay`). Rejects with a `StoreOffersError`: `network`,
   * `timeout`, `rate-limited`, `server` once retries run out; `unauthorized` (401 even after one
   * token refresh), `rejected` (other 4xx, or a redirect: redirects are not followed, so the token
   * reaches only the endpoint), `bad-response` (not JSON, wrong shape, body over 1 MiB),
   * `aborted`, or the token provider's `no-token` / `host-*` codes. `status` and `retryAfter`
   * (seconds) are set when the server sent them.
   */
  getOffers(options?: { signal?: AbortSignal }): Promise<StoreOffer[]>;
  /**
   * Claims an offer: one POST of `{ storeOffer: storeOffer.raw, receipt }`; a 401 refreshes the
   * token once and retries once. No other retries (the claim queue retries). Rejects like
   * `getOffers`.
   */
  claim(storeOffer: StoreOffer, receipt: string, options?: { signal?: AbortSignal }): Promise<void>;
}

/**
 * Creates an {@link OffersClient}. Throws `invalid-config` for a bad endpoint. No request is sent
 * before the token source has given a token.
 */
export function createOffersClient(options: OffersClientOptions): OffersClient {
  const endpoint = validateEndpoint(options.endpoint);
  const tokens = isTokenProvider(options.token) ? options.token : createTokenProvider(options.token);
  const { timeout = 10_000, fetch: fetcher = fetch, retry = {} } = options;
  // Messages name the URL without its query (validation already refused credentials, dropped the fragment).
  const url = endpoint.split('?')[0];

  /**
   * One exchange with one deadline, reading the body included, and once more with a fresh token
   * after a 401 (`rejected`: the token the 401 refused). Resolves with the offers of a 2xx answer to a GET (nothing for a POST: its body
   * is dropped); anything else rejects as documented on `getOffers`.
   */
  async function send(signal?: AbortSignal, json?: string, rejected?: string): Promise<StoreOffer[]> {
    const forceRefresh = rejected !== undefined;
    const method = json ? 'POST' : 'GET';
    const what = `${method} ${url}`;
    const fail = (code: ErrorCode, fact: string, cause?: unknown, status?: number, retryAfter?: number) =>
      new StoreOffersError(code, what + fact, { cause, status, retryAfter });
    const token = await tokens.get({ forceRefresh, rejected, signal });
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeout);
    let response!: Response;
    let text = '';
    let size = 0;
    try {
      await abortable(what, signal, async () => {
        response = await fetcher(endpoint, {
          method,
          headers: { Accept: 'application/json', Authorization: `Bearer ${token}`, ...(json && { 'Content-Type': 'application/json' }) },
          body: json,
          signal: controller.signal,
          redirect: 'manual',
          credentials: 'omit',
          cache: 'no-store',
        });
        const { body } = response;
        if (response.ok && !json && body) {
          // Read with a cap (the finally below cancels the rest), decoding as the chunks come.
          const reader = body.getReader();
          const decoder = new TextDecoder();
          for (let chunk; !(chunk = await reader.read()).done; ) {
            if ((size += chunk.value.length) > MAX_BYTES) break;
            text += decoder.decode(chunk.value, { stream: true });
          }
          text += decoder.decode();
        }
      });
    } catch (error) {
      throw isStoreOffersError(error)
        ? error
        : controller.signal.aborted
          ? fail('timeout', ` timed out after ${timeout} ms`, error)
          : fail('network', ' failed (network error)', error);
    } finally {
      clearTimeout(timer);
      // Cancels what is left: a body not read, or a request the signal stopped.
      controller.abort();
    }
    const { status } = response;
    if (status == 401 && !forceRefresh) return send(signal, json, token);
    const over = size > MAX_BYTES;
    if (response.ok && !over) {
      if (json) return [];
      try {
        return parseOffers(JSON.parse(text));
      } catch (error) {
        throw fail('bad-response', `: ${isStoreOffersError(error) ? error.message : 'the body is not JSON'}`, error);
      }
    }
    // A redirect arrives as an opaque response with status 0.
    throw fail(
      over ? 'bad-response' : status == 401 ? 'unauthorized' : status == 429 ? 'rate-limited' : status == 408 || status > 499 ? 'server' : 'rejected',
      ` answered ${over ? `a body over ${MAX_BYTES} bytes` : status ? `HTTP ${status}` : 'a redirect (not followed)'}`,
      undefined,
      status || undefined,
      parseRetryAfter(response.headers.get('Retry-After')),
    );
  }

  return {
    endpoint,

    async getOffers({ signal } = {}) {
      for (let attempt = 1; ; attempt++) {
        try {
          return await send(signal);
        } catch (error) {
          if (attempt > (retry.limit ?? 3) || !isRetryable(error)) throw error;
          await sleep(backoffDelay(attempt, retry, (error as StoreOffersError).retryAfter), signal, `GET ${url}`);
        }
      }
    },

    async claim(storeOffer, receipt, { signal } = {}) {
      await send(signal, JSON.stringify({ storeOffer: storeOffer.raw, receipt }));
    },
  };
}
