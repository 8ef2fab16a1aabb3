// The page side of the soak (test/soak/soak.js drives it). One page = one batch of journeys, each
// a real `<store-offers>` with a banner and/or a purchase button and a claim status, buying
// through the mock WebView2 host and claiming against its own mock Store scenario. The page
// reports to Node through bindings; it also plays the user's and the app's part: it clicks, sets
// a new token after a claim failed as unauthorized, refreshes offers that failed to load, and
// reloads itself at the planned point. On the account pages the shared host reports accounts
// and switches them; on the journal pages each journey has its own journaling host in Node
// (test/soak/native-host.js), reached through a host object.
import { hostObjectHost } from '/dist/store-offer-elements.bundle.js';
import { installMockWebView } from '/dist/testing/index.js';

const tab = new URLSearchParams(location.search).get('tab') ?? 'a';

/** Fire-and-forget report to Node (a report lost to a reload is fine: Node also reads the server). */
function report(event) {
  window.soakReport({ tab, ...event }).catch(() => undefined);
}

addEventListener('error', (event) => report({ type: 'page-error', message: String(event.message) }));
addEventListener('unhandledrejection', (event) => report({ type: 'page-error', message: `unhandled rejection: ${event.reason}` }));
addEventListener('securitypolicyviolation', (event) => report({ type: 'csp-violation', message: event.effectiveDirective }));

const plan = await window.soakPlan(tab);
const byProduct = new Map(plan.journeys.map((j) => [j.productId, j.id]));
const providers = new Map();
let reloading = false;

/** The journeys whose claim is not claimed yet (stored or not): a page death may cut their POST. */
window.soakOpenClaims = () => plan.journeys.filter((j) => !storedClaims(j.id).some((claim) => claim.state === 'claimed')).map((j) => j.id);

function reloadNow(point) {
  if (reloading) return;
  reloading = true;
  report({ type: 'reload', point, open: window.soakOpenClaims(), at: Date.now() });
  location.reload();
}

// The "native" side: one mock WebView2 host for the page, speaking the real message protocol
// (on the account pages it also announces getAccount and raises account-changed).
const DEFAULT_METHODS = ['getToken', 'getProducts', 'purchase', 'getStoreIdKey'];
const mock = installMockWebView({
  ...(plan.accounts ? { methods: [...DEFAULT_METHODS, 'getAccount'], account: plan.account } : {}),
  products: plan.journeys.map((j) => ({ productId: j.productId, title: `Coins for ${j.id}`, formattedPrice: '€0.99' })),
  purchase: Object.fromEntries(
    plan.journeys.map((j) => [j.productId, { status: 'Succeeded', orderId: j.orderId, delayMs: j.purchaseDelayMs }]),
  ),
});
const webview = window.chrome.webview;
const send = webview.postMessage.bind(webview);
const purchaseRequests = new Map();
let results = 0;
let lastPurchased;
webview.postMessage = (message) => {
  if (message?.method === 'purchase') {
    const journey = byProduct.get(message.params?.productId);
    purchaseRequests.set(message.id, journey);
    report({ type: 'purchase-call', journey });
  }
  send(message);
};
// Registered before the library's own listener, so this runs first for every answer.
webview.addEventListener('message', (event) => {
  const journey = purchaseRequests.get(event.data?.id);
  if (!journey) return;
  purchaseRequests.delete(event.data.id);
  if (++results < plan.journeys.length) return;
  // The last purchase result of the page: no purchase is in flight any more.
  lastPurchased = journey;
  if (plan.reload === 'after-result') reloadNow('after-result');
});

/** The account the host has signed in now (`undefined` on pages without accounts). */
let hostAccount = plan.accounts ? plan.account : undefined;

/**
 * The host signs another user in: its token and `getAccount` change and `account-changed` is
 * raised in one step (the library hears it in this task). Back to the buyer, the app reads the
 * claims again (a switch announces nothing): what was claimed meanwhile is reported.
 */
window.soakSwitchAccount = (account) => {
  hostAccount = account;
  mock.switchAccount(account);
  report({ type: 'account', account, at: Date.now() });
  for (const journey of plan.journeys) {
    for (const claim of storedClaims(journey.id)) reportStored(journey, claim);
  }
};

// The token comes from Node, which plays the native host: always the one the Store accepts now,
// for the account signed in.
const tokenFor = (id) => () => window.soakToken(id, hostAccount);

function mount(journey) {
  const provider = document.createElement('store-offers');
  provider.setAttribute('endpoint', journey.endpoint);
  provider.claimOptions = { key: `soak:${journey.id}`, retry: plan.retry };
  // The counters' self-check (runSoak({ sabotage: true })): this purchase is never claimed.
  if (plan.sabotage?.lose === journey.id) provider.setAttribute('claims', 'off');
  provider.token = tokenFor(journey.id);
  // The journal pages: this journey's own journaling host, in Node (it outlives the page).
  if (plan.journal) provider.host = hostObjectHost({ invoke: (json) => window.soakNative(journey.id, json) });
  if (journey.ui !== 'button') provider.append(Object.assign(document.createElement('store-offer-banner'), { productId: journey.productId }));
  if (journey.ui !== 'banner') provider.append(Object.assign(document.createElement('store-purchase-button'), { productId: journey.productId }));
  provider.append(document.createElement('store-claim-status'));

  provider.addEventListener('store-purchase-complete', (event) => report({ type: 'purchased', journey: journey.id, status: event.detail.status }));
  provider.addEventListener('store-purchase-error', (event) =>
    report({ type: 'purchase-error', journey: journey.id, status: event.detail.status, code: event.detail.error?.code }),
  );
  provider.addEventListener('store-offers-error', (event) => {
    const code = event.detail.error?.code;
    // A journaled purchase of a withdrawn offer: acknowledged without a claim, and said once.
    if (code === 'purchase-unmatched') {
      report({ type: 'unmatched', journey: journey.id, message: event.detail.error.message });
      return;
    }
    report({ type: 'offers-error', journey: journey.id, code });
    // The app's part: try again a little later (the GET already retried with backoff).
    if (code !== 'claim-unavailable') setTimeout(() => provider.refresh(), 50);
  });
  provider.addEventListener('store-claim-change', (event) => {
    const { state, attempts, error } = event.detail.claim;
    report({ type: 'claim', journey: journey.id, state, attempts, code: error?.code, at: Date.now(), account: hostAccount });
    // The account pages: once the last purchase is being claimed, another user signs in (in a task of its own).
    if (plan.switchTo && journey.id === lastPurchased && state === 'pending' && attempts === 0) {
      const other = plan.switchTo;
      plan.switchTo = undefined;
      setTimeout(() => window.soakSwitchAccount(other));
    }
    // The app's part after a 401 that a refresh did not fix: hand over a new token source.
    if (state === 'failed' && error?.code === 'unauthorized') provider.token = tokenFor(journey.id);
    // The counters' self-check: the claim sent once more, by hand, after it was claimed.
    if (plan.sabotage?.duplicate === journey.id && state === 'claimed') void resendByHand(journey);
    if (plan.sabotage?.twice === journey.id && state === 'claimed') void Promise.all([resendByHand(journey), resendByHand(journey)]);
    if (plan.reload === 'after-enqueue' && journey.id === lastPurchased && state === 'pending' && attempts === 0) reloadNow('after-enqueue');
    if (plan.reload === 'during-post' && journey.id === plan.heldJourney && state === 'submitting' && attempts === 1) reloadNow('during-post');
  });
  document.getElementById('journeys').append(provider);
  providers.set(journey.id, provider);
}

async function resendByHand(journey) {
  await fetch(journey.endpoint, {
    method: 'POST',
    headers: { Authorization: `Bearer ${await window.soakToken(journey.id)}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ storeOffer: { offers: [journey.productId], trackingId: journey.trackingId }, receipt: journey.orderId }),
  });
}

/** The native buttons a user can press for this journey (banner's and/or the bare one), once rendered. */
function buttons(journey) {
  const provider = providers.get(journey.id);
  const found = [];
  if (journey.ui !== 'button') {
    found.push(provider.querySelector('store-offer-banner')?.shadowRoot?.querySelector('store-purchase-button')?.shadowRoot?.querySelector('button'));
  }
  if (journey.ui !== 'banner') found.push(provider.querySelector(':scope > store-purchase-button')?.shadowRoot?.querySelector('button'));
  return found;
}

/** The journey's claim records in storage: their state, and the code of the error they stopped on. */
function storedClaims(id) {
  const claims = [];
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    if (!key?.startsWith(`soak:${id}:`)) continue;
    const record = JSON.parse(localStorage.getItem(key));
    claims.push({ state: record.state, code: record.error?.code });
  }
  return claims;
}

/** Reports a stored claim as the events do (with its error's code: a failed claim says why). */
function reportStored(journey, { state, code }) {
  report({ type: 'claim', journey: journey.id, state, code, stored: true });
}

for (const journey of plan.journeys) mount(journey);
// What survived in storage (a reload, the other tab): Node learns it even if no change follows.
for (const journey of plan.journeys) {
  for (const claim of storedClaims(journey.id)) reportStored(journey, claim);
}

if (plan.purchase) {
  const deadline = Date.now() + 60_000;
  while (!plan.journeys.every((j) => providers.get(j.id).status === 'ready' && buttons(j).every(Boolean))) {
    if (Date.now() > deadline) {
      report({ type: 'page-error', message: 'offers or buttons never became ready' });
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  // Node changes the token the Store accepts for some journeys now: the providers hold the old one.
  await window.soakReady(tab);
  // Every press of every button, in one task: only the first per product may start a purchase.
  for (const journey of plan.journeys) {
    for (const button of buttons(journey)) for (let i = 0; i < journey.clicks; i++) button?.click();
  }
}
