/**
 * The versioned JSON message protocol (SPEC.md "The message protocol") over any transport:
 * WebView2 messages, UWP `notify`, host objects.
 */
import type { PurchaseOptions, StoreHost, StoreIdKeyRequest, StoreRequest } from '../types.js';
import { deadline, functionHost, HOST_TIMEOUT_MS, PURCHASE_TIMEOUT_MS, type HostTimeouts } from './function-host.js';
import { isRecord } from '../is-record.js';
import { hostError, hostUnavailable, strings } from './host-results.js';
import type { StoreOffersError } from '../errors.js';

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

  /** Sends one request; resolves with the whole answer, rejects on timeout, send failure or dispose. */
  function request(method: string, params: Record<string, unknown>, ms: number): Promise<Record<string, unknown>> {
    // A random id: unique among the pending requests of every host on the page.
    const message: HostRequest = { channel: HOST_CHANNEL, v: 1, id: `${Math.random()}`, method, params };
    let repeat: ReturnType<typeof setInterval> | undefined;
    return deadline(
      method,
      ms,
      (resolve: (answer: Record<string, unknown>) => void, reject) => {
        if (disposed) throw disposed;
        const send = () => new Promise((answer) => answer(transport.send(message))).then(receive, reject);
        pending.set(message.id, { resolve, reject, isPurchase: method == 'purchase' });
        if (method == 'hello') repeat = setInterval(send, helloInterval);
        send();
      },
    ).finally(() => {
      clearInterval(repeat);
      pending.delete(message.id);
      release();
    });
  }

  /** The methods `hello` announced (`false`: it named none, every method is tried); sends `hello` once. */
  function hello(): Promise<unknown[] | false> {
    announced ??= request('hello', {}, timeout).then(
      ({ result }) => announcedMethods(result),
      (error) => {
        announced = undefined;
        throw error;
      },
    );
    return announced;
  }

  async function call(method: string, params: Record<string, unknown>, key?: string, ms = timeout): Promise<unknown> {
    const methods = await hello();
    if (methods && !methods.includes(method)) throw hostUnavailable(method);
    const { error, result } = await request(method, params, ms);
    if (isRecord(error)) {
      throw hostError('host-error', `answered ${method} with error ${error.code}: ${error.message}`, error);
    }
    return key ? (result as Record<string, unknown> | undefined)?.[key] : result;
  }

  return functionHost(
    {
      getToken: (o?: { forceRefresh?: boolean }) => call('getToken', { forceRefresh: !!o?.forceRefresh }, 'token'),
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

/** The params of a `storeRequest`: the method, a POST's body, `forceRefresh` only when set. */
function storeRequestParams(request: StoreRequest): Record<string, unknown> {
  const params: Record<string, unknown> = { method: request.method };
  if (typeof request.body == 'string') params.body = request.body;
  if (request.forceRefresh) params.forceRefresh = true;
  return params;
}
