/**
 * The versioned JSON message protocol (SPEC.md "The message protocol") over any transport:
 * WebView2 messages, UWP `notify`, host objects.
 */
import type { PurchaseOptions, StoreHost, StoreIdKeyRequest, StoreRequest } from '../types.js';
import { deadline, functionHost, HOST_TIMEOUT_MS, PURCHASE_TIMEOUT_MS, type HostTimeouts } from './function-host.js';
import { isRecord } from '../is-record.js';
import { hostError, hostUnavailable, strings } from './host-results.js';
import type { StoreOffersError } from '../errors.js';
import { sleep } from '../abortable.js';
import { registerEarlyCalls, type EarlyCalls } from './early-calls.js';
import { ignore } from '../ignore.js';

/** How often an unanswered `hello` is sent again. */
const HELLO_INTERVAL_MS = 1000;

/** The protocol's channel name: messages with any other `channel` are ignored. */
export const HOST_CHANNEL = 'store-offers';
/** The host event that says the signed-in Store user changed (`data: { account }`). */
export const ACCOUNT_CHANGED = 'account-changed';

/** A request from the page to the host. */
export interface HostRequest {
  channel: typeof HOST_CHANNEL;
  v: 1;
  id: string;
  method: string;
  params: Record<string, unknown>;
}

/** Carries requests to the host and its answers back. */
export interface HostTransport {
  /**
   * Sends a request. May return an incoming message (or a promise of one), as a host object's
   * `invoke` does. May throw or reject (a `StoreOffersError` passes through, anything else is a
   * `host-error`).
   */
  send(message: HostRequest): unknown;
  /** Calls `listener` with every incoming message (an object, or a JSON string); returns the unsubscribe. */
  subscribe?(listener: (data: unknown) => void): () => void;
}

/** A request waiting for its answer. */
interface PendingRequest {
  resolve(answer: Record<string, unknown>): void;
  reject(error: unknown): void;
  /** A purchase is heard out even after `dispose()`. */
  isPurchase: boolean;
}

/** Timing of a message host: `timeout` and `purchaseTimeout` limit each request's wait for its answer. */
export interface MessageHostOptions extends HostTimeouts {
  /**
   * The `hello` handshake is re-sent, with the same id, every this many ms until answered or
   * `timeout` passes (default 1 000): a WebView2 host drops messages around navigation, so the
   * first one may be lost. Only `hello` is repeated; it has no side effects.
   */
  helloInterval?: number;
}

/** How an early call (sent before `hello` answered) is recovered when it may have been lost. */
interface EarlyCallOptions {
  /**
   * When `hello` had to be repeated, its first copy, and what went out with it, may have been
   * dropped (WebView2 drops messages during a navigation). Such a call still unanswered when
   * `hello` has answered, and for as long again as `hello` took, is sent once more, and the first
   * answer of the two is taken. Only for calls that change nothing: a duplicate costs the host one
   * more answer, nothing else.
   */
  resendIfLost: boolean;
}

/** Early calls that are safe to send twice: they read, and change nothing at the Store. */
const RESEND_IF_LOST: EarlyCallOptions = { resendIfLost: true };
/** An early call that must never be sent twice: a Store request. */
const NEVER_RESEND: EarlyCallOptions = { resendIfLost: false };

/** The methods a `hello` result announces; `false` when it names none (every method is then tried). */
function announcedMethods(result: unknown): unknown[] | false {
  const methods = isRecord(result) ? result.methods : undefined;
  return Array.isArray(methods) ? methods : false;
}

/**
 * A `StoreHost` speaking the message protocol over `transport`. Nothing is sent until the first
 * call; that call sends `hello` first, and a method `hello` did not announce rejects with
 * `host-unavailable` (a host that answers `hello` with an error or without a `methods` list is
 * taken to offer every method). Answers are matched by id; junk, other channels, other versions,
 * unknown, late and duplicate ids are ignored without throwing. No answer in time → `host-timeout`;
 * an `error` answer → `host-error`. `dispose()` rejects pending calls with `host-unavailable`,
 * except a purchase, whose answer is still taken; it unsubscribes once none is left.
 *
 * Its early calls (early-calls.ts: `getToken`, `getProducts`, one `storeRequest` GET) go out at once, beside
 * `hello`, when `hello` has not answered yet; their answers are taken only once it announced them.
 */
export function createMessageHost(
  transport: HostTransport,
  options: MessageHostOptions = {},
): StoreHost {
  const { timeout = HOST_TIMEOUT_MS, purchaseTimeout = PURCHASE_TIMEOUT_MS, helloInterval = HELLO_INTERVAL_MS } = options;
  /** The requests waiting for their answer, by id. */
  const pending = new Map<unknown, PendingRequest>();
  /** Who hears `account-changed` (the checks are `functionHost`'s). */
  const accountListeners = new Set<(account: unknown) => void>();
  let announced: Promise<unknown[] | false> | undefined;
  /** What the answered `hello` announced (`false`: every method); `undefined` until it answered. */
  let known: unknown[] | false | undefined;
  /** Whether the `hello` under way was sent more than once: its first copy may have been dropped. */
  let helloRepeated = false;
  /** How long the answered `hello` took, from its first copy to its answer, in ms. */
  let helloTook = 0;
  /** Whether a `storeRequest` went out early already: at most one does (a Store request is never sent twice). */
  let storeRequestSentEarly = false;
  /** Set by `dispose()`. */
  let disposed: StoreOffersError | undefined;

  const receive = (data: unknown) => {
    try {
      if (typeof data == 'string') data = JSON.parse(data);
    } catch {
      return;
    }
    if (!isRecord(data) || data.channel != HOST_CHANNEL || data.v !== 1) return;
    if (data.event === ACCOUNT_CHANGED && isRecord(data.data) && 'account' in data.data) {
      const { account } = data.data;
      for (const listener of [...accountListeners]) listener(account);
      return;
    }
    if (isRecord(data.error) || 'result' in data) pending.get(data.id)?.resolve(data);
  };
  let unsubscribe = transport.subscribe?.(receive);
  /** After `dispose()`, stops listening once no purchase waits for its answer. */
  const release = () => {
    const purchaseWaiting = [...pending.values()].some((entry) => entry.isPurchase);
    if (!disposed || purchaseWaiting) return;
    unsubscribe?.();
    unsubscribe = undefined;
  };

  /**
   * Sends one request; resolves with the whole answer, rejects on timeout, send failure, dispose,
   * or when `abandon` aborts (its answer is then ignored, as an unknown id's).
   */
  function request(
    method: string,
    params: Record<string, unknown>,
    ms: number,
    abandon?: AbortSignal,
  ): Promise<Record<string, unknown>> {
    // A random id: unique among the pending requests of every host on the page.
    const message: HostRequest = { channel: HOST_CHANNEL, v: 1, id: `${Math.random()}`, method, params };
    let repeat: ReturnType<typeof setInterval> | undefined;
    let onAbandon: (() => void) | undefined;
    return deadline(
      method,
      ms,
      (resolve: (answer: Record<string, unknown>) => void, reject) => {
        if (disposed) throw disposed;
        // Abandoned before it went out: it is not sent at all.
        if (abandon?.aborted) throw abandon.reason;
        const send = () => new Promise((answer) => answer(transport.send(message))).then(receive, reject);
        pending.set(message.id, { resolve, reject, isPurchase: method == 'purchase' });
        onAbandon = () => reject(abandon!.reason);
        abandon?.addEventListener('abort', onAbandon, { once: true });
        if (method == 'hello') {
          repeat = setInterval(() => {
            helloRepeated = true;
            send();
          }, helloInterval);
        }
        send();
      },
    ).finally(() => {
      clearInterval(repeat);
      if (onAbandon) abandon?.removeEventListener('abort', onAbandon);
      pending.delete(message.id);
      release();
    });
  }

  /** The methods `hello` announced (`false`: it named none, every method is tried); sends `hello` once. */
  function hello(): Promise<unknown[] | false> {
    if (!announced) {
      helloRepeated = false;
      const sent = Date.now();
      announced = request('hello', {}, timeout).then(
        ({ result }) => {
          helloTook = Date.now() - sent;
          known = announcedMethods(result);
          return known;
        },
        (error) => {
          announced = undefined;
          throw error;
        },
      );
    }
    return announced;
  }

  /** The result of an answer (its `key` field when given); an `error` answer → `host-error`. */
  function resultOf(method: string, answer: Record<string, unknown>, key?: string): unknown {
    const { error, result } = answer;
    if (isRecord(error)) {
      throw hostError('host-error', `answered ${method} with error ${error.code}: ${error.message}`, error);
    }
    return key ? (result as Record<string, unknown> | undefined)?.[key] : result;
  }

  async function call(method: string, params: Record<string, unknown>, key?: string, ms = timeout): Promise<unknown> {
    // Once hello has answered, the request goes out now, in the caller's task: not a microtask
    // later, behind whatever else that task still does (the product data of the offers just in).
    const methods = known !== undefined ? known : await hello();
    if (methods && !methods.includes(method)) throw hostUnavailable(method);
    return resultOf(method, await request(method, params, ms), key);
  }

  /**
   * `call`, but sent at once when `hello` has not answered yet, so that the two round trips
   * overlap. Its answer is taken once `hello` announced `method`; when it did not, the call
   * rejects with `host-unavailable` as `call` does, and the request is abandoned (the host's
   * `unknown-method` answer, or its silence, is ignored). Once `hello` has answered, it is `call`.
   */
  async function callEarly(method: string, params: Record<string, unknown>, key: string, options: EarlyCallOptions) {
    if (known !== undefined || disposed) return call(method, params, key);
    const asking = hello();
    const abandon = new AbortController();
    let answered = false;
    const early = request(method, params, timeout, abandon.signal);
    early.then(() => {
      answered = true;
    }, ignore);
    let methods: unknown[] | false;
    try {
      methods = await asking;
    } catch (error) {
      abandon.abort();
      throw error;
    }
    if (methods && !methods.includes(method)) {
      abandon.abort();
      throw hostUnavailable(method);
    }
    if (!options.resendIfLost || !helloRepeated || answered) return resultOf(method, await early, key);
    // Maybe lost with hello's first copy: a second copy if the first stays unanswered for as long
    // again as hello took; whichever answers first is taken, the other abandoned.
    const again = sleep(helloTook, abandon.signal).then(() => request(method, params, timeout, abandon.signal));
    try {
      return resultOf(method, await Promise.race([early, again]), key);
    } finally {
      abandon.abort();
    }
  }

  const host = functionHost(
    {
      getToken: (o?: TokenOptions) => call('getToken', tokenParams(o), 'token'),
      getProducts: (productIds: string[]) => call('getProducts', { productIds }, 'products'),
      purchase: (productId: string, options: PurchaseOptions = {}) =>
        call('purchase', strings(options ?? {}, ['trackingId'], { productId }), '', purchaseTimeout),
      getStoreIdKey: (request: StoreIdKeyRequest) =>
        call('getStoreIdKey', strings(request, ['kind', 'serviceTicket', 'publisherUserId'], {}), 'key'),
      storeRequest: (storeRequest: StoreRequest) => call('storeRequest', storeRequestParams(storeRequest)),
      getAccount: () => call('getAccount', {}, 'account'),
      takePurchases: () => call('takePurchases', {}, 'purchases'),
      ackPurchase: (purchaseId: string) => call('ackPurchase', { purchaseId }),
      onAccountChanged: (listener: (account: unknown) => void) => {
        accountListeners.add(listener);
        // A host object has no push channel: it is asked again whenever the page becomes visible.
        const stopAsking = transport.subscribe ? undefined : askOnVisible(listener);
        return () => {
          accountListeners.delete(listener);
          stopAsking?.();
        };
      },
      async supports(method: string) {
        const methods = await hello().catch((): unknown[] => []);
        return !methods || methods.includes(method);
      },
      dispose() {
        disposed = hostError('host-unavailable', 'was disposed');
        // A purchase in flight is heard out: the user may be paying in the Store dialog, and its
        // answer is what gets the purchase claimed.
        for (const entry of pending.values()) if (!entry.isPurchase) entry.reject(disposed);
        accountListeners.clear();
        release();
      },
    },
    // Each request times itself (above), the hello handshake included.
    { timeout: 0 },
  );
  registerEarlyCalls(
    host,
    functionHost(
      {
        getToken: (o?: TokenOptions) => callEarly('getToken', tokenParams(o), 'token', RESEND_IF_LOST),
        getProducts: (productIds: string[]) => callEarly('getProducts', { productIds }, 'products', RESEND_IF_LOST),
        storeRequest: (storeRequest: StoreRequest) => {
          const params = storeRequestParams(storeRequest);
          // A claim POST always waits for hello: it changes something at the Store. A GET goes early
          // once: a retry (ky's, after its timeout) waits for hello, so it cannot be a second early one.
          if (storeRequest.method != 'GET' || storeRequestSentEarly || known !== undefined) return call('storeRequest', params);
          storeRequestSentEarly = true;
          return callEarly('storeRequest', params, '', NEVER_RESEND);
        },
      },
      { timeout: 0 },
      // functionHost makes every method exist: these three are the ones given.
    ) as EarlyCalls,
  );
  return host;

  /**
   * Asks `getAccount` each time the document becomes visible and hands `listener` an account
   * that differs from the last one it got; returns the stop. Failures are ignored (asked again
   * next time).
   */
  function askOnVisible(listener: (account: unknown) => void): () => void {
    let last: unknown;
    const onVisibility = async () => {
      if (globalThis.document?.visibilityState != 'visible' || disposed) return;
      const methods = await hello().catch((): unknown[] => []);
      if (methods && !methods.includes('getAccount')) return;
      try {
        const account = await call('getAccount', {}, 'account');
        if (account === last) return;
        last = account;
        listener(account);
      } catch {
        // asked again when the page is next shown
      }
    };
    globalThis.document?.addEventListener('visibilitychange', onVisibility);
    return () => globalThis.document?.removeEventListener('visibilitychange', onVisibility);
  }
}

/** The options of `getToken`. */
type TokenOptions = { forceRefresh?: boolean };

/** The params of a `getToken`: `forceRefresh` always, as a boolean. */
function tokenParams(options: TokenOptions | undefined): Record<string, unknown> {
  return { forceRefresh: !!options?.forceRefresh };
}

/** The params of a `storeRequest`: the method, a POST's body, `forceRefresh` only when set. */
function storeRequestParams(request: StoreRequest): Record<string, unknown> {
  const params: Record<string, unknown> = { method: request.method };
  if (typeof request.body == 'string') params.body = request.body;
  if (request.forceRefresh) params.forceRefresh = true;
  return params;
}
