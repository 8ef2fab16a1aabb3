/**
 * Element states across product changes, refreshes, dismissals and language
 * changes. Real Chromium, the real mock Store, functionHost / mock hosts.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { StoreOffers } from '../src/components/store-offers/store-offers.js';
import type { StoreOfferBanner } from '../src/components/store-offer-banner/store-offer-banner.js';
import type { StorePurchaseButton } from '../src/components/store-purchase-button/store-purchase-button.js';
import { functionHost } from '../src/core/host/function-host.js';
import type { ProductInfo, StoreHost } from '../src/core/types.js';
import { createMockStoreSession } from '../src/testing/mock-store-client.js';
import '../src/define.js';

let unique = 0;
const id = (name: string) => `${name}-${Date.now().toString(36)}-${unique++}-${Math.random().toString(36).slice(2, 6)}`;

const shadow = (el: Element, selector: string) => el.shadowRoot!.querySelector<HTMLElement>(selector);
const innerButton = (banner: StoreOfferBanner) => shadow(banner, 'store-purchase-button') as StorePurchaseButton;
const label = (button: StorePurchaseButton) => shadow(button, '[part~=label]')!.textContent!.trim();

function host(products: ProductInfo[] = []): StoreHost & { purchases: string[] } {
  const purchases: string[] = [];
  return Object.assign(
    functionHost({
      getProducts: async (ids: string[]) => products.filter((p) => ids.includes(p.productId)),
      purchase: async (productId: string) => {
        purchases.push(productId);
        return { status: 'succeeded', orderId: `order-${productId}` };
      },
    }),
    { purchases },
  );
}

async function provider(offers: unknown, content: ReturnType<typeof html>, storeHost: StoreHost = host()) {
  const store = await createMockStoreSession({ offers });
  const el = await fixture<StoreOffers>(html`<store-offers
    .endpoint=${store.endpoint}
    .token=${'token'}
    .host=${storeHost}
    claims="off"
    >${content}</store-offers
  >`);
  await waitUntil(() => el.status !== 'idle' && el.status !== 'loading', 'offers never settled');
  return { store, el };
}

describe('elements when what they show changes', () => {
  afterEach(() => localStorage.removeItem('store-offer-dismissed'));

  it('a banner switched to another offer after a purchase offers the new product for sale (not "Purchased")', async () => {
    const [a, b] = [id('a'), id('b')];
    const h = host();
    const { el } = await provider(
      [
        { offers: [a], trackingId: id('t') },
        { offers: [b], trackingId: id('t') },
      ],
      html`<store-offer-banner product-id=${a}></store-offer-banner>`,
      h,
    );
    const banner = el.querySelector('store-offer-banner')!;
    await waitUntil(() => !shadow(banner, '.bone') && innerButton(banner)?.shadowRoot, 'banner never showed');
    shadow(innerButton(banner), 'button')!.click();
    await waitUntil(() => innerButton(banner).state === 'purchased', 'never purchased');

    banner.productId = b;
    await banner.updateComplete;
    const button = innerButton(banner);
    await button.updateComplete;
    expect(button.productId).to.equal(b);
    expect(button.state, 'state of the button for the new product').to.equal('idle');
    expect(label(button)).to.equal('Buy');
    shadow(button, 'button')!.click();
    await waitUntil(() => h.purchases.length === 2, 'the new product could not be bought', { timeout: 2000 }).catch(() => {});
    expect(h.purchases).to.deep.equal([a, b]);
  });

  it('a banner that shows the next offer after refresh() (the app reloads offers after a purchase) can sell it', async () => {
    const [a, b] = [id('a'), id('b')];
    const h = host();
    const { el, store } = await provider([{ offers: [a], trackingId: id('t') }], html`<store-offer-banner></store-offer-banner>`, h);
    const banner = el.querySelector('store-offer-banner')!;
    await waitUntil(() => !shadow(banner, '.bone') && innerButton(banner)?.shadowRoot, 'banner never showed');
    shadow(innerButton(banner), 'button')!.click();
    await waitUntil(() => innerButton(banner).state === 'purchased', 'never purchased');
    await store.update({ offers: [{ offers: [b], trackingId: id('t') }] });
    await el.refresh();
    await waitUntil(() => !shadow(banner, '.bone') && innerButton(banner)?.productId === b, 'the next offer never showed');
    const button = innerButton(banner);
    await button.updateComplete;
    expect([button.state, label(button), shadow(button, 'button')!.getAttribute('aria-disabled')]).to.deep.equal(['idle', 'Buy', null]);
  });

  it('a standalone button whose product-id changes after a purchase can buy the new product', async () => {
    const [a, b] = [id('a'), id('b')];
    const h = host();
    const { el } = await provider([{ offers: [a, b], trackingId: id('t') }], html`<store-purchase-button product-id=${a}></store-purchase-button>`, h);
    const button = el.querySelector('store-purchase-button')!;
    await button.updateComplete;
    shadow(button, 'button')!.click();
    await waitUntil(() => button.state === 'purchased');
    button.setAttribute('product-id', b);
    await button.updateComplete;
    expect(button.state).to.equal('idle');
    expect(shadow(button, 'button')!.getAttribute('aria-disabled')).to.equal(null);
  });

  it('a banner hides when refresh() fails after the offers were ready (SPEC: nothing on error)', async () => {
    const p = id('p');
    const { el, store } = await provider([{ offers: [p], trackingId: id('t') }], html`<store-offer-banner></store-offer-banner>`);
    const banner = el.querySelector('store-offer-banner')!;
    await waitUntil(() => !banner.hidden && shadow(banner, '[part~=heading]'));
    await store.addFaults({ method: 'GET', status: 400 });
    await el.refresh();
    expect(el.status).to.equal('error');
    await banner.updateComplete;
    expect(banner.hidden, 'banner hidden on error').to.equal(true);
    expect(shadow(banner, '[part~=base]'), 'banner renders nothing on error').to.equal(null);
  });

  for (const days of ['0', 'abc', 'Infinity', '-1']) {
    it(`a dismissible banner with dismiss-days="${days}" hides when its close button is clicked`, async () => {
      const p = id('p');
      const { el } = await provider([{ offers: [p], trackingId: id('t') }], html`<store-offer-banner dismissible dismiss-days=${days}></store-offer-banner>`);
      const banner = el.querySelector('store-offer-banner')!;
      await waitUntil(() => shadow(banner, '[part~=dismiss-button]'));
      let dismissed = 0;
      banner.addEventListener('store-offer-dismiss', () => dismissed++);
      shadow(banner, '[part~=dismiss-button]')!.click();
      await banner.updateComplete;
      expect(dismissed).to.equal(1);
      expect(banner.hidden, 'hidden after the dismiss event fired').to.equal(true);
    });
  }

  it('a dismissed banner stays hidden for the page when localStorage refuses the write (quota)', async () => {
    const p = id('p');
    const { el } = await provider([{ offers: [p], trackingId: id('t') }], html`<store-offer-banner dismissible></store-offer-banner>`);
    const banner = el.querySelector('store-offer-banner')!;
    await waitUntil(() => shadow(banner, '[part~=dismiss-button]'));
    // Fill the origin's quota for real: big chunks, then smaller ones until not even 16 characters fit.
    const fillers: string[] = [];
    for (let size = 1 << 20, i = 0; size >= 16; ) {
      try {
        localStorage.setItem(`filler-${i}`, 'x'.repeat(size));
        fillers.push(`filler-${i++}`);
      } catch {
        size >>= 1;
      }
    }
    try {
      expect(() => localStorage.setItem('filler-check', 'y'.repeat(64))).to.throw();
      shadow(banner, '[part~=dismiss-button]')!.click();
      await banner.updateComplete;
      expect(banner.hidden, 'hidden for this page after the dismissal').to.equal(true);
    } finally {
      fillers.forEach((name) => localStorage.removeItem(name));
    }
  });

  it('follows a runtime lang change of an ancestor (document language switch)', async () => {
    const p = id('p');
    const wrapper = document.createElement('div');
    wrapper.lang = 'en';
    document.body.append(wrapper);
    try {
      const store = await createMockStoreSession({ offers: [{ offers: [p], trackingId: id('t') }] });
      const el = document.createElement('store-offers') as StoreOffers;
      el.endpoint = store.endpoint;
      el.token = 'token';
      el.host = host();
      el.claims = 'off';
      const banner = document.createElement('store-offer-banner') as StoreOfferBanner;
      banner.dismissible = true;
      el.append(banner);
      wrapper.append(el);
      await waitUntil(() => shadow(banner, '[part~=dismiss-button]'));
      const heading = () => shadow(banner, '[part~=heading]')?.textContent?.trim();
      await waitUntil(() => heading() === 'Special offer', 'the English heading');
      wrapper.lang = 'fr';
      await waitUntil(() => heading() === 'Offre spéciale', 'the heading follows the new lang');
    } finally {
      wrapper.remove();
    }
  });
});
