/**
 * A paid purchase when the page changes under it: the provider moved or removed while the Store
 * dialog is open or the claim is being POSTed, a click before the offers arrived, a listener that
 * clicks again. Each purchase that succeeded must be claimed exactly once, each click buy once.
 */
import { expect, fixture, fixtureSync, html, waitUntil } from '@open-wc/testing';
import type { StoreOffers } from '../src/components/store-offers/store-offers.js';
import type { StorePurchaseButton } from '../src/components/store-purchase-button/store-purchase-button.js';
import { functionHost } from '../src/core/host/function-host.js';
import type { PurchaseOutcome, StoreHost } from '../src/core/types.js';
import { installMockWebView } from '../src/testing/mock-host.js';
import { createMockStoreSession, type MockStoreSession } from '../src/testing/mock-store-client.js';
import type { MockStoreFault } from '../src/testing/mock-store.js';
import '../src/define.js';

const TRACKING_ID = '5de5dd29-6dce-4e68-b45e-d8ee6c2cd203';
let key = '';

beforeEach(() => {
  key = `money-paths-${Math.random().toString(36).slice(2)}`;
});
afterEach(() => {
  for (const name of Object.keys(localStorage)) if (name.startsWith(key)) localStorage.removeItem(name);
});

const store = (...faults: MockStoreFault[]) => createMockStoreSession({ offers: [{ offers: ['coins'], trackingId: TRACKING_ID }], faults });

/** A provider (inside a wrapper with an empty `<section>` to move it into) with a button, a status, and `host` unless detected. */
function provider(session: MockStoreSession, host?: StoreHost) {
  const wrapper = fixtureSync<HTMLDivElement>(html`<div>
    <section></section>
    <store-offers .endpoint=${session.endpoint} .token=${'token'} .host=${host} .claimOptions=${{ key, retry: { baseDelay: 5, maxDelay: 20 } }}>
      <store-purchase-button product-id="coins"></store-purchase-button>
      <store-claim-status></store-claim-status>
    </store-offers>
  </div>`);
  const offers = wrapper.querySelector('store-offers') as StoreOffers;
  const button = offers.querySelector('store-purchase-button') as StorePurchaseButton;
  const label = () => offers.querySelector('store-claim-status')!.shadowRoot!.querySelector('[part=label]')?.textContent?.trim();
  const click = () => button.shadowRoot!.querySelector('button')!.click();
  return { wrapper, offers, button, label, click };
}

const receipts = async (session: MockStoreSession) => (await session.log()).claims.map((claim) => claim.receipt);

describe('money paths when the page changes', () => {
  it('a provider moved while the Store dialog is open (detected WebView2 host) still claims the purchase, once', async () => {
    const webview = installMockWebView({ purchase: { status: 'Succeeded', orderId: 'order-dialog', delayMs: 200 } });
    try {
      const session = await store();
      const { wrapper, offers, button, label, click } = provider(session);
      await waitUntil(() => offers.status === 'ready');
      await button.updateComplete;
      click();
      await waitUntil(() => webview.calls.some((call) => call.method === 'purchase'), 'purchase sent');
      wrapper.querySelector('section')!.append(offers);
      await waitUntil(() => label() === 'Offer registered', 'claimed', { timeout: 5000 });
      expect(button.state).to.equal('purchased');
      expect(await receipts(session)).to.deep.equal(['order-dialog']);
    } finally {
      webview.uninstall();
    }
  });

  it('a provider moved during the claim POST sends the claim once', async () => {
    const session = await store({ method: 'POST', delayMs: 200 });
    const host = functionHost({ purchase: async () => ({ status: 'Succeeded', orderId: 'order-move' }) });
    const { wrapper, offers, button, label, click } = provider(session, host);
    await waitUntil(() => offers.status === 'ready');
    await button.updateComplete;
    click();
    await waitUntil(async () => (await session.log()).requests.some((request) => request.method === 'POST'), 'the POST');
    wrapper.querySelector('section')!.append(offers);
    await waitUntil(() => label() === 'Offer registered', 'claimed', { timeout: 5000 });
    expect(await receipts(session)).to.deep.equal(['order-move']);
    // Nor does the move fetch the offers again.
    expect((await session.log()).requests.filter((request) => request.method === 'GET')).to.have.length(1);
  });

  it('a provider removed while the Store dialog is open stores the claim, and the next provider sends it once', async () => {
    const webview = installMockWebView({ purchase: { status: 'Succeeded', orderId: 'order-gone', delayMs: 200 } });
    try {
      const session = await store();
      const { wrapper, offers, button, click } = provider(session);
      await waitUntil(() => offers.status === 'ready');
      await button.updateComplete;
      const completed: string[] = [];
      // The button and its provider are out of the page when the dialog ends: the document hears it.
      const onComplete = (event: Event) => completed.push((event as CustomEvent).detail.status);
      document.addEventListener('store-purchase-complete', onComplete);
      click();
      await waitUntil(() => webview.calls.some((call) => call.method === 'purchase'), 'purchase sent');
      wrapper.remove();
      await waitUntil(() => completed.length > 0, 'the purchase answered');
      document.removeEventListener('store-purchase-complete', onComplete);
      expect(completed).to.deep.equal(['succeeded']);
      expect(Object.keys(localStorage).filter((name) => name.startsWith(`${key}:`))).to.have.length(1);

      const next = provider(session);
      await waitUntil(() => next.label() === 'Offer registered', 'claimed by the next provider', { timeout: 5000 });
      expect(await receipts(session)).to.deep.equal(['order-gone']);
    } finally {
      webview.uninstall();
    }
  });

  it('claims a purchase clicked before the offers arrived', async () => {
    const session = await store({ method: 'GET', delayMs: 200 });
    let answer!: (outcome: PurchaseOutcome) => void;
    const host = functionHost({ purchase: () => new Promise<PurchaseOutcome>((resolve) => (answer = resolve)) });
    const { offers, button, label, click } = provider(session, host);
    await button.updateComplete;
    expect(offers.status).to.equal('loading');
    const completed: (string | undefined)[] = [];
    button.addEventListener('store-purchase-complete', (event) => completed.push(event.detail.trackingId));
    click();
    await waitUntil(() => offers.status === 'ready', 'offers loaded');
    answer({ status: 'succeeded', orderId: 'order-early' });
    await waitUntil(() => label() === 'Offer registered', 'claimed', { timeout: 5000 });
    expect(completed).to.deep.equal([TRACKING_ID]);
    expect(await receipts(session)).to.deep.equal(['order-early']);
  });

  it('a click from a store-purchase-request listener starts no second purchase', async () => {
    const purchases: string[] = [];
    const host = functionHost({ purchase: async (productId: string) => (purchases.push(productId), { status: 'NotPurchased' }) });
    const session = await store();
    const element = await fixture<StoreOffers>(html`<store-offers .endpoint=${session.endpoint} .token=${'token'} .host=${host}
      .claimOptions=${{ key }}>
      <store-purchase-button product-id="coins"></store-purchase-button>
      <store-purchase-button product-id="coins"></store-purchase-button>
    </store-offers>`);
    const [first, second] = element.querySelectorAll('store-purchase-button');
    await Promise.all([first!.updateComplete, second!.updateComplete]);
    first!.addEventListener('store-purchase-request', () => second!.shadowRoot!.querySelector('button')!.click(), { once: true });
    first!.shadowRoot!.querySelector('button')!.click();
    await waitUntil(() => purchases.length > 0 && first!.state === 'idle' && second!.state === 'idle', 'the purchase answered');
    expect(purchases).to.deep.equal(['coins']);
  });
});
