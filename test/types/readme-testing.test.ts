import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import 'store-offer-elements/define.js';
import type { StoreOffers } from 'store-offer-elements';
import { createMockStoreSession, installMockWebView } from 'store-offer-elements/testing';

it('claims a purchase of the offer, after one 503', async () => {
  const store = await createMockStoreSession({
    offers: [{ offers: ['100x gold coins'], trackingId: '5de5dd29-6dce-4e68-b45e-d8ee6c2cd203' }],
    faults: [{ method: 'POST', status: 503, retryAfter: '0' }],
  });
  const host = installMockWebView({
    products: [{ productId: '100x gold coins', title: '100 gold coins', formattedPrice: '$0.99' }],
    purchase: { status: 'Succeeded', orderId: '1a2b3c4d-0000-4000-8000-000000000000' },
  });
  try {
    const offers = await fixture<StoreOffers>(html`
      <store-offers endpoint=${store.endpoint} .claimOptions=${{ key: 'test-claims', retry: { baseDelay: 10 } }}>
        <store-purchase-button product-id="100x gold coins"></store-purchase-button>
        <store-claim-status></store-claim-status>
      </store-offers>
    `);
    await oneEvent(offers, 'store-offers-load');
    offers.querySelector('store-purchase-button')!.shadowRoot!.querySelector('button')!.click();
    const claimed = new Promise((resolve) =>
      offers.addEventListener('store-claim-change', (event) => event.detail.claim.state === 'claimed' && resolve(event)),
    );
    await claimed;
    const log = await store.log();
    expect(log.claims.map((claim) => claim.receipt)).to.deep.equal(['1a2b3c4d-0000-4000-8000-000000000000']);
    expect(host.calls.map((call) => call.method)).to.include('purchase');
  } finally {
    host.uninstall();
  }
});
