/**
 * A mock Windows host for tests and the demo. One native side answers the real message protocol
 * (SPEC.md "The message protocol") per a scenario, behind faithful stand-ins for the three
 * transports: WebView2 `chrome.webview` (structured-clone copies, asynchronous `message` events),
 * a host object (`invoke(json) → Promise<json>`) and UWP `external.notify` + `storeOffersReceive`.
 */
import { sleep } from '../core/abortable.js';
import type { WebViewGlobal } from '../core/host/webview2-host.js';
import type { ProductInfo } from '../core/types.js';

/** What the mock host answers. Change it later with `update`. */
export interface MockHostScenario {
  /** Successive tokens: the first for `getToken`, the next one on each `forceRefresh` (default `['mock-token']`). */
  tokens?: string[];
  /** Products known to the host; `getProducts` returns those asked for. */
  products?: ProductInfo[];
  /** The purchase outcome: one for every product, or per product id (default `Succeeded` with a fresh orderId). */
  purchase?: MockPurchase | Record<string, MockPurchase>;
  /** Delay before every answer, in ms. */
  delayMs?: number;
  /** Methods announced by `hello` (default all four); others are answered with an `unknown-method` error. */
  methods?: string[];
  /** Methods that never answer (to test timeouts). */
  silent?: string[];
  /** Methods answered with this error. */
  errors?: Record<string, { code: string; message: string }>;
  /** Methods answered with exactly this result (replaying protocol vectors, hostile answers). */
  results?: Record<string, unknown>;
  /** The JWT `getStoreIdKey` returns (without one it answers an error). */
  storeIdKey?: string;
  /** How many `hello` requests to drop, as a WebView2 host does with messages sent during navigation. */
  ignoreHellos?: number;
  /**
   * The host's own fixed Store URL for `storeRequest` (e.g. a mock Store session's `endpoint`):
   * the native side sends there with its current token, as `HttpClient` would. Without it,
   * `storeRequest` answers an error.
   */
  storeEndpoint?: string;
  /** The signed-in account `getAccount` returns (default `null`); change it with `switchAccount`. */
  account?: string | null;
  /**
   * Whether `purchase` journals its outcomes (with `purchaseId`, before answering) for
   * `takePurchases` / `ackPurchase`.
   */
  journal?: boolean;
  /** Journal entries present from the start (a page died while the Store dialog was open). */
  journalEntries?: MockJournalEntry[];
}

/** One entry of the mock host's purchase journal. */
export interface MockJournalEntry {
  purchaseId: string;
  productId: string;
  trackingId?: string;
  status: string;
  orderId?: string;
  receipt?: string;
  /** Whose purchase it is: `takePurchases` returns the current account's only. */
  account?: string | null;
}

/** One purchase outcome as the native code sends it (native status spellings welcome). */
export interface MockPurchase {
  status: string;
  orderId?: string;
  receipt?: string;
  extendedJsonData?: string;
  /** Wait this long before answering (the user in the Store dialog). */
  delayMs?: number;
}

/** A request the native side received. */
export interface MockHostCall {
  method: string;
  params: unknown;
}

/** A running mock host. */
export interface MockHost {
  /** Every protocol request received, in order (including `hello`). */
  calls: MockHostCall[];
  /** Every request and response that crossed, as parsed objects. */
  messages: unknown[];
  /** Changes the scenario (new `tokens` start again from the first). */
  update(patch: Partial<MockHostScenario>): void;
  /**
   * Signs another user in: `getAccount` answers `account` from now on, and the page is told with
   * the `account-changed` event (web messages and UWP; a host object has no push channel).
   */
  switchAccount(account: string | null): void;
  /** Posts any message to the page, as the native side can (hostile tests). */
  post(message: unknown): void;
  /** The journal as the native side holds it (entries not acknowledged yet). */
  readonly journal: MockJournalEntry[];
  /**
   * Removes the globals it installed; answers still under way are dropped, except a purchase's
   * (its Store dialog was open).
   */
  uninstall(): void;
}

const ALL_METHODS = ['getToken', 'getProducts', 'purchase', 'getStoreIdKey'];
/** The protocol additions the mock host also speaks when a scenario announces them. */
export const MOCK_HOST_ADDITIONS = ['storeRequest', 'getAccount', 'takePurchases', 'ackPurchase'];
type Answer = (request: unknown, deliver: (response: object) => void) => void;
/** How a transport posts a message the page did not ask for (an event); `undefined`: no push channel. */
type Push = ((message: object) => void) | undefined;
/** A transport installed: its removal, and how it pushes events. */
type Attached = { detach: () => void; push: Push };

/**
 * Installs `window.chrome.webview` on `target`: `postMessage` copies with `structuredClone` and
 * answers later as `message` events whose `data` is the parsed response object. Its `hostObjects`
 * behaves as WebView2's: every name gives a host object proxy, a promise rejected when no object
 * was added by that name (see {@link installMockHostObject}).
 */
export function installMockWebView(scenario: MockHostScenario = {}, target: Window = window): MockHost {
  return mockHost(scenario, (answer) => {
    const detach = mockWebView(target, answer);
    const push = (message: object) => {
      const webview = (target as WebViewGlobal).chrome?.webview as unknown as EventTarget | undefined;
      webview?.dispatchEvent(new MessageEvent('message', { data: structuredClone(message) }));
    };
    return { detach, push };
  });
}

/**
 * Adds the host object `storeOffers` to `chrome.webview.hostObjects` on `target` (with a
 * `chrome.webview` that answers no web messages, unless `installMockWebView` ran first):
 * `invoke(requestJson)` resolves with the response JSON. As in WebView2, the page sees a host
 * object proxy: a promise of the object whose methods can also be called on it directly.
 */
export function installMockHostObject(scenario: MockHostScenario = {}, target: Window = window): MockHost {
  return mockHost(scenario, (answer) => {
    const removeWebView = (target as WebViewGlobal).chrome?.webview ? undefined : mockWebView(target);
    const removeObject = define((target as WebViewGlobal).chrome!.webview!.hostObjects!, ['storeOffers'], {
      invoke: (json: string) =>
        new Promise<string>((resolve) => answer(json, (response) => resolve(JSON.stringify(response)))),
    });
    const detach = () => {
      removeObject();
      removeWebView?.();
    };
    return { detach, push: undefined };
  });
}

/** Installs a `chrome.webview` whose web messages go to `answer` (none: unanswered); returns its removal. */
function mockWebView(target: Window, answer?: Answer): () => void {
  const added: Record<string, Record<string, (...args: unknown[]) => unknown>> = {};
  const missing = (name: string) => Promise.reject(new Error(`Element not found: no host object "${name}" was added`));
  // Any name: a promise of the object added under it, whose methods are also callable on it.
  const hostObjects = new Proxy(added, {
    get: (objects, name) =>
      typeof name != 'string'
        ? undefined
        : new Proxy(
            {},
            {
              get: (_, key) =>
                key == 'then'
                  ? (resolve: (value: unknown) => void, reject: (error: unknown) => void) =>
                      (name in objects ? Promise.resolve({ ...objects[name] }) : missing(name)).then(resolve, reject)
                  : (...args: unknown[]) => (name in objects ? objects[name]![key as string]!(...args) : missing(name)),
            },
          ),
  });
  const webview = Object.assign(new EventTarget(), {
    hostObjects,
    postMessage(message: unknown) {
      const deliver = (response: object) => {
        webview.dispatchEvent(new MessageEvent('message', { data: structuredClone(response) }));
      };
      answer?.(structuredClone(message), deliver);
    },
  });
  return define(target, ['chrome', 'webview'], webview);
}

/**
 * Installs `external.notify(requestJson)` on `target`; answers by calling the page's global
 * `storeOffersReceive(responseJson)`, as `InvokeScriptAsync` does.
 */
export function installMockUwpWebView(scenario: MockHostScenario = {}, target: Window = window): MockHost {
  const page = target as { storeOffersReceive?: (json: string) => void };
  const push = (message: object) => page.storeOffersReceive?.(JSON.stringify(message));
  return mockHost(scenario, (answer) => {
    const detach = define(target, ['external', 'notify'], (json: string) => answer(json, push));
    return { detach, push };
  });
}

/** The native side, shared by every transport; `attach` installs a transport and returns its removal. */
function mockHost(scenario: MockHostScenario, attach: (answer: Answer) => Attached): MockHost {
  const current = { ...scenario };
  let tokenIndex = 0;
  let hellos = 0;
  let installed = true;
  let purchaseCount = 0;
  const journal: MockJournalEntry[] = [...(scenario.journalEntries ?? [])];

  const host: MockHost = {
    calls: [],
    messages: [],
    journal,
    update(patch) {
      if (patch.tokens) tokenIndex = 0;
      Object.assign(current, patch);
    },
    switchAccount(account) {
      current.account = account;
      host.post({ channel: 'store-offers', v: 1, event: 'account-changed', data: { account } });
    },
    post(message) {
      if (!installed || !attached.push) return;
      host.messages.push(message);
      attached.push(message as object);
    },
    uninstall() {
      installed = false;
      attached.detach();
    },
  };

  /** The current token; a `forceRefresh` moves on to the next one (the last one stays). */
  const token = (forceRefresh: unknown): string | undefined => {
    const tokens = current.tokens ?? ['mock-token'];
    if (forceRefresh && tokenIndex < tokens.length - 1) tokenIndex++;
    return tokens[tokenIndex];
  };

  /** `storeRequest` as native code does it: the fixed URL, the host's own token, no CORS involved. */
  const storeRequest = async (params: Record<string, unknown>): Promise<object> => {
    if (!current.storeEndpoint) return { error: { code: 'store-unavailable', message: 'No Store URL configured' } };
    if (params.method !== 'GET' && params.method !== 'POST') {
      return { error: { code: 'bad-request', message: 'method must be "GET" or "POST"' } };
    }
    const body = params.method === 'POST' && typeof params.body === 'string' ? params.body : null;
    const headers: Record<string, string> = { Authorization: `Bearer ${token(params.forceRefresh)}` };
    if (body !== null) headers['Content-Type'] = 'application/json';
    try {
      const response = await fetch(current.storeEndpoint, { method: params.method, headers, body, redirect: 'manual' });
      const text = await response.text();
      const result: Record<string, unknown> = { status: response.status };
      const retryAfter = response.headers.get('Retry-After');
      if (retryAfter !== null) result.retryAfter = retryAfter;
      if (text) result.body = text;
      return { result };
    } catch {
      return { error: { code: 'store-unavailable', message: 'The Store could not be reached' } };
    }
  };

  /** A purchase's outcome, journaled before the answer when the scenario journals. */
  const journaled = (params: Record<string, unknown>, outcome: Omit<MockPurchase, 'delayMs'>): object => {
    if (!current.journal) return outcome;
    purchaseCount++;
    const purchaseId = `mock-purchase-${purchaseCount}-${crypto.randomUUID()}`;
    const entry: MockJournalEntry = { purchaseId, productId: String(params.productId), ...outcome };
    if (typeof params.trackingId === 'string') entry.trackingId = params.trackingId;
    entry.account = current.account ?? null;
    journal.push(entry);
    return { ...outcome, purchaseId };
  };

  const respond = async (method: string, params: Record<string, unknown>): Promise<object | undefined> => {
    if (method === 'hello' && hellos++ < (current.ignoreHellos ?? 0)) return undefined;
    if (current.silent?.includes(method)) return undefined;
    const purchase = method === 'purchase' ? pickPurchase(String(params.productId)) : undefined;
    await sleep(purchase?.delayMs ?? current.delayMs ?? 0);
    const methods = current.methods ?? ALL_METHODS;
    const error = current.errors?.[method];
    if (error) return { error };
    if (current.results && method in current.results) return { result: current.results[method] };
    if (method !== 'hello' && !methods.includes(method)) return { error: { code: 'unknown-method', message: method } };
    switch (method) {
      case 'hello':
        return { result: { methods, app: 'mock-host' } };
      case 'getToken':
        return { result: { token: token(params.forceRefresh) } };
      case 'storeRequest':
        return storeRequest(params);
      case 'getAccount':
        return { result: { account: current.account ?? null } };
      case 'takePurchases': {
        const mine = journal.filter((entry) => (entry.account ?? null) === (current.account ?? null));
        return { result: { purchases: mine.map(({ account: _account, ...entry }) => entry) } };
      }
      case 'ackPurchase': {
        if (typeof params.purchaseId !== 'string') {
          return { error: { code: 'bad-request', message: 'purchaseId is required' } };
        }
        const index = journal.findIndex((entry) => entry.purchaseId === params.purchaseId);
        if (index >= 0) journal.splice(index, 1);
        return { result: {} };
      }
      case 'getProducts': {
        const ids = Array.isArray(params.productIds) ? params.productIds : [];
        return { result: { products: (current.products ?? []).filter((p) => ids.includes(p.productId)) } };
      }
      case 'purchase': {
        const { delayMs: _delay, ...outcome } = purchase!;
        return { result: journaled(params, outcome) };
      }
      case 'getStoreIdKey':
        if (current.storeIdKey) return { result: { key: current.storeIdKey } };
        return { error: { code: 'no-key', message: 'No Store ID key' } };
      default:
        return { error: { code: 'unknown-method', message: method } };
    }
  };

  const pickPurchase = (productId: string): MockPurchase => {
    const configured = current.purchase;
    if (configured && typeof configured.status === 'string') return configured as MockPurchase;
    const perProduct = (configured as Record<string, MockPurchase> | undefined)?.[productId];
    return perProduct ?? { status: 'Succeeded', orderId: crypto.randomUUID() };
  };

  const answer: Answer = async (data, deliver) => {
    let request = data;
    try {
      if (typeof data === 'string') request = JSON.parse(data);
    } catch {
      // a real host ignores what it cannot read
    }
    host.messages.push(request);
    const { channel, v, id, method, params } = (request ?? {}) as Record<string, unknown>;
    if (channel !== 'store-offers' || v !== 1 || typeof id !== 'string' || typeof method !== 'string') return;
    host.calls.push({ method, params });
    const body = await respond(method, (params ?? {}) as Record<string, unknown>);
    if (!body || (!installed && method !== 'purchase')) return;
    const response = { channel, v, id, ...body };
    host.messages.push(response);
    deliver(response);
  };

  const attached = attach(answer);
  return host;
}

/** Sets `target.a.b… = value`, creating missing objects; returns the undo (removes what it created, once empty). */
function define(target: object, path: string[], value: unknown): () => void {
  type Node = Record<string, unknown>;
  const created: [Node, string][] = [];
  let node = target as Node;
  for (const key of path.slice(0, -1)) {
    if (node[key] == null) {
      node[key] = {};
      created.push([node, key]);
    }
    node = node[key] as Node;
  }
  const last = path[path.length - 1]!;
  const had = Object.prototype.hasOwnProperty.call(node, last);
  const previous = node[last];
  node[last] = value;
  return () => {
    if (had) node[last] = previous;
    else delete node[last];
    for (const [parent, key] of created.reverse()) {
      if (Object.keys(parent[key] as Node).length === 0) delete parent[key];
    }
  };
}
