/**
 * Token hygiene (SPEC.md Security rules): recognisable tokens go through whole journeys — a stale
 * token refreshed after a 401, a claim through 500, a dropped connection and two 401s, a token from
 * the host over WebView2 messages, offers that fail for good, client errors of every kind — and
 * then everything the page can see is searched for them: every attribute and text of the document
 * with its shadow roots, localStorage, sessionStorage, IndexedDB, Cache Storage, cookies, every
 * console message, every store-* event's detail, every error's message, stack and cause, and every
 * request URL. Zero hits. The library's requests go to `endpoint` and nowhere else.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { createOffersClient } from '../src/core/offers-client.js';
import { functionHost } from '../src/core/host/function-host.js';
import { createMockStoreSession } from '../src/testing/mock-store-client.js';
import { installMockWebView } from '../src/testing/mock-host.js';
import type { StoreOffers } from '../src/components/store-offers/store-offers.js';
import '../src/define.js';
import { until } from './fixtures/hostile-dom.js';
import { STORE_EVENTS as EVENTS } from '../src/testing/index.js';

const NEEDLE = 'canary-7f3a';
const STALE = `TOKEN-${NEEDLE}-stale-5b1e9d`;
const FRESH = `TOKEN-${NEEDLE}-fresh-c02a44`;
const HOST_TOKEN = `TOKEN-${NEEDLE}-host-91f0d3`;
const OFFER = { offers: ['coins 10', 'coins 100'], trackingId: '5de5dd29-6dce-4e68-b45e-d8ee6c2cd203' };

/** Everything reachable from `value` as text: own properties (enumerable or not), errors with stack and cause, headers. */
function dump(value: unknown, seen = new Set<unknown>(), depth = 0): string {
  if (value === null || value === undefined || typeof value === 'function') return '';
  if (typeof value !== 'object') return String(value);
  if (seen.has(value) || depth > 8) return '';
  seen.add(value);
  const parts: string[] = [];
  if (value instanceof Error) parts.push(value.name, value.message, value.stack ?? '');
  if (value instanceof Headers) for (const [k, v] of value) parts.push(`${k}: ${v}`);
  if (value instanceof Request || value instanceof Response) parts.push(value.url, dump(value.headers, seen, depth + 1));
  if (value instanceof Map) for (const [k, v] of value) parts.push(dump(k, seen, depth + 1), dump(v, seen, depth + 1));
  if (value instanceof Set) for (const v of value) parts.push(dump(v, seen, depth + 1));
  if (value instanceof Node) return parts.join('\n');
  for (const name of Object.getOwnPropertyNames(value)) {
    let field: unknown;
    try {
      field = (value as Record<string, unknown>)[name];
    } catch {
      continue;
    }
    parts.push(name, dump(field, seen, depth + 1));
  }
  return parts.join('\n');
}

/** Every attribute, text and comment of `root`, shadow roots included. */
function documentText(root: Node): string {
  const parts: string[] = [];
  const walk = (node: Node) => {
    if (node instanceof Element) {
      parts.push(`<${node.tagName}`);
      for (const attribute of Array.from(node.attributes)) parts.push(`${attribute.name}=${attribute.value}`);
      if (node.shadowRoot) walk(node.shadowRoot);
    } else if (node.nodeType === Node.TEXT_NODE || node.nodeType === Node.COMMENT_NODE) {
      parts.push(node.nodeValue ?? '');
    }
    for (const child of Array.from(node.childNodes)) walk(child);
  };
  walk(root);
  return parts.join('\n');
}

function storageText(storage: Storage): string {
  const parts: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i)!;
    parts.push(key, storage.getItem(key) ?? '');
  }
  return parts.join('\n');
}

async function indexedDbText(): Promise<string> {
  const parts: string[] = [];
  for (const { name } of await indexedDB.databases()) {
    if (!name) continue;
    parts.push(name);
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open(name);
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    for (const store of Array.from(db.objectStoreNames)) {
      const records = await new Promise<unknown[]>((resolve, reject) => {
        const request = db.transaction(store, 'readonly').objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      parts.push(store, dump(records));
    }
    db.close();
  }
  return parts.join('\n');
}

async function cacheText(): Promise<string> {
  const parts: string[] = [];
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) parts.push(request.url, dump(request.headers));
  }
  return parts.join('\n');
}

describe('token hygiene', () => {
  const consoleSeen: string[] = [];
  const eventsSeen: unknown[] = [];
  const errorsSeen: unknown[] = [];
  const resources: PerformanceResourceTiming[] = [];
  const originals = new Map<string, (...args: unknown[]) => void>();
  const levels = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
  const onEvent = (event: Event) => eventsSeen.push({ type: event.type, detail: (event as CustomEvent).detail });
  const onError = (event: ErrorEvent) => errorsSeen.push(event.error ?? event.message);
  const onRejection = (event: PromiseRejectionEvent) => errorsSeen.push(event.reason);
  const observer = new PerformanceObserver((list) => resources.push(...(list.getEntries() as PerformanceResourceTiming[])));

  before(() => {
    for (const level of levels) {
      const original = console[level];
      originals.set(level, original);
      console[level] = (...args: unknown[]) => {
        consoleSeen.push(args.map((arg) => dump(arg)).join(' '));
        original.apply(console, args);
      };
    }
    for (const type of EVENTS) addEventListener(type, onEvent, { capture: true });
    addEventListener('error', onError);
    addEventListener('unhandledrejection', onRejection);
    observer.observe({ type: 'resource' });
  });

  after(() => {
    for (const level of levels) console[level] = originals.get(level)! as never;
    for (const type of EVENTS) removeEventListener(type, onEvent, { capture: true });
    removeEventListener('error', onError);
    removeEventListener('unhandledrejection', onRejection);
    observer.disconnect();
  });

  it('a journey with a refreshed token, failures and a claim leaves no trace of the token', async () => {
    const endpoints: string[] = [];

    // 1. A stale token refreshed after a 401; a claim through 500, a dropped connection and two
    //    401s (failed), then a new token source finishes it.
    const store = await createMockStoreSession({
      offers: [OFFER],
      tokens: [FRESH],
      faults: [
        { method: 'POST', status: 500 },
        { method: 'POST', drop: 'before' },
        { method: 'POST', status: 401, times: 2 },
      ],
    });
    endpoints.push(store.endpoint);
    const asked: boolean[] = [];
    const host = functionHost({ purchase: async () => ({ status: 'Succeeded', orderId: 'order-canary' }) });
    const el = await fixture<StoreOffers>(html`
      <store-offers
        .endpoint=${store.endpoint}
        .token=${async ({ forceRefresh = false } = {}) => (asked.push(forceRefresh), forceRefresh ? FRESH : STALE)}
        .host=${host}
        .claimOptions=${{ key: `hygiene-${Date.now()}`, retry: { baseDelay: 5, maxDelay: 20 } }}
      >
        <store-offer-banner product-id="coins 10"></store-offer-banner>
        <store-purchase-button product-id="coins 100"></store-purchase-button>
        <store-claim-status></store-claim-status>
      </store-offers>
    `);
    await until(() => el.status === 'ready', 'offers loaded after the refresh');
    const button = el.querySelector('store-purchase-button')!;
    await until(() => button.shadowRoot?.querySelector('button'));
    button.shadowRoot!.querySelector('button')!.click();
    const label = () => el.querySelector('store-claim-status')!.shadowRoot!.querySelector('[part=label]')?.textContent?.trim();
    await until(() => label() === 'Offer not registered yet', 'the claim fails as unauthorized');
    el.token = async () => FRESH;
    await until(() => label() === 'Offer registered', 'claimed with the new token source');

    // 2. Offers that fail for good: a token the Store never accepts.
    const refusing = await createMockStoreSession({ offers: [OFFER], tokens: ['something-else'] });
    endpoints.push(refusing.endpoint);
    const failing = await fixture<StoreOffers>(html`<store-offers .endpoint=${refusing.endpoint} .token=${STALE} .host=${host}></store-offers>`);
    await until(() => failing.status === 'error', 'offers fail as unauthorized');

    // 3. The token from the host, over WebView2 messages.
    const webview = installMockWebView({ tokens: [HOST_TOKEN] });
    try {
      const hosted = await createMockStoreSession({ offers: [OFFER], tokens: [HOST_TOKEN] });
      endpoints.push(hosted.endpoint);
      const fromHost = await fixture<StoreOffers>(html`<store-offers .endpoint=${hosted.endpoint}></store-offers>`);
      await until(() => fromHost.status === 'ready', 'offers loaded with the host token');
      expect((await hosted.log()).requests.map((r) => r.token)).to.deep.equal([HOST_TOKEN]);
    } finally {
      webview.uninstall();
    }

    // 4. Client errors of every kind, kept for the scan.
    const faulty = await createMockStoreSession({
      offers: [OFFER],
      tokens: [FRESH],
      faults: [{ method: 'GET', status: 503, times: 2 }, { method: 'GET', drop: 'before', times: 2 }, { method: 'GET', delayMs: 300, times: 2 }, { method: 'GET', status: 200, body: `{"token":"${FRESH}"` }],
    });
    endpoints.push(faulty.endpoint);
    const client = createOffersClient({ endpoint: faulty.endpoint, token: async () => FRESH, timeout: 150, retry: { limit: 1, baseDelay: 1, maxDelay: 2 } });
    for (let i = 0; i < 4; i++) await client.getOffers().catch((error) => errorsSeen.push(error));
    const refused = createOffersClient({ endpoint: refusing.endpoint, token: STALE });
    await refused.getOffers().catch((error) => errorsSeen.push(error));
    await refused.claim({ offers: OFFER.offers, trackingId: OFFER.trackingId, raw: OFFER }, 'order-x').catch((error) => errorsSeen.push(error));
    expect(errorsSeen.map((e) => (e as { code?: string }).code)).to.deep.equal(['server', 'network', 'timeout', 'bad-response', 'unauthorized', 'unauthorized']);

    // The journeys really carried the tokens, to the endpoints only.
    expect(asked).to.include(true, 'the token function was asked to refresh');
    const log = await store.log();
    expect(new Set(log.requests.map((r) => r.token))).to.deep.equal(new Set([STALE, FRESH]));
    expect(log.claims.map((c) => c.receipt)).to.deep.equal(['order-canary']);

    // The scan. A request's timing entry comes when its body has arrived: give the last ones a moment.
    await new Promise((resolve) => setTimeout(resolve, 300));
    resources.push(...(observer.takeRecords() as PerformanceResourceTiming[]));
    const places: Record<string, string> = {
      document: documentText(document),
      localStorage: storageText(localStorage),
      sessionStorage: storageText(sessionStorage),
      indexedDB: await indexedDbText(),
      cacheStorage: await cacheText(),
      cookies: document.cookie,
      console: consoleSeen.join('\n'),
      events: dump(eventsSeen),
      errors: dump(errorsSeen),
      requestUrls: resources.map((r) => r.name).join('\n'),
    };
    for (const [place, text] of Object.entries(places)) expect(text.includes(NEEDLE), `the token appears in ${place}`).to.equal(false);

    // No error keeps an HTTP library's error (ky's carry the Request, Authorization header and all)
    // or a Request anywhere in its cause chain.
    const causes: unknown[] = [];
    for (const error of errorsSeen) for (let e: unknown = error; e instanceof Error; e = e.cause) causes.push(e);
    const names = causes.map((e) => (e as Error).name);
    for (const kyError of ['HTTPError', 'TimeoutError', 'NetworkError', 'ForceRetryError', 'KyError']) {
      expect(names, 'error names in the cause chains').not.to.include(kyError);
    }
    expect(causes.filter((e) => 'request' in (e as object) || 'response' in (e as object))).to.deep.equal([]);
    // The chains were walked: the network and bad-response errors carry the browser's own cause.
    expect(names).to.include.members(['StoreOffersError', 'TypeError', 'SyntaxError']);

    // What was searched is not empty: the scan would have seen a leak.
    expect(eventsSeen.length, 'events were recorded').to.be.greaterThan(8);
    expect(places.errors).to.contain('StoreOffersError');
    expect(places.events).to.contain('order-canary');
    expect(places.document).to.contain('Offer registered');
    expect(places.localStorage).to.contain(OFFER.trackingId);

    // Requests: the library's fetches went to the endpoints; the rest is this test talking to the mock Store.
    const fetched = resources.filter((r) => r.initiatorType === 'fetch').map((r) => r.name);
    const strays = fetched.filter((url) => !endpoints.includes(url) && !/\/mock-store\/(scenarios|s\/[^/]+\/(_log|_faults|_scenario))$/.test(new URL(url).pathname));
    expect(strays, 'requests to anything but the endpoint').to.deep.equal([]);
    expect(fetched.filter((url) => endpoints.includes(url)).length).to.be.greaterThan(8);
  });
});
