/**
 * The smoke suite both shipped bundles run (test/bundles/*.test.html): the bundle registers every
 * tag and exports the public API, and the elements, talking to the mock Store over HTTP and to a
 * mock host through a real transport, show an offer and carry a purchase through to its claim.
 */
import { expect } from '@esm-bundle/chai';
import { createMockStoreSession } from '../../src/testing/mock-store-client.js';
import { installMockUwpWebView, installMockWebView, type MockHost } from '../../src/testing/mock-host.js';

type Api = typeof import('../../src/index.js');

const TAGS = ['store-offers', 'store-offer-banner', 'store-purchase-button', 'store-claim-status'];
const PRODUCT = { productId: '9NBLGGH4R315', title: 'Gold coins', description: '100 coins', formattedPrice: '$1.99' };
const OFFER = { offers: [PRODUCT.productId], trackingId: '5de5dd29-6dce-4e68-b45e-d8ee6c2cd203' };

type Maybe<T> = T | null | undefined | false;

/** Polls `read` until it returns something (or fails after 5 s with `what`). */
async function until<T>(what: string, read: () => Maybe<T> | Promise<Maybe<T>>): Promise<T> {
  const deadline = performance.now() + 5000;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function part(element: Element | null | undefined, name: string): HTMLElement | null {
  return (element?.shadowRoot?.querySelector(`[part~="${name}"]`) as HTMLElement | null) ?? null;
}

/**
 * Defines the suite. `transport` picks the mock host's transport: WebView2 messages for the
 * modern bundle, UWP `external.notify` for the legacy one (what EdgeHTML 18 apps have).
 */
export function smokeSuite(name: string, load: () => Promise<Api>, transport: 'webview2' | 'uwp') {
  describe(`${name} bundle`, () => {
    let api: Api;
    let host: MockHost | undefined;
    let container: HTMLElement | undefined;

    before(async () => {
      api = await load();
    });

    afterEach(() => {
      container?.remove();
      host?.uninstall();
      container = host = undefined;
    });

    it('registers every tag', () => {
      for (const tag of TAGS) expect(customElements.get(tag), tag).to.be.a('function');
    });

    it('exports the public API', () => {
      expect(api.StoreOffersError).to.be.a('function');
      expect(api.createOffersClient).to.be.a('function');
      expect(api.ErrorCode.Unauthorized).to.equal('unauthorized');
    });

    it('shows the offer and carries a purchase from the button to the host and on to the claim', async () => {
      // A fresh order id: claims already made (same origin, earlier runs) are never made again.
      const orderId = `order-${name}-${Date.now()}`;
      const store = await createMockStoreSession({ offers: [OFFER] });
      const install = transport === 'uwp' ? installMockUwpWebView : installMockWebView;
      host = install({ products: [PRODUCT], purchase: { status: 'Succeeded', orderId: orderId } });
      container = document.createElement('div');
      container.innerHTML = `
        <store-offers endpoint="${store.endpoint}">
          <store-offer-banner></store-offer-banner>
          <store-claim-status></store-claim-status>
        </store-offers>`;
      // Its own claims storage: both suites' pages share an origin, and a queue resumes the open
      // claims it finds there (the other suite's, whose page may close before its POST is answered).
      const provider = container.querySelector('store-offers') as InstanceType<Api['StoreOffers']>;
      provider.claimOptions = { key: `smoke-${name}:claims` };
      // What the provider reports (EdgeHTML 18 once ended every load in a code-less TypeError here).
      const reported: string[] = [];
      provider.addEventListener('store-offers-load', (e) => reported.push(`load ${(e as CustomEvent).detail.offers.length}`));
      provider.addEventListener('store-offers-error', (e) => reported.push(`error ${(e as CustomEvent).detail.error.code}`));
      document.body.append(container);
      const banner = container.querySelector('store-offer-banner')!;

      const heading = await until('the banner heading', () => part(banner, 'heading')?.textContent?.includes(PRODUCT.title) && part(banner, 'heading'));
      expect(heading.textContent).to.contain(PRODUCT.title);
      expect(part(banner, 'price')?.textContent).to.contain(PRODUCT.formattedPrice);
      await until('store-offers-load or -error', () => reported.length);
      expect([reported, provider.status]).to.deep.equal([['load 1'], 'ready']);

      const completed = new Promise<CustomEvent>((resolve) =>
        document.addEventListener('store-purchase-complete', (e) => resolve(e as CustomEvent), { once: true }),
      );
      const button = banner.shadowRoot!.querySelector('store-purchase-button');
      const base = await until('the purchase button', () => part(button, 'base'));
      base.click();
      const { detail } = await completed;
      expect(detail).to.include({ productId: PRODUCT.productId, trackingId: OFFER.trackingId, status: 'succeeded', orderId: orderId });
      // The offer's trackingId goes with the purchase, for a journaling host.
      const purchases = host.calls.filter((c) => c.method === 'purchase').map((c) => c.params);
      expect(purchases).to.deep.equal([{ productId: PRODUCT.productId, trackingId: OFFER.trackingId }]);

      const claims = await until('the claim POST', async () => {
        const { claims } = await store.log();
        return claims.length > 0 && claims;
      });
      expect(claims.map((c) => c.receipt)).to.deep.equal([orderId]);
      expect(Object.keys(localStorage).filter((key) => key.startsWith(`smoke-${name}:claims:`))).to.have.length(1);
    });
  });
}
