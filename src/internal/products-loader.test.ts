import { expect } from '@open-wc/testing';
import type { ProductInfo, StoreHost } from '../core/types.js';
import { createProductsLoader } from './products-loader.js';

/** A host whose getProducts records each call and knows `known`; `fail` makes the next call throw. */
function recordingHost(known: ProductInfo[]) {
  const calls: string[][] = [];
  const host = {
    fail: false,
    calls,
    async purchase() {
      return { status: 'not-purchased' as const };
    },
    async getProducts(ids: string[]) {
      calls.push(ids);
      if (host.fail) {
        host.fail = false;
        throw new Error('host down');
      }
      return known.filter((p) => ids.includes(p.productId));
    },
  } satisfies StoreHost & Record<string, unknown>;
  return host;
}

const coins = { productId: 'coins', title: 'Coins' };
const gems = { productId: 'gems', title: 'Gems' };

describe('createProductsLoader', () => {
  it('sends every product asked for in the same task in one call, and caches the answers', async () => {
    const host = recordingHost([coins, gems]);
    const load = createProductsLoader(host);
    const answers = Promise.all([load('coins'), load('gems'), load('unknown'), load('coins')]);
    expect(host.calls).to.have.length(0);
    expect(await answers).to.deep.equal([coins, gems, undefined, coins]);
    expect(host.calls).to.deep.equal([['coins', 'gems', 'unknown']]);
    expect(await load('gems')).to.deep.equal(gems);
    expect(host.calls).to.have.length(1);
  });

  it('holds the batch for the offers when a banner waits for them, then sends it with their products in one call', async () => {
    const host = recordingHost([coins, gems]);
    const load = createProductsLoader(host);
    load.holdForOffers();
    const pending = load('coins');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(host.calls).to.deep.equal([]);
    load.offersArrived(['coins', 'gems']);
    // Sent synchronously, with the product already waiting in the batch.
    expect(host.calls).to.deep.equal([['coins', 'gems']]);
    load.offersArrived(['gems']);
    expect(await Promise.all([pending, load('gems')])).to.deep.equal([coins, gems]);
    await new Promise((resolve) => setTimeout(resolve));
    expect(host.calls).to.have.length(1);
  });

  it('sends the products known up front before the offers arrive, and asks nothing more when they do', async () => {
    const host = recordingHost([coins, gems]);
    const load = createProductsLoader(host);
    const early = load('coins');
    await new Promise((resolve) => setTimeout(resolve));
    expect(host.calls).to.deep.equal([['coins']]);
    load.offersArrived(['coins', 'gems']);
    expect(await early).to.deep.equal(coins);
    await new Promise((resolve) => setTimeout(resolve));
    expect(host.calls).to.deep.equal([['coins']]);
  });

  it('holds nothing once the offers arrived: a banner added later asks for its own product', async () => {
    const host = recordingHost([coins, gems]);
    const load = createProductsLoader(host);
    load.offersArrived(['coins']);
    load.holdForOffers();
    expect(await load('gems')).to.deep.equal(gems);
    expect(host.calls).to.deep.equal([['gems']]);
  });

  it('gives undefined when the call fails, and asks again next time', async () => {
    const host = recordingHost([coins]);
    host.fail = true;
    const load = createProductsLoader(host);
    expect(await load('coins')).to.equal(undefined);
    expect(await load('coins')).to.deep.equal(coins);
    expect(host.calls).to.deep.equal([['coins'], ['coins']]);
  });

  it('gives undefined without a host, or with a host without getProducts', async () => {
    expect(await createProductsLoader(undefined)('coins')).to.equal(undefined);
    const load = createProductsLoader({ purchase: async () => ({ status: 'not-purchased' }) });
    load.holdForOffers();
    load.offersArrived(['coins']);
    expect(await load('coins')).to.equal(undefined);
  });
});
