// One journey of the real bundle against the real C# dispatcher (store-offers-devserver):
// `chrome.webview` here is a stand-in whose postMessage relays the message over HTTP to the C#
// host (through the test server's /host/ relay) and whose `message` events carry the C#
// answers and events — what WebView2's WebMessageReceived / PostWebMessageAsJson do in an app.
// The journey is named in ?journey=; the result goes into #result as JSON for the Node test.
import { createMockStoreSession } from '/dist/testing/index.js';
import { reportJourney, until } from '/test/csp/page-journey.js';

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

/** A bought add-on with its Store calls carried by the C# host (no endpoint set in the page). */
const CARRIED = {
  storeTokens: [TOKEN],
  tokens: { false: TOKEN },
  outcome: { status: 'Succeeded', orderId: ORDER_ID },
  carried: true,
};

const JOURNEYS = {
  'purchase-claim': { storeTokens: [TOKEN], tokens: { false: TOKEN }, outcome: { status: 'Succeeded', extendedJsonData: EXTENDED_JSON_DATA } },
  cancel: { storeTokens: [TOKEN], tokens: { false: TOKEN }, outcome: { status: 'NotPurchased' } },
  'already-owned': { storeTokens: [TOKEN], tokens: { false: TOKEN }, outcome: { status: 'AlreadyPurchased' } },
  // The Store accepts only the fresh token: the host's first one is rejected (401), the page asks
  // getToken again with forceRefresh: true, and the C# native store hands out the new one.
  'unauthorized-refresh': { storeTokens: [FRESH], tokens: { false: TOKEN, true: FRESH }, outcome: { status: 'Succeeded', orderId: ORDER_ID } },
  // No endpoint set in the page: the C# host announces storeRequest and carries the GET and the
  // claim POST over HttpClient with its own token; the page never asks for one.
  'host-carried': CARRIED,
  // A page that dies while the Store dialog is open (the Node test closes it once the purchase
  // was sent); the C# host journals the outcome before answering nobody…
  'journal-died': { ...CARRIED, purchaseDelayMs: 1500, dies: true },
  // The user changes (C# account-changed) while the claim is pending: it waits for its account.
  'account-change': { ...CARRIED, switchesAccount: true },
  // …and the next page claims it at start (takePurchases), then acknowledges it.
  'journal-next-start': { ...CARRIED, startsAfterDeath: true },
};

/** Every message that crossed the relay, both ways, as JSON text (the page must never see a token). */
const crossed = [];

function installRelayWebView() {
  const webview = new EventTarget();
  const deliver = (data) => {
    crossed.push(JSON.stringify(data));
    webview.dispatchEvent(new MessageEvent('message', { data }));
  };
  webview.postMessage = (message) => {
    crossed.push(JSON.stringify(message));
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
    purchaseDelayMs: plan.purchaseDelayMs ?? 0,
  });
  const provider = document.querySelector('store-offers');
  if (!plan.carried) provider.setAttribute('endpoint', store.endpoint);
  const loaded = new Promise((resolve, reject) => {
    provider.addEventListener('store-offers-load', (e) => resolve(e.detail.offers), { once: true });
    provider.addEventListener('store-offers-error', (e) => reject(e.detail.error), { once: true });
  });
  const claimedAtStart = claimedOnce();
  await import('/dist/store-offer-elements.bundle.js');
  const offers = await loaded;
  if (plan.startsAfterDeath) {
    const claim = await claimedAtStart;
    return {
      offers: offers.map((o) => o.trackingId),
      claim: { state: claim.state, trackingId: claim.trackingId },
      serverClaims: (await store.log()).claims.map((c) => c.receipt),
      hostLog: await (await fetch('/host/_log')).json(),
    };
  }

  const banner = document.querySelector('store-offer-banner');
  const buyButton = await until(() => banner.shadowRoot?.querySelector('store-purchase-button'));
  const button = await until(() => buyButton.shadowRoot?.querySelector('button'));
  const heading = await until(() => banner.shadowRoot.querySelector('[part=heading]')?.textContent.includes('pièces') && banner.shadowRoot.querySelector('[part=heading]').textContent.trim());
  const outcome = new Promise((resolve) => {
    document.addEventListener('store-purchase-complete', (e) => resolve({ event: 'complete', ...e.detail }), { once: true });
    document.addEventListener('store-purchase-error', (e) => resolve({ event: 'error', productId: e.detail.productId, status: e.detail.status }), { once: true });
  });
  const claimed = new Promise((resolve) => document.addEventListener('store-claim-change', (e) => e.detail.claim.state === 'claimed' && resolve(e.detail.claim)));
  if (plan.switchesAccount) return switchAccountMidClaim(plan, { store, provider, button, offers });
  button.click();
  if (plan.dies) {
    // The purchase is on its way to the C# host: the Node test closes the page now.
    await until(() => crossed.some((text) => JSON.parse(text).method === 'purchase'));
    return { offers: offers.map((o) => o.trackingId), purchaseSent: true };
  }
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
    pageMethods: [...new Set(crossed.map((text) => JSON.parse(text).method).filter(Boolean))],
    tokenInPage: crossed.some((text) => text.includes(TOKEN) || text.includes(FRESH)),
  };
}

/** Buys as acct-e2e, switches to acct-other while the claim is pending, waits, switches back. */
async function switchAccountMidClaim(plan, { store, provider, button, offers }) {
  // The first claim POST is held 300 ms by the Store, then cut off unprocessed: the claim stays pending.
  await store.addFaults({ method: 'POST', delayMs: 300, drop: 'before' });
  let loads = 0;
  provider.addEventListener('store-offers-load', () => loads++);
  const claimed = claimedOnce();
  button.click();
  await until(() => crossed.some((text) => text.includes('"method":"POST"')));
  await post('/host/_account', { account: 'acct-other' });
  await until(() => loads === 1);
  // Past the claim's first backoff step (2 s and jitter): nothing is sent for the other user.
  await new Promise((resolve) => setTimeout(resolve, 3500));
  const away = await store.log();
  await post('/host/_account', { account: 'acct-e2e' });
  const claim = await claimed;
  const log = await store.log();
  return {
    offers: offers.map((o) => o.trackingId),
    reloadedOnChange: loads >= 1,
    postsWhileAway: away.requests.filter((r) => r.method === 'POST').length,
    claimsWhileAway: away.claims.length,
    claim: { state: claim.state, trackingId: claim.trackingId },
    serverClaims: log.claims.map((c) => c.receipt),
    hostLog: await (await fetch('/host/_log')).json(),
  };
}

/** The first claim of the page to be claimed (store-claim-change from the provider). */
function claimedOnce() {
  return new Promise((resolve) => {
    document.addEventListener('store-claim-change', (e) => e.detail.claim.state === 'claimed' && resolve(e.detail.claim));
  });
}

async function post(path, body) {
  const response = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
}

reportJourney(journey(new URLSearchParams(location.search).get('journey')));
