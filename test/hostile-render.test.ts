/**
 * Hostile text and URLs in the banner (tables in test/fixtures/hostile-cases.ts): markup in
 * product titles, descriptions, prices, offer ids and tracking ids is shown as text, never parsed;
 * images only from https:, ms-appx:, ms-appx-web: and data:image/ URLs; malformed product data
 * falls back to the built-in heading. Checked in the DOM (shadow roots included): no element
 * injected, no handler attribute, no payload run.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { functionHost } from '../src/core/host/function-host.js';
import { createMockStoreSession } from '../src/testing/mock-store-client.js';
import type { StoreOffers } from '../src/components/store-offers/store-offers.js';
import '../src/define.js';
import { RENDER_CASES } from './fixtures/hostile-cases.js';
import { injected, settle, xssHits, until } from './fixtures/hostile-dom.js';

const BANNER_TAGS = ['STORE-OFFER-BANNER', 'DIV', 'SPAN', 'SLOT', 'STORE-PURCHASE-BUTTON', 'BUTTON'];
let unique = 0;

describe('hostile: product data and offer ids in the banner', () => {
  for (const c of RENDER_CASES) {
    it(c.name, async () => {
      const productId = c.productId ?? 'coins';
      const trackingId = c.trackingId ?? '5de5dd29-6dce-4e68-b45e-d8ee6c2cd203';
      const store = await createMockStoreSession({ offers: [{ offers: [productId], trackingId }] });
      const host = functionHost({
        purchase: async () => ({ status: 'Succeeded', orderId: 'order-1' }),
        getProducts: async () => c.products ?? [{ productId, title: 'Coins', ...c.product }],
      } as never);
      const el = await fixture<StoreOffers>(html`
        <store-offers .endpoint=${store.endpoint} .token=${'t'} .host=${host} .claimOptions=${{ key: `hostile-render-${unique++}` }}>
          <store-offer-banner></store-offer-banner>
        </store-offers>
      `);
      const banner = el.querySelector('store-offer-banner')!;
      const part = (name: string) => banner.shadowRoot!.querySelector(`[part=${name}]`);
      // The heading part is there (hidden) in the skeleton too: the offer is shown once no bone is left.
      await until(() => part('heading') && !banner.shadowRoot!.querySelector('.bone'), 'the banner shows the offer');
      await settle();

      if (c.heading !== undefined) expect(part('heading')!.textContent).to.equal(c.heading);
      if (c.description !== undefined) expect(part('description')!.textContent).to.equal(c.description);
      if (c.price !== undefined) expect(part('price')!.textContent).to.equal(c.price);
      const button = banner.shadowRoot!.querySelector('store-purchase-button')!;
      expect(button.productId, 'the offer id reaches the button intact').to.equal(productId);
      expect(button.getAttribute('product-id')).to.equal(productId);
      expect(button.trackingId).to.equal(trackingId);

      const images = banner.shadowRoot!.querySelectorAll('img');
      const imageUrl = (c.product as { imageUrl?: string } | undefined)?.imageUrl;
      expect(images.length, 'images shown').to.equal(c.image ? 1 : 0);
      if (c.image) expect(images[0]!.getAttribute('src')).to.equal(imageUrl!.trim());
      expect(injected(el, c.image ? [...BANNER_TAGS, 'IMG'] : BANNER_TAGS)).to.deep.equal([]);
      expect(xssHits(), 'no payload ran').to.equal(0);
    });
  }
});
