// The in-page half of `npm run bench`: each export is one measured scenario, run by bench/run.js
// in headless Chromium on bench/pages/blank.html, against the real mock Store (served by the
// bench server) and the mock WebView2 host. Only the bench page does this bookkeeping; nothing
// here is part of the library.
import { createMockStoreSession } from '/dist/testing/mock-store-client.js';
import { installMockWebView } from '/dist/testing/mock-host.js';

const BUNDLE = '/dist/store-offer-elements.bundle.js';
const TAGS = ['store-offers', 'store-offer-banner', 'store-purchase-button', 'store-claim-status'];
const TRACKING_ID = '5de5dd29-6dce-4e68-b45e-d8ee6c2cd203';

const product = (i) => ({ productId: `9NBLGGH4R${String(i).padStart(3, '0')}`, title: `Offer ${i}`, formattedPrice: '$1.99' });

/** The reason a scenario cannot run yet (the bundle does not define every element), or null. */
function missingElements() {
  const missing = TAGS.filter((tag) => !customElements.get(tag));
  return missing.length ? `elements not in the bundle yet: ${missing.join(', ')}` : null;
}

function headingText(banner) {
  return banner.shadowRoot?.querySelector('[part~="heading"]')?.textContent?.trim() ?? '';
}

/**
 * Resolves with the time of the frame after now: rAF callbacks run just before a frame is
 * rendered, and a message posted from one is handled right after it (a MessageChannel task, not a
 * setTimeout that may be clamped).
 */
function nextFramePainted() {
  return new Promise((resolve) => {
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(performance.now());
      channel.port2.postMessage(null);
    });
  });
}

/** Resolves when `banner` shows `title` in its heading: `rendered` (in the DOM) and `painted` (the frame after). */
function whenHeadingShows(banner, title) {
  return new Promise((resolve) => {
    let observer;
    const check = () => {
      if (!headingText(banner).includes(title)) return false;
      observer?.disconnect();
      const rendered = performance.now();
      // For the traced runs of bench/run.js: where this moment is in a Chromium trace.
      performance.mark('heading-rendered');
      nextFramePainted().then((painted) => resolve({ rendered, painted }));
      return true;
    };
    if (check()) return;
    observer = new MutationObserver(check);
    observer.observe(banner.shadowRoot, { subtree: true, childList: true, characterData: true, attributes: true });
  });
}

function until(what, test, timeoutMs = 10_000) {
  const deadline = performance.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const poll = () => {
      if (test()) return resolve();
      if (performance.now() > deadline) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(poll, 1);
    };
    poll();
  });
}

/**
 * Loads the bundle, then makes a mock Store scenario with one offer of `offered` and a mock
 * WebView2 host that knows `known` (default: the offered products). `{ error }` when the bundle
 * lacks elements.
 */
async function start(offered, known = offered) {
  await import(BUNDLE);
  const error = missingElements();
  if (error) return { error };
  const store = await createMockStoreSession({ offers: [{ offers: offered.map((p) => p.productId), trackingId: TRACKING_ID }] });
  return { store, host: installMockWebView({ products: known }) };
}

/** A page with one provider, `banners` banners and `buttons` buttons: GETs and getProducts calls. */
export async function requests({ banners = 3, buttons = 50 } = {}) {
  const bannerProducts = Array.from({ length: banners }, (_, i) => product(i));
  const buttonProducts = Array.from({ length: buttons }, (_, i) => product(100 + i));
  const { store, host, error } = await start(bannerProducts, [...bannerProducts, ...buttonProducts]);
  if (error) return { error };
  const provider = document.createElement('store-offers');
  provider.setAttribute('endpoint', store.endpoint);
  provider.innerHTML =
    bannerProducts.map((p) => `<store-offer-banner product-id="${p.productId}"></store-offer-banner>`).join('') +
    buttonProducts.map((p) => `<store-purchase-button product-id="${p.productId}"></store-purchase-button>`).join('');
  document.body.append(provider);
  const bannerElements = [...provider.querySelectorAll('store-offer-banner')];
  await Promise.all(bannerElements.map((banner, i) => whenHeadingShows(banner, bannerProducts[i].title)));
  // Late requests would count too: give them time to show up.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const log = await store.log();
  return {
    gets: log.requests.filter((r) => r.method === 'GET').length,
    getProducts: host.calls.filter((c) => c.method === 'getProducts').length,
  };
}

/**
 * One latency sample on a fresh page: from the offers response's last byte (resource timing
 * `responseEnd`) to the banner heading in the DOM and to the frame that paints it, with the steps
 * in between (the load event, the getProducts request to the host and its answer).
 */
export async function latency() {
  const item = product(1);
  const { store, error } = await start([item]);
  if (error) return { error };
  const steps = {};
  const webview = window.chrome.webview;
  const post = webview.postMessage;
  webview.postMessage = (message) => {
    if (message?.method === 'getProducts') steps.productsAsked ??= performance.now();
    post.call(webview, message);
  };
  webview.addEventListener('message', ({ data }) => {
    if (data?.result?.products) steps.productsAnswered ??= performance.now();
  });
  const provider = document.createElement('store-offers');
  provider.setAttribute('endpoint', store.endpoint);
  provider.addEventListener('store-offers-load', () => (steps.loadEvent ??= performance.now()));
  const banner = document.createElement('store-offer-banner');
  provider.append(banner);
  document.body.append(provider);
  const shown = await whenHeadingShows(banner, item.title);
  const [entry] = performance.getEntriesByName(store.endpoint);
  if (!entry) return { error: 'no resource timing entry for the offers GET' };
  const since = (t) => (t === undefined ? NaN : t - entry.responseEnd);
  return {
    loadEvent: since(steps.loadEvent),
    productsAsked: since(steps.productsAsked),
    productsAnswered: since(steps.productsAnswered),
    rendered: since(shown.rendered),
    painted: since(shown.painted),
    frame: shown.painted - shown.rendered,
  };
}

/**
 * The floor of the latency's last step, on a fresh page with the bundle loaded: a bare `<div>`
 * of text put in the page → the frame that paints it, measured as the banner heading is. No
 * library code runs in it: it is the wait for the next frame and the frame itself.
 */
export async function frameFloor() {
  await import(BUNDLE);
  const div = document.createElement('div');
  div.textContent = product(1).title;
  document.body.append(div);
  const rendered = performance.now();
  const painted = await nextFramePainted();
  return { frame: painted - rendered };
}

/**
 * One startup sample on a fresh page: parse + evaluate the full bundle (which defines the tags),
 * or with `'empty'` a one-line module imported the same way (what import() costs by itself).
 */
export async function startup(what) {
  const source = what === 'empty' ? 'export {};' : await (await fetch(BUNDLE)).text();
  const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  const start = performance.now();
  await import(url);
  const ms = performance.now() - start;
  return { ms, defined: TAGS.filter((tag) => customElements.get(tag)).length };
}

let memory;

/** Prepares the memory scenario: the bundle, one mock Store scenario, the mock host. */
export async function memorySetup() {
  const item = product(1);
  const { store, host, error } = await start([item]);
  if (error) return { error };
  memory = { item, store, host };
  return {};
}

/** Mounts a provider with every element, waits for the banner to show its offer, unmounts; `count` times. */
export async function memoryCycles(count) {
  const { item, store, host } = memory;
  for (let i = 0; i < count; i++) {
    const provider = document.createElement('store-offers');
    provider.setAttribute('endpoint', store.endpoint);
    provider.innerHTML = `<store-offer-banner></store-offer-banner>
      <store-purchase-button product-id="${item.productId}"></store-purchase-button>
      <store-claim-status></store-claim-status>`;
    document.body.append(provider);
    const banner = provider.querySelector('store-offer-banner');
    await until('the banner heading', () => headingText(banner).includes(item.title));
    provider.remove();
    // The harness's own records, not the library's: keep them from growing the heap.
    host.calls.length = 0;
    host.messages.length = 0;
    performance.clearResourceTimings();
  }
}

/**
 * One start-up on a slow host, on a fresh page: the mock WebView2 host answers each message after
 * `hostDelayMs`, the mock Store the offers GET after `storeDelayMs`. `carried`: the host announces
 * `storeRequest` (and no `getToken`) and the page sets neither token nor endpoint; else the page
 * sets the endpoint and the host gives the token. `withProductId`: the banner names its product.
 * Every time is from the moment `<store-offers>` is put in the page: when hello, the token and
 * the product data were answered, when the offers were (the storeRequest's answer, or the GET's
 * last byte), the heading in the DOM, and the frame that paints it.
 */
export async function slowHost({ carried, withProductId, hostDelayMs, storeDelayMs }) {
  const item = product(1);
  await import(BUNDLE);
  const error = missingElements();
  if (error) return { error };
  const store = await createMockStoreSession({
    offers: [{ offers: [item.productId], trackingId: TRACKING_ID }],
    faults: [{ method: 'GET', delayMs: storeDelayMs }],
  });
  const methods = carried ? ['getProducts', 'purchase', 'storeRequest'] : ['getToken', 'getProducts', 'purchase'];
  installMockWebView({ methods, products: [item], delayMs: hostDelayMs, storeEndpoint: carried ? store.endpoint : undefined });
  let start = NaN;
  const methodOf = new Map();
  const answered = {};
  const webview = window.chrome.webview;
  const post = webview.postMessage;
  webview.postMessage = (message) => {
    methodOf.set(message?.id, message?.method);
    post.call(webview, message);
  };
  webview.addEventListener('message', ({ data }) => {
    const method = methodOf.get(data?.id);
    if (method) answered[method] ??= performance.now() - start;
  });
  const provider = document.createElement('store-offers');
  if (!carried) provider.setAttribute('endpoint', store.endpoint);
  const banner = document.createElement('store-offer-banner');
  if (withProductId) banner.setAttribute('product-id', item.productId);
  provider.append(banner);
  start = performance.now();
  document.body.append(provider);
  const shown = await whenHeadingShows(banner, item.title);
  // Direct: the GET's last byte, from resource timing (the page's own request).
  const [get] = performance.getEntriesByName(store.endpoint);
  return {
    hello: answered.hello,
    token: answered.getToken,
    offers: carried ? answered.storeRequest : get ? get.responseEnd - start : undefined,
    products: answered.getProducts,
    rendered: shown.rendered - start,
    painted: shown.painted - start,
  };
}
