/**
 * `createOffersClient`: the Store's targeted-offers endpoint (STORE-API.md §1) over ky, the one
 * HTTP client of the library. This is the only module that imports ky, and none of ky's types or
 * errors leave it: every failure becomes a `StoreOffersError`.
 *
 * ky does the HTTP work: the per-attempt timeout, the GET retries (network errors, timeouts, 408,
 * 429 honouring `Retry-After`, 5xx; capped exponential backoff with jitter), and the single token
 * refresh after a 401 (its hooks). What ky does not do is here, each with its reason: the 1 MiB
 * body cap, the mapping of ky's errors to our codes, and keeping the token out of every error.
 *
 * ky 2 (not 1.x), measured under Node 20 and in Chromium: ky 1.14 reads an unparseable
 * `Retry-After` ("soon, maybe") as "wait `maxRetryAfter`" (by default Infinity, clamped to
 * 2^31 - 1 ms, about 25 days) and a negative one as "no wait"; ky 2 falls back to the backoff for
 * both and reads a past date as "now". ky 2 declares Node >= 22 in its engines, but it runs under
 * Node 20 (test/node/offers-client-node.test.js proves it); the library runs it in browsers.
 */
import ky, { isHTTPError, isNetworkError, isTimeoutError, type Options } from 'ky';
import { validateEndpoint } from './endpoint.js';
import { isStoreOffersError, StoreOffersError, type ErrorCode } from './errors.js';
import { parseOffers } from './offers-parser.js';
import {
  backoffCeiling,
  isRetryableStatus,
  OFFERS_RETRY,
  parseRetryAfter,
  resolvePolicy,
  withJitter,
  type RetryPolicy,
} from './retry-policy.js';
import type { CarriedTransport } from './host-carried.js';
import { createTokenProvider, isTokenProvider, type TokenProvider } from './token-provider.js';
import type { StoreOffer, TokenSource } from './types.js';

/**
 * The largest response body read. An offers list is a few hundred bytes; ky reads whatever
 * arrives, so a hostile or broken server could otherwise fill the page's memory.
 */
const MAX_BODY_BYTES = 1024 * 1024;
/** Milliseconds allowed per attempt by default, reading the body included. */
const DEFAULT_TIMEOUT_MS = 10_000;
/** The statuses ky retries: 408, 429, 500–599 (ky's own list has 413 and lacks 501, 505…). */
const RETRY_STATUSES = [408, 429, ...Array.from({ length: 100 }, (_, index) => 500 + index)];

/** A `fetch`-shaped function: the global one, a test's, or a host-carried transport. */
export type OffersFetch = (input: Request, init?: RequestInit) => Promise<Response>;

/** Options of {@link createOffersClient}. */
export interface OffersClientOptions {
  /** The Store endpoint (default `DEFAULT_ENDPOINT`); validated by `validateEndpoint`. */
  endpoint?: string;
  /**
   * The token: a string, an async function (called with `{ forceRefresh: true }` after a 401), or
   * a shared {@link TokenProvider}. Required unless `carrier` is set.
   */
  token?: TokenSource | TokenProvider;
  /**
   * A transport that carries the token itself (`storeRequestTransport(host)`: the host's
   * `storeRequest`). Every request goes through `carrier.fetch` without an `Authorization` header
   * and no token is ever asked for; a 401 calls `carrier.refreshToken()` and retries once. Excludes
   * `token`, `endpoint` and `fetch` (`invalid-config`).
   */
  carrier?: CarriedTransport;
  /**
   * Sends one request and resolves with its response (default: the global `fetch`). Every request
   * of the client goes through it, after the token is set and before the body cap and the status
   * mapping: the seam for tests and for a transport the host carries (`storeRequest`).
   */
  fetch?: OffersFetch;
  /** Milliseconds allowed per attempt, reading the body included (default 10 000). */
  timeout?: number;
  /** GET retries (default {@link OFFERS_RETRY}: `limit` 3, `baseDelay` 500 ms, `maxDelay` 30 s). */
  retry?: RetryPolicy;
}

/** Talks to the Store's targeted-offers endpoint. */
export interface OffersClient {
  /** The validated endpoint every request goes to (and the only place the token is sent). */
  readonly endpoint: string;
  /**
   * The signed-in user's offers (an empty array when there are none). Retries network errors,
   * timeouts, 408, 429 and 5xx with capped exponential backoff and jitter, waiting what
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

/** What a failed direct request to another origin adds to its message. */
const CORS_HINT =
  ', or CORS: the Store endpoint sends no CORS headers to a page of another origin;' +
  ' let the host carry the calls (a host announcing storeRequest, with neither token nor endpoint set)';

/** Whether `endpoint` is of another origin than the page (no page: not cross-origin). */
function isCrossOrigin(endpoint: string): boolean {
  const origin = globalThis.location?.origin;
  return !!origin && origin != 'null' && new URL(endpoint).origin != origin;
}

/** The token provider of `token` (a shared provider as is). */
function tokenProviderOf(token: TokenSource | TokenProvider | undefined): TokenProvider {
  return isTokenProvider(token) ? token : createTokenProvider(token);
}

/** The error code of an HTTP answer that is not a success (status 0: a redirect, not followed). */
function codeForStatus(status: number): ErrorCode {
  if (status == 401) return 'unauthorized';
  if (status == 429) return 'rate-limited';
  if (isRetryableStatus(status)) return 'server';
  return 'rejected';
}

/** How an HTTP answer that is not a success reads in a message. */
function describeStatus(status: number): string {
  return status ? `HTTP ${status}` : 'a redirect (not followed)';
}

/**
 * Reads a response body, at most {@link MAX_BODY_BYTES} of it (the rest is cancelled unread), as
 * one array of bytes (kept in the page: a Blob would go through the browser's blob storage).
 * `undefined` when the body is larger.
 */
async function readCapped(body: ReadableStream<Uint8Array<ArrayBuffer>>): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const reader = body.getReader();
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > MAX_BODY_BYTES) return undefined;
      chunks.push(value);
    }
  } finally {
    reader.cancel().catch(() => undefined);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

/**
 * Creates an {@link OffersClient}. Throws `invalid-config` for a bad endpoint. No request is sent
 * before the token source has given a token.
 */
export function createOffersClient(options: OffersClientOptions): OffersClient {
  const { carrier } = options;
  if (carrier && (options.token !== undefined || options.endpoint !== undefined || options.fetch)) {
    throw new StoreOffersError('invalid-config', 'A host-carried client takes no token, endpoint or fetch');
  }
  // Host-carried: the host's own fixed URL; this one names the calls in messages and is never fetched.
  const endpoint = validateEndpoint(options.endpoint);
  const tokens = carrier ? undefined : tokenProviderOf(options.token);
  const { timeout = DEFAULT_TIMEOUT_MS, retry = {} } = options;
  const send = carrier?.fetch ?? options.fetch ?? ((request: Request) => fetch(request));
  const policy = resolvePolicy(retry, OFFERS_RETRY);
  // ky counts retries with whole numbers only.
  if (!Number.isInteger(policy.limit) || policy.limit < 0) {
    const limit = String(policy.limit);
    throw new StoreOffersError('invalid-config', `Invalid retry limit ${limit}: a whole number, 0 or more`);
  }
  // Messages name the URL without its query (validation already refused credentials, dropped the fragment).
  const url = endpoint.split('?')[0];
  // A page cannot tell a CORS refusal from a network error: for a cross-origin endpoint, the
  // message names both, and the fix.
  const corsHint = !carrier && isCrossOrigin(endpoint) ? CORS_HINT : '';

  /**
   * The bodies of the GET answers `capped` read, by the (bodiless) response handed to ky. ky
   * clones every response for its `afterResponse` hooks and would read an error's body into
   * `HTTPError.data` (up to 10 MiB): a response without a body costs nothing there, and the one
   * body we need is read once, under the cap.
   */
  const bodies = new WeakMap<Response, Uint8Array<ArrayBuffer>>();

  /**
   * The transport ky calls for every attempt, inside its timeout: the response of `send`, with
   * the body of a GET success read here under the cap (kept in `bodies`); any other body is
   * dropped unread.
   */
  async function capped(input: string | URL | Request, init?: RequestInit): Promise<Response> {
    // ky hands over a Request; the other forms are accepted so any fetch-shaped call works.
    const request = input instanceof Request ? input : new Request(input, init);
    const response = await send(request, init);
    // A redirect (`redirect: 'manual'`) is an opaque response with status 0: no body, and no
    // Response can be made with that status.
    if (response.type == 'opaqueredirect' || response.status == 0) return response;
    const head = { status: response.status, statusText: response.statusText, headers: response.headers };
    if (!response.ok || request.method != 'GET' || !response.body) {
      response.body?.cancel().catch(() => undefined);
      return new Response(null, head);
    }
    const body = await readCapped(response.body);
    if (!body) {
      const what = `${request.method} ${url}`;
      throw new StoreOffersError('bad-response', `${what} answered a body over ${MAX_BODY_BYTES} bytes`);
    }
    const answer = new Response(null, head);
    bodies.set(answer, body);
    return answer;
  }

  /**
   * Turns whatever a request rejected with into a `StoreOffersError`. ky's errors carry the
   * `Request` with the `Authorization` header: none of them is ever kept as a `cause`.
   */
  function toStoreOffersError(error: unknown, what: string, signal?: AbortSignal): StoreOffersError {
    if (isStoreOffersError(error)) return error;
    if (signal?.aborted) return new StoreOffersError('aborted', `${what} was aborted`, { cause: signal.reason });
    if (isHTTPError(error)) {
      const { status, headers } = error.response;
      const retryAfter = parseRetryAfter(headers.get('Retry-After'));
      return new StoreOffersError(codeForStatus(status), `${what} answered ${describeStatus(status)}`, {
        status: status || undefined,
        retryAfter,
      });
    }
    if (isTimeoutError(error)) return new StoreOffersError('timeout', `${what} timed out after ${timeout} ms`);
    // The browser's own TypeError ("Failed to fetch") is safe to keep; ky's NetworkError is not.
    const cause = isNetworkError(error) ? error.cause : error;
    return new StoreOffersError('network', `${what} failed (network error${corsHint})`, { cause });
  }

  /**
   * One call: the request, ky's retries (GET only), one token refresh after a 401. Resolves with
   * the successful response.
   */
  async function request(method: 'GET' | 'POST', signal?: AbortSignal, json?: unknown): Promise<Response> {
    const what = `${method} ${url}`;
    /** The token the last attempt carried: a 401 refuses this one. */
    let sent: string | undefined;
    /** Whether this call already spent its one token refresh. */
    let refreshed = false;
    const authorize = async (request: Request, forceRefresh: boolean) => {
      if (!tokens) {
        // Host-carried: the host holds the token, and refreshes it on the next request.
        if (forceRefresh) carrier?.refreshToken();
        return;
      }
      sent = await tokens.get({ forceRefresh, rejected: forceRefresh ? sent : undefined, signal });
      request.headers.set('Authorization', `Bearer ${sent}`);
    };
    const kyOptions: Options = {
      method,
      json,
      signal,
      timeout,
      fetch: capped,
      redirect: 'manual',
      credentials: 'omit',
      cache: 'no-store',
      headers: { Accept: 'application/json' },
      retry: {
        // One more than the policy allows: room for the refresh after a 401, which ky counts as a retry.
        limit: policy.limit + 1,
        // POSTs are retried by the claim queue only (ky's forced retry after a 401 still applies).
        methods: ['get'],
        statusCodes: RETRY_STATUSES,
        afterStatusCodes: RETRY_STATUSES,
        maxRetryAfter: policy.maxDelay,
        backoffLimit: policy.maxDelay,
        delay: (attempt) => backoffCeiling(attempt, policy),
        jitter: (delay) => withJitter(delay, policy.random),
        retryOnTimeout: true,
        shouldRetry: ({ error, retryCount }) => {
          if (signal?.aborted || isStoreOffersError(error)) return false;
          const retries = refreshed ? retryCount - 1 : retryCount;
          if (retries > policy.limit) return false;
          // A fetch that failed in a way ky does not recognise (another browser's message, a
          // custom transport) is a network error as well.
          return error instanceof TypeError ? true : undefined;
        },
      },
      hooks: {
        beforeRequest: [({ request }) => authorize(request, false)],
        afterResponse: [
          async ({ request, response }) => {
            if (response.status != 401 || refreshed) return undefined;
            refreshed = true;
            const retried = new Request(request);
            await authorize(retried, true);
            return ky.retry({ request: retried, delay: 0 });
          },
        ],
      },
    };
    try {
      return await ky(endpoint, kyOptions);
    } catch (error) {
      throw toStoreOffersError(error, what, signal);
    }
  }

  return {
    endpoint,

    async getOffers({ signal } = {}) {
      const response = await request('GET', signal);
      let body: unknown;
      try {
        // UTF-8, decoded at once: `new Response(bytes).text()` would resolve a task later, and
        // the offer would show later. No body at all reads as '', which is not JSON.
        body = JSON.parse(new TextDecoder().decode(bodies.get(response)));
      } catch (error) {
        throw new StoreOffersError('bad-response', `GET ${url}: the body is not JSON`, { cause: error });
      }
      try {
        return parseOffers(body);
      } catch (error) {
        const reason = isStoreOffersError(error) ? error.message : 'the body is not the documented shape';
        throw new StoreOffersError('bad-response', `GET ${url}: ${reason}`, { cause: error });
      }
    },

    async claim(storeOffer, receipt, { signal } = {}) {
      await request('POST', signal, { storeOffer: storeOffer.raw, receipt });
    },
  };
}
