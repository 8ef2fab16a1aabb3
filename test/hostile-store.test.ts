/**
 * Hostile Store answers (tables in test/fixtures/hostile-cases.ts): every GET body the network
 * could deliver, through a real `<store-offers>` with a banner, and every status and connection
 * failure, through the offers client. Each ends in a coded `StoreOffersError` or a sane load; the
 * banner stays hidden on error; nothing runs, nothing is polluted, nothing is logged.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { createOffersClient } from '../src/core/offers-client.js';
import { isStoreOffersError, type StoreOffersError } from '../src/core/errors.js';
import { functionHost } from '../src/core/host/function-host.js';
import type { StoreOffer } from '../src/core/types.js';
import { createMockStoreSession } from '../src/testing/mock-store-client.js';
import type { StoreOffers } from '../src/components/store-offers/store-offers.js';
import '../src/define.js';
import { OFFERS_BODY_CASES, STATUS_CASES } from './fixtures/hostile-cases.js';
import { injected, polluted, settle, xssHits, until } from './fixtures/hostile-dom.js';

const host = functionHost({
  purchase: async () => ({ status: 'Succeeded', orderId: 'order-1' }),
  getProducts: async (ids: string[]) => ids.map((productId) => ({ productId, title: 'Coins' })),
});
let unique = 0;

type Settled = { offers: StoreOffer[] } | { error: StoreOffersError };

describe('hostile: GET bodies through <store-offers>', () => {
  for (const c of OFFERS_BODY_CASES) {
    it(c.name, async () => {
      const store = await createMockStoreSession({
        offers: c.offers ?? [{ offers: ['coins'], trackingId: 't' }],
        faults: c.fault ? [c.fault] : [],
      });
      let done!: (value: Settled) => void;
      const settled = new Promise<Settled>((resolve) => (done = resolve));
      const el = await fixture<StoreOffers>(html`
        <store-offers
          .endpoint=${store.endpoint}
          .token=${'t'}
          .host=${host}
          .claimOptions=${{ key: `hostile-store-${unique++}` }}
          @store-offers-load=${(e: CustomEvent) => done(e.detail)}
          @store-offers-error=${(e: CustomEvent) => done(e.detail)}
        >
          <store-offer-banner></store-offer-banner>
        </store-offers>
      `);
      const outcome = await settled;
      const banner = el.querySelector('store-offer-banner')!;
      if ('error' in c.expect) {
        expect('error' in outcome, 'an error').to.equal(true);
        const { error } = outcome as { error: StoreOffersError };
        expect(isStoreOffersError(error)).to.equal(true);
        expect(error.code).to.equal(c.expect.error);
        expect(el.status).to.equal('error');
        await until(() => banner.hidden, 'the banner hides');
        expect(banner.shadowRoot!.children.length, 'the banner renders nothing').to.equal(0);
      } else {
        expect('offers' in outcome, 'offers loaded').to.equal(true);
        expect(el.status).to.equal(c.expect.status);
        if (c.expect.offers !== undefined) expect(el.offers).to.have.length(c.expect.offers);
        if (c.expect.status === 'ready') await until(() => banner.shadowRoot!.querySelector('[part=heading]'), 'the banner shows the offer');
        else await until(() => banner.hidden, 'the banner hides');
      }
      await settle();
      expect(injected(el, ['STORE-OFFER-BANNER', 'DIV', 'SPAN', 'SLOT', 'STORE-PURCHASE-BUTTON', 'BUTTON'])).to.deep.equal([]);
      expect(xssHits()).to.equal(0);
      expect(polluted()).to.equal(false);
      expect((await store.log()).requests.filter((r) => r.method === 'GET')).to.have.length(1);
    });
  }
});

describe('hostile: Store answers through the offers client', () => {
  for (const c of STATUS_CASES) {
    it(c.name, async () => {
      const store = await createMockStoreSession({ offers: [{ offers: ['coins'], trackingId: 't' }], faults: c.faults });
      const client = createOffersClient({ endpoint: store.endpoint, token: 'secret-token', timeout: 1000, retry: { baseDelay: 1, maxDelay: 5 } });
      let error: unknown;
      let offers: StoreOffer[] | undefined;
      try {
        offers = await client.getOffers();
      } catch (caught) {
        error = caught;
      }
      if ('error' in c.expect) {
        expect(isStoreOffersError(error), String(error)).to.equal(true);
        expect((error as StoreOffersError).code).to.equal(c.expect.error);
        if (c.expect.status !== undefined) expect((error as StoreOffersError).status).to.equal(c.expect.status);
        expect((error as Error).message).not.to.contain('secret-token');
      } else {
        expect(offers).to.have.length(c.expect.offers);
      }
      const { requests } = await store.log();
      expect(requests.every((r) => r.method === 'GET' && r.token === 'secret-token')).to.equal(true);
    });
  }
});
