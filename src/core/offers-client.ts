import { backoffDelay, sleep, type BackoffOptions } from './backoff.js';
import { urlForMessage, validateEndpoint } from './endpoint.js';
import { abortedError, ErrorCode, isRetryable, isStoreOffersError, StoreOffersError } from './errors.js';
import { sendRequest, type HttpRequest } from './http.js';
import { parseOffers } from './offers-parser.js';
import { createTokenProvider, isTokenProvider, type TokenProvider } from './token-provider.js';
import type { StoreOffer, TokenSource } from './types.js';

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
   * token refresh), `rejected` (other 4xx), `bad-response` (not JSON, wrong shape, body over
   * 1 MiB), `aborted`, or the token provider's `no-token` / `host-*` codes.
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
  const { timeout = 10_000, fetch, retry = {} } = options;
  const { limit = 3 } = retry;

  /** One request with the current token; after a 401, once more with a fresh one. */
  async function authorized(request: Omit<HttpRequest, 'token' | 'url' | 'timeout' | 'fetch'>): Promise<string> {
    const send = (token: string) => sendRequest({ ...request, url: endpoint, token, timeout, fetch });
    const { signal } = request;
    try {
      return await send(await tokens.get({ signal }));
    } catch (error) {
      if (!isStoreOffersError(error) || error.code !== ErrorCode.Unauthorized) throw error;
    }
    return send(await tokens.get({ forceRefresh: true, signal }));
  }

  return {
    endpoint,

    async getOffers({ signal } = {}) {
      for (let attempt = 1; ; attempt++) {
        let text: string;
        try {
          text = await authorized({ method: 'GET', signal });
        } catch (error) {
          if (attempt > limit || !isRetryable(error)) throw error;
          await sleep(backoffDelay(attempt, retry, (error as StoreOffersError).retryAfter), signal).catch(() => {
            throw abortedError(`GET ${urlForMessage(endpoint)}`, signal!);
          });
          continue;
        }
        return toOffers(text, endpoint);
      }
    },

    async claim(storeOffer, receipt, { signal } = {}) {
      await authorized({ method: 'POST', json: JSON.stringify({ storeOffer: storeOffer.raw, receipt }), signal });
    },
  };
}

/** JSON-parses and normalises the GET body; any failure is `bad-response` naming the request. */
function toOffers(text: string, endpoint: string): StoreOffer[] {
  const what = `GET ${urlForMessage(endpoint)}`;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new StoreOffersError(ErrorCode.BadResponse, `${what} answered with a body that is not JSON`, { cause: error });
  }
  try {
    return parseOffers(body);
  } catch (error) {
    throw new StoreOffersError(ErrorCode.BadResponse, `${what}: ${(error as Error).message}`, { cause: error });
  }
}
