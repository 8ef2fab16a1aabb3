/**
 * The library's one HTTP module, on plain `fetch`. It sends a single request and turns every
 * outcome that is not a 2xx into a `StoreOffersError`. Retries follow backoff.ts (one policy with
 * the claim queue), and the timeout covers reading the body too.
 */
import { parseRetryAfter } from './backoff.js';
import { urlForMessage } from './endpoint.js';
import { abortedError, ErrorCode, isStoreOffersError, StoreOffersError } from './errors.js';

/**
 * The largest response body read, in bytes (1 MiB; the offers list is a few hundred bytes).
 * A longer body is cancelled as soon as it passes the cap and rejected as `bad-response`.
 */
export const MAX_RESPONSE_BYTES = 1024 * 1024;

/** One request to the Store. */
export interface HttpRequest {
  method: 'GET' | 'POST';
  /** An absolute, validated URL (see `validateEndpoint`). */
  url: string;
  /** Sent as `Authorization: Bearer …`; never part of an error. */
  token: string;
  /** JSON text, sent as is with `Content-Type: application/json`. */
  json?: string;
  /** Milliseconds allowed for the whole exchange, reading the body included. */
  timeout: number;
  signal?: AbortSignal;
  /** The `fetch` to use (a test seam); default the global one. */
  fetch?: typeof fetch;
}

/**
 * Sends one request and resolves with the body text of a 2xx answer to a GET (a POST's answer
 * body is discarded). Redirects are not followed, so the token only ever reaches `url`.
 * Rejects with a `StoreOffersError`: `aborted` (through `signal`), `timeout`, `network` (no
 * answer), `unauthorized` (401), `rate-limited` (429), `server` (5xx, 408), `rejected` (any other
 * answer, redirects included) or `bad-response` (body over {@link MAX_RESPONSE_BYTES}); `status`
 * and `retryAfter` (seconds, from `Retry-After`) are set when the server sent them.
 */
export async function sendRequest(request: HttpRequest): Promise<string> {
  const { method, url, signal, timeout } = request;
  const what = `${method} ${urlForMessage(url)}`;
  if (signal?.aborted) throw abortedError(what, signal);
  // One deadline for the whole exchange, reading the body included.
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeout);
  const onAbort = () => controller.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const send = request.fetch ?? fetch;
    const response = await send(url, {
      method,
      headers: {
        Accept: 'application/json',
        Authorization: `Bearer ${request.token}`,
        ...(request.json === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: request.json,
      signal: controller.signal,
      redirect: 'manual',
      credentials: 'omit',
      cache: 'no-store',
    });
    if (!response.ok || method !== 'GET') {
      void response.body?.cancel().catch(() => undefined);
      if (response.ok) return '';
      throw statusError(what, response);
    }
    return await readText(response, what);
  } catch (error) {
    if (isStoreOffersError(error)) throw error;
    if (signal?.aborted) throw abortedError(what, signal);
    if (timedOut) throw new StoreOffersError(ErrorCode.Timeout, `${what} timed out after ${timeout} ms`, { cause: error });
    throw new StoreOffersError(ErrorCode.Network, `${what} failed: no answer from the server (network error)`, { cause: error });
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

function statusError(what: string, response: Response): StoreOffersError {
  const { status } = response;
  const code =
    status === 401
      ? ErrorCode.Unauthorized
      : status === 429
        ? ErrorCode.RateLimited
        : status === 408 || status >= 500
          ? ErrorCode.Server
          : ErrorCode.Rejected;
  // A manual redirect arrives as an opaque response with status 0.
  const answer =
    status === 0 ? 'a redirect, which is not followed' : `HTTP ${status}${status === 401 ? ' (the token was not accepted)' : ''}`;
  return new StoreOffersError(code, `${what} answered ${answer}`, {
    status: status || undefined,
    retryAfter: parseRetryAfter(response.headers.get('Retry-After')),
  });
}

/** Reads the body as UTF-8, giving up (and cancelling the download) past the size cap. */
async function readText(response: Response, what: string): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    size += value.byteLength;
    if (size > MAX_RESPONSE_BYTES) {
      void reader.cancel().catch(() => undefined);
      throw new StoreOffersError(ErrorCode.BadResponse, `${what} answered with a body over ${MAX_RESPONSE_BYTES} bytes, the most accepted`, {
        status: response.status,
      });
    }
    text += decoder.decode(value, { stream: true });
  }
}
