/**
 * Host-carried Store calls (SPEC.md "Protocol additions", `storeRequest`): a `fetch`-shaped
 * transport that hands each offers GET and claim POST to the host, which sends it to its own fixed
 * Store URL with its own token (native code needs no CORS). The offers client uses it as ky's
 * `fetch`, so retries, `Retry-After`, timeouts, the 401 refresh, the status → code mapping and the
 * 1 MiB body cap are the code path of direct requests; only the wire differs.
 */
import { isStoreOffersError, StoreOffersError } from './errors.js';
import { hostError } from './host/host-results.js';
import type { OffersFetch } from './offers-client.js';
import type { StoreHost, StoreRequest } from './types.js';

/** The host error code a `storeRequest` answers when the Store could not be reached (a network error). */
const STORE_UNREACHABLE = 'store-unavailable';
/** Statuses whose responses have no body (a `Response` refuses one). */
const NULL_BODY_STATUSES = [204, 205, 304];
/** The lowest status a `Response` can carry: 1xx are interim answers, never a final one. */
const LOWEST_FINAL_STATUS = 200;

/**
 * A transport that carries the token itself: the offers client sets no `Authorization` header and
 * never asks for a token; after a 401 it calls `refreshToken` and retries once.
 */
export interface CarriedTransport {
  /** Sends one request (ky's `fetch`). */
  fetch: OffersFetch;
  /** The next request asks the carrier for a fresh token (`storeRequest` `forceRefresh: true`). */
  refreshToken(): void;
}

/**
 * The transport over `host.storeRequest`. Each request becomes `{ method, body?, forceRefresh? }`
 * (the URL and headers stay in the page: the host is no proxy). The answer becomes a `Response`
 * with its status, `Retry-After` and body. A rejected call whose host error code is
 * `store-unavailable` is a network error (retried like one); any other rejection, and an answer
 * that is not `{ status: integer 100–599, retryAfter?, body? }`, is `host-error`; a final status
 * below 200 is `bad-response`. The request's signal (ky's timeout, the caller's abort) stops the
 * wait; a late answer is dropped.
 */
export function storeRequestTransport(host: Pick<StoreHost, 'storeRequest'>): CarriedTransport {
  /** Set by a 401: the next request carries `forceRefresh: true`, once. */
  let refreshNext = false;

  async function send(request: Request): Promise<Response> {
    const method = request.method == 'POST' ? 'POST' : 'GET';
    const params: StoreRequest = { method };
    if (method == 'POST') params.body = await request.text();
    if (refreshNext) {
      params.forceRefresh = true;
      refreshNext = false;
    }
    if (!host.storeRequest) throw hostError('host-unavailable', 'lacks storeRequest');
    const answer = await untilAborted(request.signal, host.storeRequest(params)).catch(toTransportError);
    const headers = new Headers({ 'Content-Type': 'application/json' });
    if (answer.retryAfter !== undefined) headers.set('Retry-After', answer.retryAfter);
    if (answer.status < LOWEST_FINAL_STATUS) {
      throw new StoreOffersError('bad-response', `The host's storeRequest answered an interim HTTP ${answer.status}`);
    }
    const body = NULL_BODY_STATUSES.includes(answer.status) ? null : (answer.body ?? null);
    return new Response(body, { status: answer.status, headers });
  }

  return {
    fetch: (input) => send(input),
    refreshToken() {
      refreshNext = true;
    },
  };
}

/**
 * What a failed `storeRequest` becomes: the host's "Store unreachable" a `TypeError` (what a
 * failed `fetch` throws, so it is retried and reported as `network`), a `StoreOffersError` as is.
 */
function toTransportError(error: unknown): never {
  const cause: unknown = isStoreOffersError(error) ? error.cause : undefined;
  const code = typeof cause == 'object' && cause ? (cause as { code?: unknown }).code : undefined;
  if (code === STORE_UNREACHABLE) throw new TypeError('The host could not reach the Store');
  if (isStoreOffersError(error)) throw error;
  throw hostError('host-error', 'failed in storeRequest', error);
}

/** `promise`, or a rejection with the signal's reason once it aborts (the promise is left to settle alone). */
function untilAborted<T>(signal: AbortSignal | null | undefined, promise: Promise<T>): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** What decides between host-carried and direct Store calls. */
export interface StoreCallChoice {
  /** The host (any adapter's, or `functionHost`'s). */
  host: Pick<StoreHost, 'supports' | 'storeRequest'> | null | undefined;
  /** The token the app set, if any. */
  token?: unknown;
  /** The endpoint the app set, if any. */
  endpoint?: string | null;
}

/**
 * Whether Store calls may go through the host, before it said what it does: it has
 * `storeRequest` and the app set neither `token` nor `endpoint` (either one means direct calls).
 */
export function mayCarryStoreCalls(choice: StoreCallChoice): boolean {
  const { host, token, endpoint } = choice;
  return !!host?.storeRequest && !token && !endpoint;
}

/**
 * Whether Store calls go through the host (SPEC.md): the host announces `storeRequest` and the app
 * set neither `token` nor `endpoint`. Never rejects.
 */
export async function usesHostCarriedCalls(choice: StoreCallChoice): Promise<boolean> {
  const { host } = choice;
  if (!host || !mayCarryStoreCalls(choice)) return false;
  try {
    return (await host.supports?.('storeRequest')) ?? true;
  } catch {
    return false;
  }
}
