import { expect } from '@open-wc/testing';
import { StoreOffersError } from '../errors.js';
import { functionHost } from './function-host.js';

const rejection = (p: Promise<unknown>) => p.then(() => Promise.reject(new Error('expected a rejection')), (e: StoreOffersError) => e);

describe('functionHost', () => {
  it('passes calls and arguments through and returns normalised results', async () => {
    const seen: unknown[] = [];
    const host = functionHost({
      getToken: async (options) => (seen.push(options), 'tok'),
      getProducts: async (ids) => ids.map((productId) => ({ productId, title: `T ${productId}`, extra: 1 })),
      purchase: async (productId) => ({ status: 'NotPurchased', productId }),
      getStoreIdKey: async (request) => (seen.push(request), 'jwt'),
    });
    expect(await host.getToken!({ forceRefresh: true })).to.equal('tok');
    expect(await host.getProducts!(['a'])).to.deep.equal([{ productId: 'a', title: 'T a' }]);
    expect(await host.purchase('a')).to.deep.equal({ status: 'not-purchased' });
    expect(await host.getStoreIdKey!({ kind: 'purchase', serviceTicket: 's' })).to.equal('jwt');
    expect(seen).to.deep.equal([{ forceRefresh: true }, { kind: 'purchase', serviceTicket: 's' }]);
    expect(host.canClaim).to.equal(true);
  });

  it('wraps a throwing implementation into host-error with the cause, and lets StoreOffersError through', async () => {
    const cause = new Error('COM exception 0x803F6107');
    const host = functionHost({
      purchase: async () => {
        throw cause;
      },
      getToken: () => {
        throw new StoreOffersError('no-token', 'signed out');
      },
    });
    const error = await rejection(host.purchase('a'));
    expect([error.code, error.cause]).to.deep.equal(['host-error', cause]);
    expect((await rejection(host.getToken!())).code).to.equal('no-token');
  });

  it('times out a host that never answers (host-timeout), purchase on its own longer limit', async () => {
    const never = () => new Promise<never>(() => {});
    const host = functionHost({ getToken: never, purchase: never }, { timeout: 20, purchaseTimeout: 60 });
    const token = await rejection(host.getToken!());
    expect([token.code, token.message]).to.deep.equal(['host-timeout', 'The host did not answer getToken within 20 ms']);
    const purchase = await rejection(host.purchase('a'));
    expect([purchase.code, purchase.message]).to.deep.equal(['host-timeout', 'The host did not answer purchase within 60 ms']);
  });

  it('returns a host it already checked as is, keeping that host\'s own timeouts', async () => {
    const slow = functionHost({ getToken: () => new Promise((resolve) => setTimeout(() => resolve('slow'), 40)) }, { timeout: 0 });
    const again = functionHost(slow, { timeout: 10 });
    expect(again).to.equal(slow);
    expect(await again.getToken!()).to.equal('slow');
  });

  it('with timeout 0 waits as long as the host takes', async () => {
    const host = functionHost({ getToken: () => new Promise((resolve) => setTimeout(() => resolve('late'), 30)) }, { timeout: 0 });
    expect(await host.getToken!()).to.equal('late');
  });

  it('rejects missing methods with host-unavailable', async () => {
    const host = functionHost({ purchase: async () => ({ status: 'Succeeded' }) });
    expect((await rejection(host.getToken!())).code).to.equal('host-unavailable');
    expect((await rejection(host.getProducts!(['a']))).code).to.equal('host-unavailable');
    expect((await rejection(host.getStoreIdKey!({ kind: 'collections', serviceTicket: 't' }))).code).to.equal('host-unavailable');
  });

  it('drops malformed products and refuses malformed results with host-error', async () => {
    const host = functionHost({
      getProducts: async () => [
        { productId: 'ok', title: 'OK', description: 5, formattedPrice: '€1', imageUrl: null },
        { productId: 'no title' },
        { title: 'no id' },
        null,
        'junk',
      ],
      getToken: async () => '',
      getStoreIdKey: async () => ({ key: 'wrapped' }),
      purchase: async () => ({ status: 3 }),
    } as never);
    expect(await host.getProducts!(['ok'])).to.deep.equal([{ productId: 'ok', title: 'OK', formattedPrice: '€1' }]);
    expect((await rejection(host.getToken!())).code).to.equal('host-error');
    expect((await rejection(host.getStoreIdKey!({ kind: 'purchase', serviceTicket: 't' }))).code).to.equal('host-error');
    expect((await rejection(host.purchase('x'))).code).to.equal('host-error');
    const notAList = functionHost({ purchase: async () => ({ status: 'Succeeded' }), getProducts: async () => ({}) as never });
    expect((await rejection(notAList.getProducts!(['a']))).code).to.equal('host-error');
  });

  it('keeps canClaim false and forwards dispose', () => {
    let disposed = 0;
    const host = functionHost({ canClaim: false, purchase: async () => ({ status: 'Succeeded' }), dispose: () => void disposed++ });
    host.dispose!();
    expect([host.canClaim, disposed]).to.deep.equal([false, 1]);
  });
});
