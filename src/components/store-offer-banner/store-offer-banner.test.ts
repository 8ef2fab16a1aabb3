import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import { functionHost } from '../../core/host/function-host.js';
import type { ProductInfo, StoreHost } from '../../core/types.js';
import { executeServerCommand } from '@web/test-runner-commands';
import type { StoreOfferImpressionEvent } from '../../events/store-offer-impression.js';
import { createMockStoreSession } from '../../testing/mock-store-client.js';
import { installMockWebView, type MockHost } from '../../testing/mock-host.js';
import '../../define.js';
import type { StoreOffers } from '../store-offers/store-offers.js';
import type { StoreOfferBanner } from './store-offer-banner.js';

let unique = 0;
const id = (name: string) => `${name}-${Date.now().toString(36)}-${unique++}`;
const PIXEL = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

const productsHost = (products: ProductInfo[]): StoreHost =>
  functionHost({
    getProducts: async (ids: string[]) => products.filter((p) => ids.includes(p.productId)),
    purchase: async () => ({ status: 'Succeeded', orderId: 'o' }),
  });

interface Setup {
  offers: unknown;
  content: TemplateResult;
  host?: StoreHost;
  token?: string | (() => Promise<string>);
}

/** A provider (mock Store with `offers`) around `content`; resolves once the offers settled. */
async function setup(options: Setup, wait = true) {
  // A host that can purchase unless the test says otherwise (`host: undefined`: detected): with
  // none, the banner hides.
  const { offers, content, host = 'host' in options ? undefined : productsHost([]), token = 'token' } = options;
  const store = await createMockStoreSession({ offers });
  const provider = await fixture<StoreOffers>(html`<store-offers
    .endpoint=${store.endpoint}
    .token=${token}
    .host=${host}
    .claimOptions=${{ key: id('claims') }}
    >${content}</store-offers
  >`);
  const banners = [...provider.querySelectorAll('store-offer-banner')];
  if (wait) {
    await waitUntil(() => provider.status !== 'loading' && provider.status !== 'idle');
    await settle(banners);
  }
  return { store, provider, banners };
}

/** Waits until no banner shows the skeleton while it has an offer to show. */
async function settle(banners: StoreOfferBanner[]) {
  await waitUntil(() => banners.every((b) => b.hidden || !b.shadowRoot!.querySelector('.bone')));
  await Promise.all(banners.map((b) => b.updateComplete));
}

const part = (el: Element, name: string) => el.shadowRoot!.querySelector(`[part~=${name}]`);
const text = (el: Element, name: string) => part(el, name)?.textContent?.trim();

describe('<store-offer-banner>', () => {
  let webview: MockHost | undefined;
  afterEach(() => {
    webview?.uninstall();
    webview = undefined;
  });

  it('shows a loading skeleton while the offers load', async () => {
    let giveToken!: (token: string) => void;
    const token = () => new Promise<string>((resolve) => (giveToken = resolve));
    const { provider, banners } = await setup(
      { offers: [{ offers: ['p'], trackingId: id('t') }], content: html`<store-offer-banner></store-offer-banner>`, token },
      false,
    );
    const el = banners[0]!;
    await el.updateComplete;
    expect(provider.status).to.equal('loading');
    expect(el.hidden).to.be.false;
    expect(part(el, 'base')!.getAttribute('role')).to.equal('status');
    expect(part(el, 'base')!.getAttribute('aria-label')).to.equal('Loading offer…');
    // The offer's layout: image, heading (two lines on a narrow card), description (one to four lines by width and language), price.
    expect(el.shadowRoot!.querySelectorAll('.bone')).to.have.length(8);
    // A still skeleton: a running (even a delayed) animation makes the compositor tick every frame
    // while the offers load, and the offer's first frame came 3.5–5 ms later with one (npm run bench).
    expect(el.shadowRoot!.getAnimations()).to.deep.equal([]);
    // The first line lays out invisible text in the heading's weight, so the skeleton (not the
    // offer's first frame) pays for looking that font up.
    const line = el.shadowRoot!.querySelector<HTMLElement>('.bone.line')!;
    expect(line.textContent).to.equal('\u00a0');
    expect(getComputedStyle(line).color).to.equal('rgba(0, 0, 0, 0)');
    const lineWeight = getComputedStyle(line).fontWeight;
    // The offer's elements are made (and not shown) with the skeleton: its arrival only fills in text.
    const [heading, button] = [part(el, 'heading')!, el.shadowRoot!.querySelector('store-purchase-button')!];
    expect(heading.checkVisibility()).to.be.false;
    // The button holds its place in the skeleton, unseen and out of reach.
    expect(button.checkVisibility({ visibilityProperty: true })).to.be.false;
    expect(button.closest('[inert]')).to.equal(part(el, 'actions'));
    await expect(el).to.be.accessible();
    giveToken('token');
    await waitUntil(() => !el.shadowRoot!.querySelector('.bone'));
    expect(text(el, 'heading')).to.equal('Special offer');
    expect(part(el, 'heading')).to.equal(heading);
    expect(el.shadowRoot!.querySelector('store-purchase-button')).to.equal(button);
    expect(heading.checkVisibility()).to.be.true;
    expect(getComputedStyle(heading).fontWeight).to.equal(lineWeight);
  });

  it('renders the product data as text, the price as the host formats it, and the image', async () => {
    const [p, t] = [id('p'), id('t')];
    const host = productsHost([
      { productId: p, title: '<b>100 coins</b>', description: 'A bag of coins', formattedPrice: '1,99 €', imageUrl: PIXEL },
    ]);
    const { banners } = await setup({ offers: [{ offers: [p], trackingId: t }], content: html`<store-offer-banner></store-offer-banner>`, host });
    const el = banners[0]!;
    expect(el.hidden).to.be.false;
    expect(text(el, 'heading')).to.equal('<b>100 coins</b>');
    expect(part(el, 'heading')!.querySelector('b')).to.equal(null);
    expect(text(el, 'description')).to.equal('A bag of coins');
    expect(text(el, 'price')).to.equal('1,99 €');
    expect(part(el, 'image')!.querySelector('img')!.getAttribute('src')).to.equal(PIXEL);
    const button = part(el, 'actions')!.querySelector('store-purchase-button')!;
    expect(button.productId).to.equal(p);
    expect(button.trackingId).to.equal(t);
    expect(button.getAttribute('exportparts')).to.equal(
      'base:purchase-button__base,label:purchase-button__label,spinner:purchase-button__spinner',
    );
    await button.updateComplete;
    expect(button.shadowRoot!.querySelector('[part~=label]')!.textContent!.trim()).to.equal('Buy');
    await expect(el).to.be.accessible();
  });

  it('shows no image for URLs outside https:, ms-appx:, ms-appx-web: and data:image/', async () => {
    const ids = [id('a'), id('b'), id('c'), id('d')];
    const urls = ['javascript:alert(1)', 'http://example.com/a.png', 'data:text/html,<b>x</b>', 'ms-appx:///Assets/coin.png'];
    const host = productsHost(ids.map((productId, i) => ({ productId, title: productId, imageUrl: urls[i] })));
    const { banners } = await setup({
      offers: [{ offers: ids, trackingId: id('t') }],
      content: html`${ids.map((productId) => html`<store-offer-banner product-id=${productId}></store-offer-banner>`)}`,
      host,
    });
    expect(banners.map((b) => part(b, 'image')?.querySelector('img')?.getAttribute('src') ?? null)).to.deep.equal([
      null,
      null,
      null,
      'ms-appx:///Assets/coin.png',
    ]);
  });

  it('lets slots replace heading, description and image', async () => {
    const p = id('p');
    const host = productsHost([{ productId: p, title: 'Host title', description: 'Host description' }]);
    const { banners } = await setup({
      offers: [{ offers: [p], trackingId: id('t') }],
      content: html`<store-offer-banner>
        <span slot="heading">Mine</span><span slot="description">My words</span><img slot="image" src=${PIXEL} alt="Coins" />
      </store-offer-banner>`,
      host,
    });
    const el = banners[0]!;
    const assigned = (name: string) =>
      (el.shadowRoot!.querySelector(`slot[name=${name}]`) as HTMLSlotElement).assignedElements().map((e) => e.textContent || e.getAttribute('alt'));
    expect(assigned('heading')).to.deep.equal(['Mine']);
    expect(assigned('description')).to.deep.equal(['My words']);
    expect(assigned('image')).to.deep.equal(['Coins']);
    await expect(el).to.be.accessible();
  });

  it('picks the offer with product-id, else the first product of the first offer', async () => {
    const [a, b, c] = [id('a'), id('b'), id('c')];
    const [t1, t2] = [id('t1'), id('t2')];
    const { banners } = await setup({
      offers: [
        { offers: [a, b], trackingId: t1 },
        { offers: [c], trackingId: t2 },
      ],
      content: html`<store-offer-banner></store-offer-banner><store-offer-banner product-id=${c}></store-offer-banner>`,
    });
    const buttons = banners.map((el) => part(el, 'actions')!.querySelector('store-purchase-button')!);
    expect(buttons.map((button) => [button.productId, button.trackingId])).to.deep.equal([
      [a, t1],
      [c, t2],
    ]);
  });

  it('renders nothing and is hidden when there is no offer, no matching offer, or an error', async () => {
    const empty = await setup({ offers: [], content: html`<store-offer-banner></store-offer-banner>` });
    const other = await setup({ offers: [{ offers: ['x'], trackingId: id('t') }], content: html`<store-offer-banner product-id="y"></store-offer-banner>` });
    const broken = await setup({ offers: { not: 'an array' }, content: html`<store-offer-banner></store-offer-banner>` });
    expect(broken.provider.status).to.equal('error');
    for (const el of [empty.banners[0]!, other.banners[0]!, broken.banners[0]!]) {
      expect(el.hidden).to.be.true;
      expect(getComputedStyle(el).display).to.equal('none');
      expect(part(el, 'base')).to.equal(null);
      await expect(el).to.be.accessible();
    }
  });

  it('dismisses, fires store-offer-dismiss, and stays dismissed after a reload', async () => {
    const [p, t] = [id('p'), id('t')];
    const offers = [{ offers: [p], trackingId: t }];
    const content = html`<store-offer-banner dismissible></store-offer-banner>`;
    const { banners } = await setup({ offers, content });
    const el = banners[0]!;
    const close = part(el, 'dismiss-button') as HTMLButtonElement;
    expect(close.getAttribute('aria-label')).to.equal('Dismiss offer');
    await expect(el).to.be.accessible();
    const dismissed = oneEvent(el, 'store-offer-dismiss');
    close.click();
    expect((await dismissed).detail).to.deep.equal({ productId: p, trackingId: t });
    await el.updateComplete;
    expect(el.hidden).to.be.true;

    const reloaded = await setup({ offers, content });
    expect(reloaded.banners[0]!.hidden).to.be.true;
    const stored = JSON.parse(localStorage.getItem('store-offer-dismissed')!);
    expect(stored[`${t}\n${p}`]).to.be.greaterThan(Date.now() + 6.9 * 864e5);
    const otherOffer = await setup({ offers: [{ offers: [p], trackingId: id('t') }], content });
    expect(otherOffer.banners[0]!.hidden).to.be.false;
  });

  it('ignores a dismiss while its offer is being bought (aria-disabled), and dismisses after', async () => {
    const [p, t] = [id('p'), id('t')];
    let pay: (outcome: { status: string; orderId: string }) => void = () => undefined;
    const host = functionHost({
      getProducts: async () => [],
      // Native spellings, as a host sends them (functionHost normalises them).
      purchase: () => new Promise<{ status: string; orderId: string }>((resolve) => (pay = resolve)),
    } as never);
    const content = html`<store-offer-banner dismissible></store-offer-banner>`;
    const { banners, provider } = await setup({ offers: [{ offers: [p], trackingId: t }], content, host });
    const el = banners[0]!;
    const close = () => part(el, 'dismiss-button') as HTMLButtonElement;
    const dismissals: Event[] = [];
    el.addEventListener('store-offer-dismiss', (event) => dismissals.push(event));
    const buy = el.shadowRoot!.querySelector('store-purchase-button')!.shadowRoot!.querySelector('button')!;
    buy.click();
    await waitUntil(() => close().getAttribute('aria-disabled') === 'true', 'the dismiss button is inert');
    close().click();
    await el.updateComplete;
    expect(dismissals).to.have.length(0);
    expect(el.hidden).to.equal(false);
    await expect(el).to.be.accessible();
    const completed = oneEvent(provider, 'store-purchase-complete');
    pay({ status: 'Succeeded', orderId: 'order-banner' });
    await completed;
    await waitUntil(() => !close().hasAttribute('aria-disabled'));
    close().click();
    expect(dismissals).to.have.length(1);
  });

  it('shows its offer, and can still be dismissed, whatever junk is stored under store-offer-dismissed', async () => {
    const saved = localStorage.getItem('store-offer-dismissed');
    try {
      for (const junk of ['{', 'null', '5', '"text"', '[1e20]', 'true']) {
        localStorage.setItem('store-offer-dismissed', junk);
        const [p, t] = [id('p'), id('t')];
        const { banners } = await setup({ offers: [{ offers: [p], trackingId: t }], content: html`<store-offer-banner dismissible></store-offer-banner>` });
        const el = banners[0]!;
        expect(el.hidden, junk).to.be.false;
        (part(el, 'dismiss-button') as HTMLButtonElement).click();
        await el.updateComplete;
        expect(el.hidden, junk).to.be.true;
        expect(JSON.parse(localStorage.getItem('store-offer-dismissed')!)[`${t}\n${p}`], junk).to.be.greaterThan(Date.now());
      }
    } finally {
      if (saved === null) localStorage.removeItem('store-offer-dismissed');
      else localStorage.setItem('store-offer-dismissed', saved);
    }
  });

  it('reports an impression once per offer per page after being half visible for a second', async () => {
    // Only the visible one of the test pages open at once can see the banner intersect.
    await executeServerCommand('bring-to-front');
    const [p, t] = [id('p'), id('t')];
    const impressions: StoreOfferImpressionEvent[] = [];
    const listener = (e: StoreOfferImpressionEvent) => impressions.push(e);
    document.addEventListener('store-offer-impression', listener);
    try {
      const offers = [{ offers: [p], trackingId: t }];
      const { banners } = await setup({ offers, content: html`<store-offer-banner></store-offer-banner>` });
      await waitUntil(() => impressions.length === 1, 'no impression', { timeout: 3000 });
      expect(impressions[0]!.detail).to.deep.equal({ productId: p, trackingId: t });
      expect(impressions[0]!.target).to.equal(banners[0]);
      await setup({ offers, content: html`<store-offer-banner></store-offer-banner>` });
      await new Promise((resolve) => setTimeout(resolve, 1300));
      expect(impressions).to.have.length(1);
    } finally {
      document.removeEventListener('store-offer-impression', listener);
    }
  });

  it('reports no impression for a banner that is not visible', async () => {
    const impressions: Event[] = [];
    const listener = (e: Event) => impressions.push(e);
    document.addEventListener('store-offer-impression', listener);
    try {
      await setup({
        offers: [{ offers: [id('p')], trackingId: id('t') }],
        content: html`<div style="margin-top: 200vh"><store-offer-banner></store-offer-banner></div>`,
      });
      await new Promise((resolve) => setTimeout(resolve, 1300));
      expect(impressions).to.have.length(0);
    } finally {
      document.removeEventListener('store-offer-impression', listener);
    }
  });

  it('asks the host once for the products of three banners, and the Store once for the page', async () => {
    const ids = [id('a'), id('b'), id('c')];
    webview = installMockWebView({ products: ids.map((productId) => ({ productId, title: `Title ${productId}` })) });
    const { banners, store } = await setup({
      host: undefined,
      offers: [{ offers: ids, trackingId: id('t') }],
      content: html`${ids.map((productId) => html`<store-offer-banner product-id=${productId}></store-offer-banner>`)}
        <store-purchase-button product-id=${ids[0]}></store-purchase-button>`,
    });
    expect(banners.map((el) => text(el, 'heading'))).to.deep.equal(ids.map((productId) => `Title ${productId}`));
    const calls = webview.calls.filter((c) => c.method === 'getProducts');
    expect(calls).to.have.length(1);
    expect((calls[0]!.params as { productIds: string[] }).productIds).to.have.members(ids);
    expect((await store.log()).requests).to.have.length(1);
  });

  it('speaks French under lang="fr"', async () => {
    const { banners } = await setup({
      offers: [{ offers: [id('p')], trackingId: id('t') }],
      content: html`<div lang="fr"><store-offer-banner dismissible></store-offer-banner></div>`,
      host: productsHost([]),
    });
    const el = banners[0]!;
    expect(text(el, 'heading')).to.equal('Offre spéciale');
    expect(part(el, 'dismiss-button')!.getAttribute('aria-label')).to.equal('Ignorer l’offre');
    const button = part(el, 'actions')!.querySelector('store-purchase-button')!;
    await button.updateComplete;
    expect(button.shadowRoot!.querySelector('[part~=label]')!.textContent!.trim()).to.equal('Acheter');
  });

  it('passes its string overrides to its purchase button', async () => {
    const { banners } = await setup({
      offers: [{ offers: [id('p')], trackingId: id('t') }],
      content: html`<store-offer-banner .strings=${{ buy: 'Get it', offer: 'Deal' }}></store-offer-banner>`,
      host: productsHost([]),
    });
    const el = banners[0]!;
    expect(text(el, 'heading')).to.equal('Deal');
    const button = part(el, 'actions')!.querySelector('store-purchase-button')!;
    await button.updateComplete;
    expect(button.shadowRoot!.querySelector('[part~=label]')!.textContent!.trim()).to.equal('Get it');
  });
});

