import { expect } from '@open-wc/testing';
import type { PurchaseOutcome } from '../core/types.js';
import { PurchaseRegistry, type PurchaseState } from './purchases.js';

describe('PurchaseRegistry', () => {
  it('tells subscribers when a purchase starts and ends, and holds it in flight until then', async () => {
    const registry = new PurchaseRegistry();
    const heard: [string, PurchaseState][] = [];
    registry.subscribe((purchase) => heard.push([purchase.productId, purchase.state]));
    let answer!: (outcome: PurchaseOutcome) => void;
    const bought = registry.buy('coins', () => new Promise((resolve) => (answer = resolve)));
    expect([registry.isBusy('coins'), registry.inFlight('coins')?.state]).to.deep.equal([true, 'purchasing']);
    answer({ status: 'already-purchased' });
    expect((await bought).status).to.equal('already-purchased');
    expect(heard).to.deep.equal([
      ['coins', 'purchasing'],
      ['coins', 'owned'],
    ]);
    expect([registry.isBusy('coins'), registry.inFlight('coins')]).to.deep.equal([false, undefined]);
  });

  it('a host that throws at once fails the purchase and never leaves it in flight', async () => {
    const registry = new PurchaseRegistry();
    const states: PurchaseState[] = [];
    registry.subscribe((purchase) => states.push(purchase.state));
    const error = await registry
      .buy('gems', () => {
        throw new Error('no Store');
      })
      .catch((reason: Error) => reason);
    expect([(error as Error).message, states, registry.isBusy('gems')]).to.deep.equal(['no Store', ['purchasing', 'failed'], false]);
  });

  it('keeps a product busy while its request is dispatched, and stops telling an unsubscribed listener', async () => {
    const registry = new PurchaseRegistry();
    const busyInside = registry.whileRequesting('coins', () => registry.isBusy('coins'));
    expect([busyInside, registry.isBusy('coins')]).to.deep.equal([true, false]);
    let calls = 0;
    registry.subscribe(() => calls++)();
    await registry.buy('coins', async () => ({ status: 'not-purchased' }));
    expect(calls).to.equal(0);
  });
});
