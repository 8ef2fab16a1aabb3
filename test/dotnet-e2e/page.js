// One journey of the real bundle against the real C# dispatcher (store-offers-devserver):
// `chrome.webview` here is a stand-in whose postMessage relays the message over HTTP to the C#
// host (through the test server's /host/ relay) and whose `message` events carry the C#
// answers and events — what WebView2's WebMessageReceived / PostWebMessageAsJson do in an app.
// The journey is named in ?journey=; the result goes into #result as JSON for the Node test.
import { createMockStoreSession } from '/dist/testing/index.js';

const OFFER = { offers: ['10x gold coins', '100x gold coins'], trackingId: '5de5dd29-6dce-4e68-b45e-d8ee6c2cd203' };
const ORDER_ID = '5f0c3a71-9b2e-4d6c-a8f1-3e7b9d2c4a60';
// StoreProduct.ExtendedJsonData on the schema's shape (values synthetic): the page finds the orderId.
const EXTENDED_JSON_DATA = JSON.stringify({
  ProductId: '9NBLGGH4TNMP',
  ProductKind: 'Durable',
  Properties: { InAppOfferToken: '10x gold coins' },
  DisplaySkuAvailabilities: [{ Sku: { SkuId: '0010', CollectionData: { orderId: ORDER_ID, productId: '9NBLGGH4TNMP', skuId: '0010' } } }],
});
const PRODUCTS = [{ productId: '10x gold coins', title: '10 pièces d’or', formattedPrice: '0,99 €' }];
const TOKEN = 'EwB4A8l6BAAUO9chh8cJscQLmU+LSWpbnr0vmwwAAd1ICTsVl3EZ0zJ5';
const FRESH = 'EwB4A8l6BAAUO9chh8cJscQLmU+LSWpbnr0vmwwAAf3kPqR2Vb8nXy7T';

const JOURNEYS = {
  'purchase-claim': { storeTokens: [TOKEN], tokens: { false: TOKEN }, outcome: { status: 'Succeeded', extendedJsonData: EXTENDED_JSON_DATA } },
  cancel: { storeTokens: [TOKEN], tokens: { false: TOKEN }, outcome: { status: 'NotPurchased' } },
  'already-owned': { storeTokens: [TOKEN], tokens: { false: TOKEN }, outcome: { status: 'AlreadyPurchased' } },
  // The Store accepts only the fresh token: the host's first one is rejected (401), the page asks
  // getToken again with forceRefresh: true, and the C# native store hands out the new one.
  'unauthorized-refresh': { storeTokens: [FRESH], tokens: { false: TOKEN, true: FRESH }, outcome: { status: 'Succeeded', orderId: ORDER_ID } },
};

function installRelayWebView() {
  const webview = new EventTarget();
  const deliver = (data) => webview.dispatchEvent(new MessageEvent('message', { data }));
  webview.postMessage = (message) => {
    fetch('/host/message', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(message) })
      .then((response) => (response.status === 200 ? response.json() : undefined))
      .then((answer) => answer !== undefined && deliver(answer))
      .catch(() => {});
  };
  const events = new EventSource('/host/events');
  events.onmessage = (event) => deliver(JSON.parse(event.data));
  window.chrome = { webview };
}

async function journey(name) {
  const plan = JOURNEYS[name];
  if (!plan) throw new Error(`unknown journey ${name}`);
  installRelayWebView();
  const store = await createMockStoreSession({ offers: [OFFER], tokens: plan.storeTokens });
  await post('/host/_script', {
    tokens: plan.tokens,
    products: PRODUCTS,
    purchases: { '10x gold coins': plan.outcome },
    account: 'acct-e2e',
    storeEndpoint: store.endpoint,
  });
  const provider = document.querySelector('store-offers');
  provider.setAttribute('endpoint', store.endpoint);
  const loaded = new Promise((resolve, reject) => {
    provider.addEventListener('store-offers-load', (e) => resolve(e.detail.offers), { once: true });
    provider.addEventListener('store-offers-error', (e) => reject(e.detail.error), { once: true });
  });
  await import('/dist/store-offer-elements.bundle.js');
  const offers = await loaded;

  const banner = document.querySelector('store-offer-banner');
  const buyButton = await until(() => banner.shadowRoot?.querySelector('store-purchase-button'));
  const button = await until(() => buyButton.shadowRoot?.querySelector('button'));
  const heading = await until(() => banner.shadowRoot.querySelector('[part=heading]')?.textContent.includes('pièces') && banner.shadowRoot.querySelector('[part=heading]').textContent.trim());
  const outcome = new Promise((resolve) => {
    document.addEventListener('store-purchase-complete', (e) => resolve({ event: 'complete', ...e.detail }), { once: true });
    document.addEventListener('store-purchase-error', (e) => resolve({ event: 'error', productId: e.detail.productId, status: e.detail.status }), { once: true });
  });
  const claimed = new Promise((resolve) => document.addEventListener('store-claim-change', (e) => e.detail.claim.state === 'claimed' && resolve(e.detail.claim)));
  button.click();
  const purchase = await outcome;
  const claim = purchase.event === 'complete' && purchase.status === 'succeeded' ? await claimed : undefined;
  // Let a claim that should not happen have its chance to show up.
  if (!claim) await new Promise((r) => setTimeout(r, 300));
  const log = await store.log();
  return {
    offers: offers.map((o) => o.trackingId),
    heading,
    purchase: { event: purchase.event, status: purchase.status, orderId: purchase.orderId },
    buttonState: buyButton.state,
    claim: claim && { state: claim.state, trackingId: claim.trackingId },
    serverClaims: log.claims.map((c) => c.receipt),
    storeRequests: log.requests.map((r) => ({ method: r.method, outcome: r.outcome, token: r.token === FRESH ? 'fresh' : r.token === TOKEN ? 'first' : r.token })),
    hostLog: await (await fetch('/host/_log')).json(),
  };
}

async function post(path, body) {
  const response = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
}

async function until(check, ms = 20_000) {
  const end = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${check}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const output = document.getElementById('result');
journey(new URLSearchParams(location.search).get('journey')).then(
  (result) => (output.textContent = JSON.stringify({ ok: true, ...result })),
  (error) => (output.textContent = JSON.stringify({ ok: false, error: `${error?.name}: ${error?.message}` })),
);
