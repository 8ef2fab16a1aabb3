import type { ClaimQueueOptions } from '../../core/claims/claim-queue.js';
import { expect, fixture, fixtureSync, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { functionHost } from '../../core/host/function-host.js';
import type { StoreHost } from '../../core/types.js';
import type { StoreOffersErrorEvent } from '../../events/store-offers-error.js';
import type { StorePurchaseCompleteEvent } from '../../events/store-purchase-complete.js';
import type { StorePurchaseErrorEvent } from '../../events/store-purchase-error.js';
import { createMockStoreSession } from '../../testing/mock-store-client.js';
import { installMockWebView, type MockHost, type MockPurchase } from '../../testing/mock-host.js';
import '../../define.js';
import type { StoreOffers } from '../store-offers/store-offers.js';
import type { StorePurchaseButton } from './store-purchase-button.js';

let unique = 0;
const id = (name: string) => `${name}-${Date.now().toString(36)}-${unique++}`;

/** A host whose purchases wait until the test settles them. */
function manualHost() {
  const calls: string[] = [];
  const settle: Array<(outcome: MockPurchase) => void> = [];
  const host = functionHost({
    purchase: (productId: string) => {
      calls.push(productId);
      return new Promise<MockPurchase>((resolve) => settle.push(resolve));
    },
  });
  return { host, calls, settle: (outcome: MockPurchase) => settle.shift()!(outcome) };
}

const base = (el: StorePurchaseButton) => el.shadowRoot!.querySelector<HTMLButtonElement>('[part~=base]')!;
const label = (el: StorePurchaseButton) => base(el).querySelector('[part~=label]')!.textContent!.trim();
const spinner = (el: StorePurchaseButton) => el.shadowRoot!.querySelector('[part~=spinner]');

/** A provider with one offer `{ trackingId, offers: [productId] }` and buttons from `content`. */
async function inProvider(host: StoreHost | undefined, productId: string, trackingId: string, content = html``, claims: 'auto' | 'off' = 'auto') {
  const store = await createMockStoreSession({ offers: [{ offers: [productId], trackingId }] });
  const provider = await fixture<StoreOffers>(html`<store-offers
    .endpoint=${store.endpoint}
    .token=${'token'}
    .host=${host}
    claims=${claims}
    .claimOptions=${{ key: id('claims'), retry: { baseDelay: 5, maxDelay: 20 } } as ClaimQueueOptions}
    >${content}</store-offers
  >`);
  await waitUntil(() => provider.status === 'ready');
  const buttons = [...provider.querySelectorAll('store-purchase-button')];
  await Promise.all(buttons.map((b) => b.updateComplete));
  return { store, provider, buttons };
}

describe('<store-purchase-button>', () => {
  let webview: MockHost | undefined;
  afterEach(() => {
    webview?.uninstall();
    webview = undefined;
  });

  it('is idle with the default label, or the slotted one', async () => {
    const { host } = manualHost();
    const p = id('p');
    const { buttons } = await inProvider(
      host,
      p,
      id('t'),
      html`<store-purchase-button product-id=${p}></store-purchase-button
        ><store-purchase-button product-id=${p}>Get 100 coins</store-purchase-button>`,
    );
    const [plain, labelled] = buttons as StorePurchaseButton[];
    expect(plain!.state).to.equal('idle');
    expect(plain!.matches(':state(idle)')).to.be.true;
    expect(label(plain!)).to.equal('Buy');
    expect(base(plain!).tagName).to.equal('BUTTON');
    expect(base(plain!).hasAttribute('aria-disabled')).to.be.false;
    expect(labelled!.textContent).to.equal('Get 100 coins');
    expect(spinner(plain!)).to.equal(null);
    await expect(plain).to.be.accessible();
  });

  it('requests, shows purchasing (busy, spinner, "Purchasing…") and completes as purchased', async () => {
    const { host, settle } = manualHost();
    const [p, t] = [id('p'), id('t')];
    const { buttons } = await inProvider(host, p, t, html`<store-purchase-button product-id=${p}></store-purchase-button>`);
    const el = buttons[0] as StorePurchaseButton;

    const request = oneEvent(el, 'store-purchase-request');
    base(el).click();
    expect((await request).detail).to.deep.equal({ productId: p, trackingId: t });
    await el.updateComplete;
    expect(el.state).to.equal('purchasing');
    expect(el.matches(':state(purchasing)')).to.be.true;
    expect(base(el).getAttribute('aria-busy')).to.equal('true');
    expect(spinner(el)).not.to.equal(null);
    expect(label(el)).to.equal('Purchasing…');
    await expect(el).to.be.accessible();

    const complete = oneEvent(el, 'store-purchase-complete');
    settle({ status: 'Succeeded', orderId: 'order-1' });
    expect((await complete).detail).to.deep.equal({ productId: p, trackingId: t, status: 'succeeded', orderId: 'order-1', receipt: undefined });
    await el.updateComplete;
    expect(el.state).to.equal('purchased');
    expect(el.matches(':state(purchased)')).to.be.true;
    expect(label(el)).to.equal('Purchased');
    expect(base(el).getAttribute('aria-disabled')).to.equal('true');
    expect(base(el).hasAttribute('aria-busy')).to.be.false;
    await expect(el).to.be.accessible();
  });

  it('does nothing when the request is cancelled', async () => {
    const { host, calls } = manualHost();
    const p = id('p');
    const { buttons } = await inProvider(host, p, id('t'), html`<store-purchase-button product-id=${p}></store-purchase-button>`);
    const el = buttons[0] as StorePurchaseButton;
    el.addEventListener('store-purchase-request', (e) => e.preventDefault());
    base(el).click();
    await el.updateComplete;
    expect(calls).to.deep.equal([]);
    expect(el.state).to.equal('idle');
  });

  it('returns to idle on not-purchased (user cancel), with the error event but no error UI', async () => {
    const { host, settle } = manualHost();
    const [p, t] = [id('p'), id('t')];
    const { buttons } = await inProvider(host, p, t, html`<store-purchase-button product-id=${p}></store-purchase-button>`);
    const el = buttons[0] as StorePurchaseButton;
    base(el).click();
    const error = oneEvent(el, 'store-purchase-error');
    settle({ status: 'NotPurchased' });
    const { detail } = await error;
    expect(detail).to.include({ productId: p, trackingId: t, status: 'not-purchased' });
    // A code of its own: an app that toasts on purchase errors must not toast on a cancel.
    expect(detail.error.code).to.equal('purchase-not-completed');
    await el.updateComplete;
    expect(el.state).to.equal('idle');
    expect(label(el)).to.equal('Buy');
  });

  it('shows failed ("Try again") on a network error, and can try again', async () => {
    const { host, settle, calls } = manualHost();
    const p = id('p');
    const { buttons } = await inProvider(host, p, id('t'), html`<store-purchase-button product-id=${p}></store-purchase-button>`);
    const el = buttons[0] as StorePurchaseButton;
    base(el).click();
    const error = oneEvent(el, 'store-purchase-error');
    settle({ status: 'NetworkError' });
    const { detail } = await error;
    expect(detail.status).to.equal('network-error');
    expect(detail.error.code).to.equal('network');
    await el.updateComplete;
    expect(el.state).to.equal('failed');
    expect(el.matches(':state(failed)')).to.be.true;
    expect(label(el)).to.equal('Try again');
    await expect(el).to.be.accessible();
    base(el).click();
    expect(el.state).to.equal('purchasing');
    settle({ status: 'Succeeded', orderId: 'o' });
    await waitUntil(() => el.state === 'purchased');
    expect(calls).to.have.length(2);
  });

  it('shows owned ("Owned") when already purchased', async () => {
    const { host, settle } = manualHost();
    const [p, t] = [id('p'), id('t')];
    const { buttons, store } = await inProvider(host, p, t, html`<store-purchase-button product-id=${p}></store-purchase-button>`);
    const el = buttons[0] as StorePurchaseButton;
    base(el).click();
    const complete = oneEvent(el, 'store-purchase-complete');
    settle({ status: 'AlreadyPurchased' });
    expect((await complete).detail).to.include({ status: 'already-purchased', productId: p, trackingId: t });
    await el.updateComplete;
    expect(el.state).to.equal('owned');
    expect(el.matches(':state(owned)')).to.be.true;
    expect(label(el)).to.equal('Owned');
    await expect(el).to.be.accessible();
    expect((await store.log()).requests.filter((r) => r.method === 'POST')).to.have.length(0);
  });

  it('reports a failing host as unavailable and shows failed', async () => {
    webview = installMockWebView({ errors: { purchase: { code: 'boom', message: 'native failure' } } });
    const p = id('p');
    const el = await fixture<StorePurchaseButton>(html`<store-purchase-button product-id=${p}></store-purchase-button>`);
    base(el).click();
    const { detail } = await oneEvent(el, 'store-purchase-error');
    expect(detail.status).to.equal('unavailable');
    expect(detail.error.code).to.equal('host-error');
    expect(el.state).to.equal('failed');
  });

  it('without a host says purchases are unavailable, stays focusable, and fires unavailable', async () => {
    const p = id('p');
    const el = await fixture<StorePurchaseButton>(html`<store-purchase-button product-id=${p}></store-purchase-button>`);
    expect(label(el)).to.equal('Purchases unavailable');
    expect(base(el).getAttribute('aria-disabled')).to.equal('true');
    expect(base(el).disabled).to.be.false;
    base(el).focus();
    expect(el.shadowRoot!.activeElement).to.equal(base(el));
    await expect(el).to.be.accessible();
    const error = oneEvent(el, 'store-purchase-error');
    await sendKeys({ press: 'Enter' });
    const { detail } = await error;
    expect(detail).to.include({ productId: p, trackingId: undefined, status: 'unavailable' });
    expect(detail.error.code).to.equal('host-unavailable');
    expect(el.state).to.equal('idle');
  });

  it('buys through the detected WebView2 host outside a provider, with the real protocol', async () => {
    webview = installMockWebView({ purchase: { status: 'Succeeded', orderId: 'wv-order' } });
    const p = id('p');
    const el = await fixture<StorePurchaseButton>(html`<store-purchase-button product-id=${p}></store-purchase-button>`);
    base(el).click();
    const { detail } = await oneEvent(el, 'store-purchase-complete');
    expect(detail).to.include({ productId: p, trackingId: undefined, status: 'succeeded', orderId: 'wv-order' });
    expect(webview.calls.filter((c) => c.method === 'purchase')).to.deep.equal([{ method: 'purchase', params: { productId: p } }]);
  });

  it('activates with Enter and Space on the real button', async () => {
    const { host, settle, calls } = manualHost();
    const p = id('p');
    const { buttons } = await inProvider(host, p, id('t'), html`<store-purchase-button product-id=${p}></store-purchase-button>`);
    const el = buttons[0] as StorePurchaseButton;
    base(el).focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => calls.length === 1);
    settle({ status: 'NotPurchased' });
    await waitUntil(() => el.state === 'idle');
    await sendKeys({ press: 'Space' });
    await waitUntil(() => calls.length === 2);
    expect(el.state).to.equal('purchasing');
    settle({ status: 'NotPurchased' });
  });

  it('double click = one purchase', async () => {
    const { host, settle, calls } = manualHost();
    const p = id('p');
    const { buttons } = await inProvider(host, p, id('t'), html`<store-purchase-button product-id=${p}></store-purchase-button>`);
    const el = buttons[0] as StorePurchaseButton;
    let requests = 0;
    el.addEventListener('store-purchase-request', () => requests++);
    base(el).click();
    base(el).click();
    await el.updateComplete;
    base(el).click();
    expect(calls).to.deep.equal([p]);
    expect(requests).to.equal(1);
    settle({ status: 'Succeeded', orderId: 'o' });
    await waitUntil(() => el.state === 'purchased');
    base(el).click();
    expect(calls).to.have.length(1);
  });

  it('a button put back after the Store dialog ended while it was out of the page shows how it ended; a new one is idle', async () => {
    const { host, settle } = manualHost();
    const p = id('p');
    const { provider, buttons } = await inProvider(host, p, id('t'), html`<store-purchase-button product-id=${p}></store-purchase-button>`);
    const el = buttons[0] as StorePurchaseButton;
    // Out of the page when the dialog ends: the event comes from the provider.
    const complete = oneEvent(provider, 'store-purchase-complete');
    base(el).click();
    await el.updateComplete;
    el.remove();
    settle({ status: 'Succeeded', orderId: 'o' });
    await complete;
    provider.append(el);
    const fresh = document.createElement('store-purchase-button');
    fresh.productId = p;
    provider.append(fresh);
    await Promise.all([el.updateComplete, fresh.updateComplete]);
    expect([el.state, label(el), fresh.state]).to.deep.equal(['purchased', 'Purchased', 'idle']);
  });

  it('two buttons for one product = one purchase; both show it', async () => {
    const { host, settle, calls } = manualHost();
    const p = id('p');
    const { buttons } = await inProvider(
      host,
      p,
      id('t'),
      html`<store-purchase-button product-id=${p}></store-purchase-button><store-purchase-button product-id=${p}></store-purchase-button>`,
    );
    const [first, second] = buttons as StorePurchaseButton[];
    const completes: StorePurchaseCompleteEvent[] = [];
    const provider = first!.parentElement!;
    provider.addEventListener('store-purchase-complete', (e) => completes.push(e));
    base(first!).click();
    await second!.updateComplete;
    expect(second!.state).to.equal('purchasing');
    expect(base(second!).getAttribute('aria-busy')).to.equal('true');
    base(second!).click();
    expect(calls).to.deep.equal([p]);
    settle({ status: 'Succeeded', orderId: 'o' });
    await waitUntil(() => first!.state === 'purchased' && second!.state === 'purchased');
    expect(completes.map((e) => e.target)).to.deep.equal([first]);
  });

  it('queues the claim of a succeeded offer purchase (claims="auto")', async () => {
    const { host, settle } = manualHost();
    const [p, t] = [id('p'), id('t')];
    const { buttons, store } = await inProvider(host, p, t, html`<store-purchase-button product-id=${p}></store-purchase-button>`);
    base(buttons[0] as StorePurchaseButton).click();
    settle({ status: 'Succeeded', orderId: 'order-42' });
    await waitUntil(async () => (await store.log()).claims.length === 1);
    const { claims } = await store.log();
    expect(claims[0]).to.deep.equal({ storeOffer: { offers: [p], trackingId: t }, receipt: 'order-42', token: 'token' });
  });

  it('does not claim with claims="off"', async () => {
    const { host, settle } = manualHost();
    const p = id('p');
    const { buttons, store } = await inProvider(host, p, id('t'), html`<store-purchase-button product-id=${p}></store-purchase-button>`, 'off');
    const el = buttons[0] as StorePurchaseButton;
    base(el).click();
    settle({ status: 'Succeeded', orderId: 'order-43' });
    await waitUntil(() => el.state === 'purchased');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await store.log()).requests.map((r) => r.method)).to.deep.equal(['GET']);
  });

  it('completes but reports claim-unavailable when the host gives no orderId or receipt', async () => {
    const { host, settle } = manualHost();
    const p = id('p');
    const { buttons, provider } = await inProvider(host, p, id('t'), html`<store-purchase-button product-id=${p}></store-purchase-button>`);
    const el = buttons[0] as StorePurchaseButton;
    const errors: StoreOffersErrorEvent[] = [];
    provider.addEventListener('store-offers-error', (e) => errors.push(e));
    base(el).click();
    const complete = oneEvent(el, 'store-purchase-complete');
    settle({ status: 'Succeeded' });
    await complete;
    expect(el.state).to.equal('purchased');
    expect(errors.map((e) => e.detail.error.code)).to.deep.equal(['claim-unavailable']);
  });

  it('speaks French under lang="fr", and takes string overrides', async () => {
    const p = id('p');
    // fixtureSync: a plain root would make fixture wait for an animation frame, which a background page may never get.
    const wrapper = fixtureSync<HTMLElement>(html`<div lang="fr">
      <store-purchase-button product-id=${p}></store-purchase-button>
      <store-purchase-button product-id=${p} .strings=${{ unavailable: 'Indisponible ici' }}></store-purchase-button>
    </div>`);
    const [french, custom] = wrapper.querySelectorAll('store-purchase-button');
    await Promise.all([french!.updateComplete, custom!.updateComplete]);
    expect(label(french!)).to.equal('Achats indisponibles');
    expect(label(custom!)).to.equal('Indisponible ici');
  });

  it('fires its events bubbling and composed', async () => {
    const p = id('p');
    const el = await fixture<StorePurchaseButton>(html`<store-purchase-button product-id=${p}></store-purchase-button>`);
    const error = oneEvent(el, 'store-purchase-error') as Promise<StorePurchaseErrorEvent>;
    base(el).click();
    const event = await error;
    expect(event.bubbles && event.composed).to.be.true;
    expect(event.cancelable).to.be.false;
  });

  describe('a purchase event is never lost', () => {
    it('reaches the provider and the document once when the button was removed during the Store dialog', async () => {
      const manual = manualHost();
      const [p, t] = [id('p'), id('t')];
      const { provider, buttons, store } = await inProvider(
        manual.host,
        p,
        `${t}`,
        html`<store-purchase-button product-id=${p}></store-purchase-button>`,
      );
      const button = buttons[0]!;
      const atProvider: Event[] = [];
      const atDocument: StorePurchaseCompleteEvent[] = [];
      const onDocument = (event: Event) => atDocument.push(event as StorePurchaseCompleteEvent);
      provider.addEventListener('store-purchase-complete', (event) => atProvider.push(event));
      document.addEventListener('store-purchase-complete', onDocument);
      base(button).click();
      await waitUntil(() => manual.calls.length === 1);
      button.remove();
      manual.settle({ status: 'Succeeded', orderId: 'order-removed' });
      await waitUntil(() => atDocument.length > 0, 'the document hears the purchase');
      await new Promise((resolve) => setTimeout(resolve, 20));
      document.removeEventListener('store-purchase-complete', onDocument);
      expect(atProvider).to.have.length(1);
      expect(atDocument).to.have.length(1);
      expect(atDocument[0]!.target).to.equal(provider);
      expect(atDocument[0]!.bubbles && atDocument[0]!.composed).to.equal(true);
      expect(atDocument[0]!.detail).to.deep.include({ productId: p, trackingId: t, orderId: 'order-removed' });
      // And it is claimed, as for a button still in the page.
      await waitUntil(async () => (await store.log()).claims.length === 1);
    });

    it('reaches the document once when the provider was removed too', async () => {
      const manual = manualHost();
      const p = id('p');
      const { provider, buttons } = await inProvider(
        manual.host,
        p,
        id('t'),
        html`<store-purchase-button product-id=${p}></store-purchase-button>`,
      );
      const atDocument: Event[] = [];
      const onDocument = (event: Event) => atDocument.push(event);
      document.addEventListener('store-purchase-error', onDocument);
      base(buttons[0]!).click();
      await waitUntil(() => manual.calls.length === 1);
      provider.remove();
      manual.settle({ status: 'NotPurchased' });
      await waitUntil(() => atDocument.length > 0, 'the document hears the purchase');
      await new Promise((resolve) => setTimeout(resolve, 20));
      document.removeEventListener('store-purchase-error', onDocument);
      expect(atDocument).to.have.length(1);
      expect(atDocument[0]!.target).to.equal(document);
    });
  });
});
