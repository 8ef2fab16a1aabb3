// The CSP page's script (external: inline scripts are not allowed here). It plays a whole user
// journey with the shipped bundle — offers, product data, purchase, claim — and writes what it
// saw into #result as JSON for test/node/csp.test.js. Violations are counted from the first
// moment (this module runs before the bundle is imported).
import { createMockStoreSession, installMockWebView } from '/dist/testing/index.js';
import { reportJourney, until } from '/test/csp/page-journey.js';

const violations = [];
addEventListener('securitypolicyviolation', (event) => {
  violations.push(`${event.effectiveDirective}: ${event.blockedURI || event.sample}`);
});

const OFFER = { offers: ['10x gold coins', '100x gold coins'], trackingId: '5de5dd29-6dce-4e68-b45e-d8ee6c2cd203' };
const ORDER_ID = 'a5c5b6d2-6f8e-4a7b-9c3d-1e2f3a4b5c6d';

async function journey() {
  const store = await createMockStoreSession({ offers: [OFFER], tokens: ['csp-token'] });
  installMockWebView({
    tokens: ['csp-token'],
    products: [
      { productId: '10x gold coins', title: 'Ten gold coins', description: 'A <b>small</b> pile', formattedPrice: '€0.99', imageUrl: 'data:image/gif;base64,R0lGODlhAQABAAAAACw=' },
    ],
    purchase: { status: 'Succeeded', orderId: ORDER_ID },
  });
  const provider = document.querySelector('store-offers');
  provider.setAttribute('endpoint', store.endpoint);
  const loaded = new Promise((resolve, reject) => {
    provider.addEventListener('store-offers-load', resolve, { once: true });
    provider.addEventListener('store-offers-error', (e) => reject(e.detail.error), { once: true });
  });
  await import('/dist/store-offer-elements.bundle.js');
  await loaded;

  const banner = document.querySelector('store-offer-banner');
  const button = await until(() => banner.shadowRoot?.querySelector('store-purchase-button')?.shadowRoot?.querySelector('button'));
  const heading = await until(() => banner.shadowRoot.querySelector('[part=heading]')?.textContent.includes('Ten gold coins') && banner.shadowRoot.querySelector('[part=heading]').textContent.trim());
  const complete = new Promise((resolve) => document.addEventListener('store-purchase-complete', (e) => resolve(e.detail), { once: true }));
  const claimed = new Promise((resolve) => document.addEventListener('store-claim-change', (e) => e.detail.claim.state === 'claimed' && resolve(e.detail.claim)));
  button.click();
  const purchase = await complete;
  const claim = await claimed;
  const status = document.querySelector('store-claim-status').shadowRoot.querySelector('[part=label]').textContent.trim();
  const log = await store.log();
  return {
    heading,
    image: Boolean(banner.shadowRoot.querySelector('img')),
    purchase: purchase.status,
    claim: claim.state,
    status,
    serverClaims: log.claims.map((c) => c.receipt),
    tokens: [...new Set(log.requests.map((r) => r.token))],
  };
}

reportJourney(journey(), () => ({ trustedTypes: typeof trustedTypes === 'object', violations }));
