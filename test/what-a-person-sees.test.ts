/**
 * What a person sees and hears (issue 16), in real Chromium on the real mock Store: the page's
 * colour scheme, no layout shift from the skeleton, a button that keeps its width, the banner's
 * ARIA, announcements, focus after a dismiss, the no-host banner, forced colours, hover / pressed
 * / focus ring, and the Fluent 2 design tokens of the page.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia, executeServerCommand, resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';
import type { TemplateResult } from 'lit';
import type { StoreClaimStatus } from '../src/components/store-claim-status/store-claim-status.js';
import type { StoreOfferBanner } from '../src/components/store-offer-banner/store-offer-banner.js';
import type { StoreOffers } from '../src/components/store-offers/store-offers.js';
import type { StorePurchaseButton } from '../src/components/store-purchase-button/store-purchase-button.js';
import { functionHost } from '../src/core/host/function-host.js';
import type { ProductInfo, StoreHost } from '../src/core/types.js';
import '../src/define.js';
import type { MockPurchase } from '../src/testing/mock-host.js';
import { createMockStoreSession } from '../src/testing/mock-store-client.js';

let unique = 0;
const id = (name: string) => `${name}-${Date.now().toString(36)}-${unique++}`;
const shadow = <T extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<T>(selector)!;
/** Two frames (layout shifts are reported with frames); at most 200 ms, as a hidden page draws none. */
const nextFrame = () =>
  Promise.race([new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))), new Promise((resolve) => setTimeout(resolve, 200))]);

/** The demo's product data (long French title, a description, a price, an image). */
function products(lang: 'en' | 'fr', productId: string, other: string): ProductInfo[] {
  const image = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
  return lang === 'fr'
    ? [
        { productId, title: '100 pièces d’or + 40 % offertes', description: 'Cette semaine seulement : 140 pièces pour le prix de 100.', formattedPrice: '0,99 €', imageUrl: image },
        { productId: other, title: '500 pièces d’or', formattedPrice: '3,99 €', imageUrl: image },
      ]
    : [
        { productId, title: '100 gold coins + 40% bonus', description: 'This week only: 140 coins for the price of 100.', formattedPrice: '$0.99', imageUrl: image },
        { productId: other, title: '500 gold coins', formattedPrice: '$3.99', imageUrl: image },
      ];
}

/** A host whose purchases wait for `settle(outcome)`, with product data. */
function manualHost(catalogue: ProductInfo[] = [], productsDelay?: Promise<unknown>) {
  const pending: Array<(outcome: MockPurchase) => void> = [];
  const host = functionHost({
    getProducts: async (ids: string[]) => {
      await productsDelay;
      return catalogue.filter((p) => ids.includes(p.productId));
    },
    purchase: () => new Promise<MockPurchase>((resolve) => pending.push(resolve)),
  });
  return { host, settle: (outcome: MockPurchase) => pending.shift()!(outcome) };
}

interface Setup {
  content: TemplateResult;
  host?: StoreHost;
  offers?: unknown;
  token?: string | (() => Promise<string>);
  wrapper?: (inner: TemplateResult) => TemplateResult;
}

/** A provider on the mock Store around `content`; resolves once the offers settled. */
async function setup({ content, host, offers, token = 'token', wrapper = (inner) => inner }: Setup, wait = true) {
  const store = await createMockStoreSession({ offers: offers ?? [] });
  const root = await fixture<HTMLElement>(
    wrapper(html`<store-offers .endpoint=${store.endpoint} .token=${token} .host=${host} .claimOptions=${{ key: id('claims') }}>${content}</store-offers>`),
  );
  const provider = root.localName === 'store-offers' ? (root as StoreOffers) : root.querySelector<StoreOffers>('store-offers')!;
  if (wait) await waitUntil(() => provider.status !== 'loading' && provider.status !== 'idle', 'offers settled');
  return { store, provider, root };
}

/** Resolves when every banner shows its offer (no skeleton). */
const offerShown = (banner: StoreOfferBanner) => waitUntil(() => !banner.hidden && !banner.shadowRoot!.querySelector('.bone') && !!shadow(banner, '[part~=heading]'), 'offer shown', { timeout: 5000 });

/** A system colour as Chromium resolves it here. */
function systemColor(name: string) {
  const probe = document.createElement('span');
  probe.style.cssText = `color:${name};forced-color-adjust:none`;
  document.body.append(probe);
  const value = getComputedStyle(probe).color;
  probe.remove();
  return value;
}

describe('the page decides light or dark, not the operating system', () => {
  afterEach(async () => {
    document.documentElement.style.colorScheme = '';
    document.documentElement.style.removeProperty('--store-offer-color-scheme');
    await emulateMedia({ colorScheme: 'light' });
  });

  /** The claim status' text colour and the purchase button's fill after one failed claim. */
  async function colours() {
    const p = id('p');
    const offers = [{ offers: [p], trackingId: id('t') }];
    const { host, settle } = manualHost();
    const { provider } = await setup({ offers, host, content: html`<store-purchase-button product-id=${p}></store-purchase-button><store-claim-status></store-claim-status>` });
    const status = provider.querySelector<StoreClaimStatus>('store-claim-status')!;
    const button = provider.querySelector<StorePurchaseButton>('store-purchase-button')!;
    await button.updateComplete;
    return {
      text: getComputedStyle(shadow(status, '[part~=base]')).color,
      accent: getComputedStyle(shadow(button, '[part~=base]')).backgroundColor,
      settle,
    };
  }

  it('a light page (no color-scheme) on a dark-mode PC gets light elements: dark text, the light accent', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    expect(matchMedia('(prefers-color-scheme: dark)').matches).to.equal(true);
    const { text, accent } = await colours();
    expect(text).to.equal('rgb(27, 27, 27)');
    expect(accent).to.equal('rgb(0, 103, 192)');
  });

  it('a dark page (color-scheme: dark) on a light-mode PC gets dark elements', async () => {
    document.documentElement.style.colorScheme = 'dark';
    const { text, accent } = await colours();
    expect(text).to.equal('rgb(255, 255, 255)');
    expect(accent).to.equal('rgb(76, 194, 255)');
  });

  it('a page that says "light dark" follows the preference; --store-offer-color-scheme overrides the page', async () => {
    document.documentElement.style.colorScheme = 'light dark';
    await emulateMedia({ colorScheme: 'dark' });
    expect((await colours()).text).to.equal('rgb(255, 255, 255)');
    document.documentElement.style.setProperty('--store-offer-color-scheme', 'light');
    expect((await colours()).text).to.equal('rgb(27, 27, 27)');
  });
});

describe('the skeleton reserves the offer’s size (no layout shift)', function () {
  this.timeout(60_000);
  // Only the visible one of the test pages open at once draws frames (and reports layout shifts).
  beforeEach(() => executeServerCommand('bring-to-front'));

  for (const lang of ['en', 'fr'] as const) {
    // 254 px: the banner in the demo on a 320 px phone.
    for (const width of [254, 320, 400, 768]) {
      it(`${lang}, ${width} px: same height, CLS 0 for the content below`, async () => {
        const [p, other] = [id('p'), id('q')];
        let giveProducts!: () => void;
        const productsArrive = new Promise<void>((resolve) => (giveProducts = resolve));
        const { host } = manualHost(products(lang, p, other), productsArrive);
        const shifts: number[] = [];
        const observer = new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) if (!entry.hadRecentInput) shifts.push(entry.value);
        });
        const { provider } = await setup({
          offers: [{ offers: [p, other], trackingId: id('t') }],
          host,
          content: html`<store-offer-banner dismissible></store-offer-banner>`,
          wrapper: (inner) => html`<div lang=${lang} style="width:${width}px">${inner}<p>Below the banner.</p></div>`,
        });
        const banner = provider.querySelector<StoreOfferBanner>('store-offer-banner')!;
        await banner.updateComplete;
        await nextFrame();
        expect(banner.shadowRoot!.querySelector('.bone'), 'the skeleton shows while the product data loads').not.to.equal(null);
        const skeleton = banner.getBoundingClientRect().height;
        observer.observe({ type: 'layout-shift' });
        giveProducts();
        await offerShown(banner);
        await Promise.all([...banner.shadowRoot!.querySelectorAll('img')].map((img) => img.decode().catch(() => undefined)));
        await nextFrame();
        const offer = banner.getBoundingClientRect().height;
        observer.disconnect();
        expect(skeleton, `skeleton ${skeleton} px, offer ${offer} px`).to.be.closeTo(offer, 0.5);
        expect(shifts.reduce((a, b) => a + b, 0), 'cumulative layout shift').to.equal(0);
      });
    }
  }
});

describe('the purchase button keeps its width across its states', () => {
  for (const lang of ['en', 'fr'] as const) {
    for (const [outcome, state] of [
      [{ status: 'Succeeded', orderId: 'o' }, 'purchased'],
      [{ status: 'AlreadyPurchased' }, 'owned'],
      [{ status: 'NetworkError' }, 'failed'],
    ] as const) {
      it(`${lang}: idle → purchasing → ${state}`, async () => {
        const p = id('p');
        const { host, settle } = manualHost();
        const { provider } = await setup({
          offers: [{ offers: [p], trackingId: id('t') }],
          host,
          content: html`<store-purchase-button product-id=${p}></store-purchase-button>`,
          wrapper: (inner) => html`<div lang=${lang}>${inner}</div>`,
        });
        const button = provider.querySelector<StorePurchaseButton>('store-purchase-button')!;
        await button.updateComplete;
        const width = () => shadow(button, '[part~=base]').getBoundingClientRect().width;
        const idle = width();
        shadow<HTMLButtonElement>(button, '[part~=base]').click();
        await waitUntil(() => button.state === 'purchasing');
        await button.updateComplete;
        expect(width(), 'purchasing').to.equal(idle);
        settle(outcome);
        await waitUntil(() => button.state === state);
        await button.updateComplete;
        expect(width(), state).to.equal(idle);
        // Control height 32 px and 11 px side padding (WinUI).
        const style = getComputedStyle(shadow(button, '[part~=base]'));
        expect([shadow(button, '[part~=base]').getBoundingClientRect().height, style.paddingInlineStart, style.paddingInlineEnd]).to.deep.equal([32, '11px', '11px']);
      });
    }
  }
});

describe('what a screen reader hears', () => {
  it('each banner is a group named by its heading (level 2); its Buy button is described by the product', async () => {
    const [p, q] = [id('p'), id('q')];
    const { host } = manualHost(products('en', p, q));
    const { provider } = await setup({
      offers: [{ offers: [p, q], trackingId: id('t') }],
      host,
      content: html`<store-offer-banner product-id=${p}></store-offer-banner><store-offer-banner product-id=${q}></store-offer-banner>`,
    });
    const banners = [...provider.querySelectorAll<StoreOfferBanner>('store-offer-banner')];
    await Promise.all(banners.map(offerShown));
    type Node = { role: string; name: string; description?: string; level?: number; children?: Node[] };
    const tree = (await executeServerCommand('accessibility-tree')) as Node;
    const all: Node[] = [];
    const walk = (node: Node) => (all.push(node), node.children?.forEach(walk));
    walk(tree);
    const groups = all.filter((n) => n.role === 'group').map((n) => n.name);
    expect(groups).to.include.members(['100 gold coins + 40% bonus', '500 gold coins']);
    const headings = all.filter((n) => n.role === 'heading').map((n) => [n.name, n.level]);
    expect(headings).to.deep.include.members([
      ['100 gold coins + 40% bonus', 2],
      ['500 gold coins', 2],
    ]);
    const buys = all.filter((n) => n.role === 'button' && n.name === 'Buy').map((n) => n.description);
    expect(buys).to.deep.equal(['100 gold coins + 40% bonus', '500 gold coins']);
  });

  for (const [outcome, said, state] of [
    [{ status: 'Succeeded', orderId: 'o' }, 'Purchase complete.', 'purchased'],
    [{ status: 'AlreadyPurchased' }, 'You already own this.', 'owned'],
    [{ status: 'NotPurchased' }, 'Purchase not completed. You can try again.', 'idle'],
    [{ status: 'NetworkError' }, 'The Microsoft Store could not be reached. Check your connection and try again.', 'failed'],
    [{ status: 'ServerError' }, 'The Microsoft Store is having a problem. Try again in a few minutes.', 'failed'],
  ] as const) {
    it(`announces the outcome ${outcome.status} in a live region that was there before: "${said}"`, async () => {
      const p = id('p');
      const { host, settle } = manualHost();
      const { provider } = await setup({ offers: [{ offers: [p], trackingId: id('t') }], host, content: html`<store-purchase-button product-id=${p}></store-purchase-button>` });
      const button = provider.querySelector<StorePurchaseButton>('store-purchase-button')!;
      await button.updateComplete;
      const region = shadow(button, '[role=status]');
      expect(region.textContent).to.equal('');
      shadow<HTMLButtonElement>(button, '[part~=base]').click();
      settle(outcome);
      await waitUntil(() => button.state === state && shadow(button, '[role=status]').textContent === said, `said: ${region.textContent}`);
      // The same node: a live region announces changes, not its arrival.
      expect(shadow(button, '[role=status]')).to.equal(region);
      if (state === 'failed') {
        // The reason also describes "Try again", for whoever tabs to it later.
        const reason = shadow(button, '#reason');
        expect(shadow(button, '[part~=base]').getAttribute('aria-describedby')).to.contain('reason');
        expect(reason.textContent).to.equal(said);
      }
    });
  }
});

describe('focus after a dismiss', () => {
  it('goes to the next focusable thing after the banner, not to <body>', async () => {
    const p = id('p');
    const { host } = manualHost(products('en', p, id('q')));
    const { provider } = await setup({
      offers: [{ offers: [p], trackingId: id('t') }],
      host,
      content: html`<button id="before">Before</button><store-offer-banner dismissible></store-offer-banner><a id="after" href="#after">After</a>`,
    });
    const banner = provider.querySelector<StoreOfferBanner>('store-offer-banner')!;
    await offerShown(banner);
    shadow(banner, '[part~=dismiss-button]').focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => banner.hidden, 'dismissed');
    await banner.updateComplete;
    expect(document.activeElement?.id).to.equal('after');
  });

  it('goes to the purchase button after it when that is next', async () => {
    const [p, q] = [id('p'), id('q')];
    const { host } = manualHost(products('en', p, q));
    const { provider } = await setup({
      offers: [{ offers: [p], trackingId: id('t') }],
      host,
      content: html`<store-offer-banner dismissible></store-offer-banner><store-purchase-button product-id=${q}></store-purchase-button>`,
    });
    const banner = provider.querySelector<StoreOfferBanner>('store-offer-banner')!;
    await offerShown(banner);
    shadow(banner, '[part~=dismiss-button]').focus();
    await sendKeys({ press: 'Space' });
    await waitUntil(() => banner.hidden, 'dismissed');
    await banner.updateComplete;
    const button = provider.querySelector('store-purchase-button')!;
    expect(document.activeElement).to.equal(button);
    expect(button.shadowRoot!.activeElement?.getAttribute('part')).to.equal('base');
  });

  it('goes to the provider when nothing else can take it', async () => {
    const p = id('p');
    const { host } = manualHost(products('en', p, id('q')));
    const { provider } = await setup({ offers: [{ offers: [p], trackingId: id('t') }], host, content: html`<store-offer-banner dismissible></store-offer-banner>` });
    const banner = provider.querySelector<StoreOfferBanner>('store-offer-banner')!;
    await offerShown(banner);
    shadow(banner, '[part~=dismiss-button]').focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => banner.hidden, 'dismissed');
    await banner.updateComplete;
    expect(document.activeElement).to.equal(provider);
  });
});

describe('no host: no ad nobody can act on', () => {
  it('the banner hides; a standalone button still says purchases are unavailable', async () => {
    const p = id('p');
    const { provider } = await setup({
      offers: [{ offers: [p], trackingId: id('t') }],
      content: html`<store-offer-banner></store-offer-banner><store-purchase-button product-id=${p}></store-purchase-button>`,
    });
    const banner = provider.querySelector<StoreOfferBanner>('store-offer-banner')!;
    const button = provider.querySelector<StorePurchaseButton>('store-purchase-button')!;
    await banner.updateComplete;
    await button.updateComplete;
    expect(provider.status).to.equal('ready');
    expect(banner.hidden).to.equal(true);
    expect(banner.checkVisibility()).to.equal(false);
    expect(shadow(button, '[part~=label]').textContent!.trim()).to.equal('Purchases unavailable');
    expect(shadow(button, '[part~=base]').getAttribute('aria-disabled')).to.equal('true');
  });
});

describe('forced colours (High Contrast)', () => {
  before(async () => {
    expect(await executeServerCommand('emulate-forced-colors', { forcedColors: 'active' })).to.equal(true);
  });
  after(() => executeServerCommand('emulate-forced-colors', { forcedColors: '' }));

  it('the accent Buy button is Highlight / HighlightText, unlike the neutral ones; the ✕ has no border', async () => {
    const p = id('p');
    const { host, settle } = manualHost(products('en', p, id('q')));
    const { provider } = await setup({
      offers: [{ offers: [p], trackingId: id('t') }],
      host,
      content: html`<store-offer-banner dismissible></store-offer-banner><store-purchase-button product-id=${p}></store-purchase-button>`,
    });
    const banner = provider.querySelector<StoreOfferBanner>('store-offer-banner')!;
    await offerShown(banner);
    const buy = shadow(shadow(banner, 'store-purchase-button'), '[part~=base]');
    expect(getComputedStyle(buy).backgroundColor).to.equal(systemColor('Highlight'));
    expect(getComputedStyle(buy).color).to.equal(systemColor('HighlightText'));
    const close = getComputedStyle(shadow(banner, '[part~=dismiss-button]'));
    expect(close.borderTopColor).to.equal('rgba(0, 0, 0, 0)');
    // Bought: a neutral button again, not the accent.
    const standalone = provider.querySelector<StorePurchaseButton>('store-purchase-button')!;
    shadow<HTMLButtonElement>(standalone, '[part~=base]').click();
    settle({ status: 'Succeeded', orderId: 'o' });
    await waitUntil(() => standalone.state === 'purchased');
    await standalone.updateComplete;
    expect(getComputedStyle(shadow(standalone, '[part~=base]')).backgroundColor).not.to.equal(systemColor('Highlight'));
  });
});

describe('hover, pressed and the focus ring', () => {
  // Real mouse input goes to the visible page.
  beforeEach(() => executeServerCommand('bring-to-front'));
  afterEach(() => resetMouse());

  const centre = (el: Element): [number, number] => {
    const r = el.getBoundingClientRect();
    return [Math.round(r.x + r.width / 2), Math.round(r.y + r.height / 2)];
  };

  it('Buy reacts to hover and press; Purchased does not react to hover', async () => {
    const p = id('p');
    const { host, settle } = manualHost();
    const { provider } = await setup({ offers: [{ offers: [p], trackingId: id('t') }], host, content: html`<store-purchase-button product-id=${p}></store-purchase-button>` });
    const button = provider.querySelector<StorePurchaseButton>('store-purchase-button')!;
    await button.updateComplete;
    const base = shadow(button, '[part~=base]');
    const fill = () => getComputedStyle(base).backgroundColor;
    const rest = fill();
    await sendMouse({ type: 'move', position: centre(base) });
    const hover = fill();
    expect(hover, 'hover').not.to.equal(rest);
    await sendMouse({ type: 'down' });
    expect(fill(), 'pressed').not.to.equal(hover);
    expect(fill(), 'pressed').not.to.equal(rest);
    await sendMouse({ type: 'up' });
    settle({ status: 'Succeeded', orderId: 'o' });
    await waitUntil(() => button.state === 'purchased');
    await button.updateComplete;
    await sendMouse({ type: 'move', position: [0, 0] });
    const done = fill();
    await sendMouse({ type: 'move', position: centre(base) });
    expect(fill(), 'a purchased button does not react to hover').to.equal(done);
  });

  it('after a keyboard Retry the claim status shows our two-stroke ring, not the browser’s', async () => {
    const p = id('p');
    const { host, settle } = manualHost();
    const store = await createMockStoreSession({ offers: [{ offers: [p], trackingId: id('t') }], faults: [{ method: 'POST', status: 400, body: '{}' }] });
    const provider = await fixture<StoreOffers>(html`<store-offers .endpoint=${store.endpoint} .token=${'token'} .host=${host} .claimOptions=${{ key: id('claims') }}>
      <store-purchase-button product-id=${p}></store-purchase-button><store-claim-status></store-claim-status>
    </store-offers>`);
    await waitUntil(() => provider.status === 'ready');
    const button = provider.querySelector<StorePurchaseButton>('store-purchase-button')!;
    const status = provider.querySelector<StoreClaimStatus>('store-claim-status')!;
    await button.updateComplete;
    shadow<HTMLButtonElement>(button, '[part~=base]').click();
    settle({ status: 'Succeeded', orderId: id('order') });
    await waitUntil(() => !!status.shadowRoot!.querySelector('[part~=retry-button]'), 'retry offered', { timeout: 5000 });
    shadow(status, '[part~=retry-button]').focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => status.shadowRoot!.activeElement === shadow(status, '[part~=base]'), 'focus kept in the status');
    const ring = getComputedStyle(shadow(status, '[part~=base]'));
    expect([ring.outlineStyle, ring.outlineWidth]).to.deep.equal(['solid', '2px']);
    expect(ring.boxShadow, 'the 1 px inner stroke').to.match(/0px 0px 0px 1px/);
  });
});

describe('Fluent 2 design tokens of the page', () => {
  const FLUENT: Record<string, string> = {
    '--colorBrandBackground': '#5b5fc7',
    '--colorBrandBackgroundHover': '#4f52b2',
    '--colorNeutralForegroundOnBrand': '#ffffff',
    '--colorNeutralForeground1': '#242424',
    '--colorNeutralForeground2': '#424242',
    '--colorNeutralBackground1': '#fafafa',
    '--colorNeutralStroke1': '#d1d1d1',
    '--borderRadiusMedium': '6px',
    '--fontFamilyBase': 'Georgia, serif',
  };
  afterEach(() => {
    for (const name of Object.keys(FLUENT)) document.documentElement.style.removeProperty(name);
    document.documentElement.style.removeProperty('--store-offer-accent');
  });

  it('an app themed with Fluent UI themes the elements, after our own properties', async () => {
    for (const [name, value] of Object.entries(FLUENT)) document.documentElement.style.setProperty(name, value);
    const p = id('p');
    const { host } = manualHost(products('en', p, id('q')));
    const { provider } = await setup({ offers: [{ offers: [p], trackingId: id('t') }], host, content: html`<store-offer-banner dismissible></store-offer-banner>` });
    const banner = provider.querySelector<StoreOfferBanner>('store-offer-banner')!;
    await offerShown(banner);
    const card = getComputedStyle(shadow(banner, '[part~=base]'));
    expect(card.backgroundColor).to.equal('rgb(250, 250, 250)');
    expect(card.borderTopColor).to.equal('rgb(209, 209, 209)');
    expect(card.borderTopLeftRadius).to.equal('12px');
    expect(card.fontFamily).to.equal('Georgia, serif');
    expect(getComputedStyle(shadow(banner, '[part~=heading]')).color).to.equal('rgb(36, 36, 36)');
    expect(getComputedStyle(shadow(banner, '[part~=description]')).color).to.equal('rgb(66, 66, 66)');
    const buy = shadow(shadow(banner, 'store-purchase-button'), '[part~=base]');
    expect(getComputedStyle(buy).backgroundColor).to.equal('rgb(91, 95, 199)');
    expect(getComputedStyle(buy).borderTopLeftRadius).to.equal('6px');
    // Our global property wins over the Fluent token.
    document.documentElement.style.setProperty('--store-offer-accent', 'rgb(200, 0, 0)');
    expect(getComputedStyle(buy).backgroundColor).to.equal('rgb(200, 0, 0)');
  });

  it('without Fluent tokens: the WinUI defaults (card stroke about 6 %)', async () => {
    const p = id('p');
    const { host } = manualHost(products('en', p, id('q')));
    const { provider } = await setup({ offers: [{ offers: [p], trackingId: id('t') }], host, content: html`<store-offer-banner></store-offer-banner>` });
    const banner = provider.querySelector<StoreOfferBanner>('store-offer-banner')!;
    await offerShown(banner);
    const stroke = getComputedStyle(shadow(banner, '[part~=base]')).borderTopColor;
    const alpha = Number(stroke.match(/rgba\(\d+, \d+, \d+, ([\d.]+)\)/)?.[1]);
    expect(alpha, stroke).to.be.within(0.05, 0.07);
  });
});
