import { expect } from '@open-wc/testing';
import type { StoreOffersError } from '../errors.js';
import { STORE_BILLING, digitalGoodsHost, type DigitalGoodsGlobal } from './digital-goods-host.js';

const rejection = (p: Promise<unknown>) => p.then(() => Promise.reject(new Error('expected a rejection')), (e: StoreOffersError) => e);

/** Stand-ins for Edge's `getDigitalGoodsService` and `PaymentRequest`, recording what they were given. */
function storePwa(show: () => Promise<{ complete?(result: string): Promise<void> }>) {
  const log = { services: [] as string[], details: [] as string[][], payments: [] as unknown[] };
  const target: DigitalGoodsGlobal = {
    async getDigitalGoodsService(serviceUrl) {
      log.services.push(serviceUrl);
      return {
        async getDetails(itemIds) {
          log.details.push(itemIds);
          return [
            { itemId: 'gems', title: 'Gems', description: 'Shiny', price: { currency: 'USD', value: '1.99' }, iconURLs: ['https://example.com/gems.png'] },
            { itemId: 'odd', title: 'Odd money', price: { currency: 'not a currency', value: '1' } },
          ];
        },
      };
    },
    PaymentRequest: class {
      constructor(methods: unknown) {
        log.payments.push(methods);
      }
      show = show;
    },
  };
  return { target, log };
}

describe('digitalGoodsHost', () => {
  it('maps getDetails to products, formatting the raw price with Intl.NumberFormat', async () => {
    const { target, log } = storePwa(async () => ({}));
    const host = digitalGoodsHost({ target, locale: 'en-US' });
    expect(await host.getProducts!(['gems', 'odd'])).to.deep.equal([
      { productId: 'gems', title: 'Gems', description: 'Shiny', formattedPrice: '$1.99', imageUrl: 'https://example.com/gems.png' },
      { productId: 'odd', title: 'Odd money' },
    ]);
    expect(log).to.deep.include({ services: [STORE_BILLING], details: [['gems', 'odd']] });
    expect(host.canClaim).to.equal(false);
  });

  it('purchases through PaymentRequest: success → succeeded (no orderId), AbortError → not-purchased', async () => {
    const completed: string[] = [];
    let outcome = () => Promise.resolve({ complete: async (result: string) => void completed.push(result) });
    const { target, log } = storePwa(() => outcome());
    const host = digitalGoodsHost({ target });
    expect(await host.purchase('gems')).to.deep.equal({ status: 'succeeded' });
    expect(completed).to.deep.equal(['success']);
    expect(log.payments).to.deep.equal([[{ supportedMethods: STORE_BILLING, data: { item_id: 'gems', sku: 'gems' } }]]);
    outcome = () => Promise.reject(new DOMException('User closed the Store dialog', 'AbortError'));
    expect(await host.purchase('gems')).to.deep.equal({ status: 'not-purchased' });
    outcome = () => Promise.reject(new DOMException('Not supported', 'NotSupportedError'));
    expect((await rejection(host.purchase('gems'))).code).to.equal('host-error');
  });

  it('is unavailable without the APIs, and never has a token or Store ID keys', async () => {
    const host = digitalGoodsHost({ target: { getDigitalGoodsService: async () => null } });
    expect((await rejection(host.getProducts!(['gems']))).code).to.equal('host-unavailable');
    expect((await rejection(host.purchase('gems'))).code).to.equal('host-unavailable');
    expect((await rejection(host.getToken!())).code).to.equal('host-unavailable');
    expect((await rejection(host.getStoreIdKey!({ kind: 'purchase', serviceTicket: 't' }))).code).to.equal('host-unavailable');
  });
});
