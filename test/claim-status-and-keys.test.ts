/** <store-claim-status> focus and other-tab claims; getStoreIdKey renewal answers; claim POST body. */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { createClaimQueue } from '../src/core/claims/claim-queue.js';
import { functionHost } from '../src/core/host/function-host.js';
import { createOffersClient } from '../src/core/offers-client.js';
import { decodeStoreIdKey, getStoreIdKey, storeIdKeyState } from '../src/core/store-id-key.js';
import type { StoreClaimChangeEvent } from '../src/events/store-claim-change.js';
import { createMockStoreSession } from '../src/testing/mock-store-client.js';
import '../src/define.js';
import type { StoreClaimStatus } from '../src/components/store-claim-status/store-claim-status.js';
import type { StoreOffers } from '../src/components/store-offers/store-offers.js';
import type { StorePurchaseButton } from '../src/components/store-purchase-button/store-purchase-button.js';
import { jwt, KEY_NOW, keyClaims } from './fixtures/hostile-cases.js';

let unique = 0;
const id = (name: string) => `${name}-${Date.now().toString(36)}-${unique++}`;
let order = 0;
const host = functionHost({ purchase: async () => ({ status: 'Succeeded', orderId: `order-${order++}` }) });
const label = (el: StoreClaimStatus) => el.shadowRoot!.querySelector('[part~=label]')?.textContent?.trim();
const retryButton = (el: StoreClaimStatus) => el.shadowRoot!.querySelector<HTMLButtonElement>('[part~=retry-button]');

async function setup(key: string, offers: { offers: unknown[]; trackingId: string }[], faults: never[] = []) {
  const store = await createMockStoreSession({ offers, faults });
  const changes: StoreClaimChangeEvent[] = [];
  const provider = await fixture<StoreOffers>(html`<store-offers
    .endpoint=${store.endpoint}
    .token=${'token'}
    .host=${host}
    .claimOptions=${{ key, retry: { baseDelay: 5, maxDelay: 20 } }}
    @store-claim-change=${(e: StoreClaimChangeEvent) => changes.push(e)}
    >${offers.map((o) => html`<store-purchase-button product-id=${typeof o.offers[0] == 'string' ? o.offers[0] : (o.offers[0] as { productId: string }).productId}></store-purchase-button>`)}<store-claim-status></store-claim-status
  ></store-offers>`);
  await waitUntil(() => provider.status === 'ready');
  const status = provider.querySelector<StoreClaimStatus>('store-claim-status')!;
  const buy = async (productId: string) => {
    const button = provider.querySelector<StorePurchaseButton>(`store-purchase-button[product-id="${productId}"]`)!;
    await button.updateComplete;
    button.shadowRoot!.querySelector('button')!.click();
    await waitUntil(() => button.state === 'purchased');
  };
  return { store, provider, status, changes, buy };
}

describe('<store-claim-status> with other tabs and the keyboard', () => {
  it('keeps keyboard focus inside the status after activating Retry (the button goes away)', async () => {
    const p = id('p');
    const { status, buy } = await setup(id('claims'), [{ offers: [p], trackingId: id('t') }], [{ method: 'POST', status: 400, body: '{}' } as never]);
    await buy(p);
    await waitUntil(() => label(status) === 'Offer not registered yet');
    retryButton(status)!.focus();
    expect(status.shadowRoot!.activeElement === retryButton(status)).to.equal(true);
    retryButton(status)!.click();
    await waitUntil(() => label(status) === 'Offer registered');
    expect(retryButton(status) === null).to.equal(true);
    // Focus must not fall back to <body>: a keyboard user would lose their place.
    expect(document.activeElement?.localName, 'focus fell out of the status').to.equal('store-claim-status');
    expect(status.shadowRoot!.activeElement === null, 'nothing focused inside').to.equal(false);
  });

  it('shows a claim another queue (tab) wrote, announcing it once', async () => {
    const key = id('claims');
    const p = id('p');
    const t = id('t');
    const { status, changes } = await setup(key, [{ offers: [p], trackingId: t }]);
    await status.updateComplete;
    const other = createClaimQueue({ key, locks: null });
    try {
      other.enqueue({ storeOffer: { offers: [p], trackingId: t, raw: { offers: [p], trackingId: t } }, productId: p, receipt: 'order-x' });
      // After the quiet second an in-progress claim waits before showing.
      await waitUntil(() => label(status) === 'Registering the offer…', 'not shown', { timeout: 3000 });
      await status.updateComplete;
    } finally {
      other.dispose();
    }
    expect(changes.map((e) => e.detail.claim.state)).to.deep.equal(['pending']);
    expect(changes[0]!.detail.claim).to.deep.include({ trackingId: t, productId: p, attempts: 0 });
  });
});

describe('getStoreIdKey renewal', () => {
  const now = new Date(KEY_NOW * 1000);
  const request = { kind: 'collections' as const, serviceTicket: 'ticket', publisherUserId: 'user-1' };

  it('keeps the still-valid cached key when the renewal answer is already expired', async () => {
    const due = jwt(keyClaims({}, 25)); // expires in 5 days: renew
    const stale = jwt(keyClaims({}, 40)); // expired 10 days ago
    const answers = [due, stale];
    let asked = 0;
    const host = functionHost({ purchase: async () => ({ status: 'NotPurchased' }), getStoreIdKey: async () => answers[asked++] } as never);
    expect(await getStoreIdKey(host, request, { now })).to.equal(due);
    expect(storeIdKeyState(due, { now })).to.equal('renew');
    const second = await getStoreIdKey(host, request, { now });
    expect(asked).to.equal(2);
    expect(storeIdKeyState(second, { now }), 'an expired key replaced a valid one').not.to.equal('expired');
    expect(second).to.equal(due);
  });

  it('reads keys with base64url padding and with standard-alphabet unicode claims', () => {
    const padded = jwt(keyClaims({ 'http://schemas.microsoft.com/marketplace/2015/08/claims/key/payload': 'é€😀?>>' }));
    const [h, c, s] = padded.split('.');
    const pad = (x: string) => x + '='.repeat((4 - (x.length % 4)) % 4);
    expect(decodeStoreIdKey(`${pad(h!)}.${pad(c!)}.${s}`).payload).to.equal('é€😀?>>');
  });
});

describe('the claim POST body', () => {
  it('POSTs the v3-shaped element verbatim (objects, unknown fields, order) with the receipt', async () => {
    const element = { trackingId: id('t'), offers: [{ productId: 'coins 10x', storeId: '9PK8VD14FRCZ', x: [1, null] }, 'plain'], extra: { n: 1.5 } };
    const store = await createMockStoreSession({ offers: [element] as never });
    const client = createOffersClient({ endpoint: store.endpoint, token: 'tok' });
    const [offer] = await client.getOffers();
    expect(offer!.storeIds).to.deep.equal({ 'coins 10x': '9PK8VD14FRCZ' });
    await client.claim(offer!, '<Receipt Version="1.0"/>');
    const { claims } = await store.log();
    expect(claims).to.have.length(1);
    expect(JSON.stringify(claims[0]!.storeOffer)).to.equal(JSON.stringify(element));
    expect(claims[0]!.receipt).to.equal('<Receipt Version="1.0"/>');
  });
});
