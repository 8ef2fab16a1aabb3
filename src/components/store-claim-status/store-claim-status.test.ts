import type { ClaimQueueOptions } from '../../core/claims/claim-queue.js';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import { functionHost } from '../../core/host/function-host.js';
import type { ClaimState } from '../../core/types.js';
import type { StoreClaimChangeEvent } from '../../events/store-claim-change.js';
import { createMockStoreSession, type MockStoreSession } from '../../testing/mock-store-client.js';
import type { MockStoreFault } from '../../testing/mock-store.js';
import '../../define.js';
import type { StoreOffers } from '../store-offers/store-offers.js';
import type { StorePurchaseButton } from '../store-purchase-button/store-purchase-button.js';
import type { StoreClaimStatus } from './store-claim-status.js';

let unique = 0;
const id = (name: string) => `${name}-${Date.now().toString(36)}-${unique++}`;
let order = 0;
const host = functionHost({ purchase: async () => ({ status: 'Succeeded', orderId: `order-${order++}` }) });

/**
 * A provider with the offers `{ trackingId: t, offers: [p] }` of `pairs`, a purchase button per
 * product, and `content`; `baseDelay` is the claim queue's backoff.
 */
async function setup(pairs: [string, string][], content: TemplateResult, faults: MockStoreFault[] = [], baseDelay = 5) {
  const store = await createMockStoreSession({ offers: pairs.map(([p, t]) => ({ offers: [p], trackingId: t })), faults });
  const changes: StoreClaimChangeEvent[] = [];
  const provider = await fixture<StoreOffers>(html`<store-offers
    .endpoint=${store.endpoint}
    .token=${'token'}
    .host=${host}
    .claimOptions=${{ key: id('claims'), retry: { baseDelay, maxDelay: baseDelay * 4 } } as ClaimQueueOptions}
    @store-claim-change=${(e: StoreClaimChangeEvent) => changes.push(e)}
    >${pairs.map(([p]) => html`<store-purchase-button product-id=${p}></store-purchase-button>`)}${content}</store-offers
  >`);
  await waitUntil(() => provider.status === 'ready');
  const buy = async (productId: string) => {
    const button = provider.querySelector<StorePurchaseButton>(`store-purchase-button[product-id="${productId}"]`)!;
    await button.updateComplete;
    button.shadowRoot!.querySelector('button')!.click();
    await waitUntil(() => button.state === 'purchased');
  };
  const status = provider.querySelector<StoreClaimStatus>('store-claim-status')!;
  return { store, provider, changes, buy, status };
}

const label = (el: StoreClaimStatus) => el.shadowRoot!.querySelector('[part~=label]')?.textContent?.trim();
const base = (el: StoreClaimStatus) => el.shadowRoot!.querySelector('[part~=base]')!;
const retryButton = (el: StoreClaimStatus) => el.shadowRoot!.querySelector<HTMLButtonElement>('[part~=retry-button]');
const states = (changes: StoreClaimChangeEvent[]) => changes.map((e) => e.detail.claim.state);
const claimed = async (store: MockStoreSession) => (await store.log()).claims.map((c) => c.receipt);

describe('<store-claim-status>', () => {
  it('is an empty polite live region when there is no claim', async () => {
    const { status } = await setup([[id('p'), id('t')]], html`<store-claim-status></store-claim-status>`);
    await status.updateComplete;
    expect(base(status).getAttribute('aria-live')).to.equal('polite');
    expect(base(status).getAttribute('role')).to.equal('status');
    expect(base(status).textContent!.trim()).to.equal('');
    expect(label(status)).to.equal(undefined);
    await expect(status).to.be.accessible();
  });

  it('goes pending → submitting → pending → submitting → claimed after a 503, firing store-claim-change', async () => {
    const [p, t] = [id('p'), id('t')];
    const { store, status, changes, buy, provider } = await setup([[p, t]], html`<store-claim-status></store-claim-status>`, [
      { method: 'POST', status: 503 },
    ]);
    await buy(p);
    await waitUntil(() => label(status) === 'Offer registered', 'not claimed', { timeout: 5000 });
    expect(states(changes)).to.deep.equal(['pending', 'submitting', 'pending', 'submitting', 'claimed']);
    const last = changes.at(-1)!.detail.claim;
    expect(last).to.deep.include({ trackingId: t, productId: p, state: 'claimed', attempts: 2 });
    expect(last.id).to.be.a('string');
    // From the provider (the status only renders).
    expect(changes.every((e) => e.target === provider && e.bubbles && e.composed)).to.be.true;
    expect(await claimed(store)).to.have.length(1);
    expect(status.shadowRoot!.querySelector('[part~=icon] svg')).not.to.equal(null);
    expect(retryButton(status)).to.equal(null);
    await expect(status).to.be.accessible();
  });

  it('shows "Registering the offer…" with a spinner once in progress for a second, the same while sending and while waiting to retry', async () => {
    const p = id('p');
    const { status, buy, changes } = await setup(
      [[p, id('t')]],
      html`<store-claim-status></store-claim-status>`,
      [{ method: 'POST', status: 503, delayMs: 1500 }],
      60_000,
    );
    await buy(p);
    // Nothing for the first second: a fast claim shows only its result.
    await status.updateComplete;
    expect(label(status)).to.equal(undefined);
    await waitUntil(() => label(status) === 'Registering the offer…', 'not in progress', { timeout: 2000 });
    expect(status.shadowRoot!.querySelector('[part~=icon] .spinner')).not.to.equal(null);
    await expect(status).to.be.accessible();
    // Waiting to retry after the 503: the same words and spinner (no visible change).
    await waitUntil(() => states(changes).join() === 'pending,submitting,pending', 'not pending', { timeout: 4000 });
    await status.updateComplete;
    expect(label(status)).to.equal('Registering the offer…');
    expect(status.shadowRoot!.querySelector('[part~=icon] .spinner')).not.to.equal(null);
    await expect(status).to.be.accessible();
    dispatchEvent(new Event('online'));
    await waitUntil(() => label(status) === 'Offer registered');
  });

  it('makes one visible change for a fast claim (no pending → submitting → claimed flicker), in words that never say the purchase failed', async () => {
    const p = id('p');
    const { status, buy, changes } = await setup([[p, id('t')]], html`<store-claim-status></store-claim-status>`);
    const seen: string[] = [];
    const record = () => {
      const text = base(status).textContent!.replace(/\s+/g, ' ').trim();
      if (seen.at(-1) !== text) seen.push(text);
    };
    record();
    const observer = new MutationObserver(record);
    observer.observe(status.shadowRoot!, { subtree: true, childList: true, characterData: true });
    try {
      await buy(p);
      await waitUntil(() => label(status) === 'Offer registered', 'not registered', { timeout: 5000 });
    } finally {
      observer.disconnect();
    }
    // The claim went through every state…
    expect(states(changes)).to.deep.equal(['pending', 'submitting', 'claimed']);
    // …but the page changed once: from nothing to the result.
    expect(seen).to.deep.equal(['', 'Offer registered']);
  });

  it('shows "Claim failed" with a retry button after a 400, and claims on retry', async () => {
    const p = id('p');
    const { store, status, changes, buy } = await setup([[p, id('t')]], html`<store-claim-status></store-claim-status>`, [
      { method: 'POST', status: 400, body: '{}' },
    ]);
    await buy(p);
    await waitUntil(() => label(status) === 'Offer not registered yet');
    expect(changes.at(-1)!.detail.claim.error!.code).to.equal('rejected');
    expect(retryButton(status)!.textContent!.trim()).to.equal('Register again');
    await expect(status).to.be.accessible();
    expect(await claimed(store)).to.have.length(0);
    retryButton(status)!.click();
    await waitUntil(() => label(status) === 'Offer registered');
    expect(await claimed(store)).to.have.length(1);
    expect(states(changes)).to.deep.equal(['pending', 'submitting', 'failed', 'pending', 'submitting', 'claimed'] satisfies ClaimState[]);
  });

  it('follows one offer with tracking-id, else the latest claim', async () => {
    const [a, b] = [id('a'), id('b')];
    const [ta, tb] = [id('ta'), id('tb')];
    const { buy, provider } = await setup(
      [
        [a, ta],
        [b, tb],
      ],
      html`<store-claim-status tracking-id=${ta}></store-claim-status><store-claim-status></store-claim-status>`,
    );
    const [ofA, latest] = [...provider.querySelectorAll('store-claim-status')];
    await buy(a);
    await waitUntil(() => label(ofA!) === 'Offer registered' && label(latest!) === 'Offer registered');
    await buy(b);
    await waitUntil(() => label(latest!) === 'Offer registered' && latest!.shadowRoot!.textContent!.length > 0);
    // The latest claim (b's) is the one shown without tracking-id; ofA still shows a's.
    expect(label(ofA!)).to.equal('Offer registered');
  });

  it('only renders: store-claim-change comes from <store-offers>, once per change, however many statuses', async () => {
    const p = id('p');
    const { provider, buy, changes } = await setup(
      [[p, id('t')]],
      html`<store-claim-status></store-claim-status><store-claim-status></store-claim-status>`,
    );
    const fromStatuses: Event[] = [];
    for (const status of provider.querySelectorAll('store-claim-status')) {
      status.addEventListener('store-claim-change', (event) => fromStatuses.push(event));
    }
    await buy(p);
    await waitUntil(() => states(changes).includes('claimed'));
    expect(states(changes)).to.deep.equal(['pending', 'submitting', 'claimed'] satisfies ClaimState[]);
    expect(changes.every((event) => event.target === provider)).to.equal(true);
    expect(fromStatuses).to.have.length(0);
  });

  it('shows nothing with claims="off"', async () => {
    const p = id('p');
    const { provider, status, buy } = await setup([[p, id('t')]], html`<store-claim-status></store-claim-status>`);
    provider.claims = 'off';
    await provider.updateComplete;
    await buy(p);
    await status.updateComplete;
    expect(label(status)).to.equal(undefined);
  });

  it('speaks French under lang="fr"', async () => {
    const p = id('p');
    const { status, buy } = await setup([[p, id('t')]], html`<div lang="fr"><store-claim-status></store-claim-status></div>`, [
      { method: 'POST', status: 400, body: '{}' },
    ]);
    await buy(p);
    await waitUntil(() => label(status) === 'Offre pas encore enregistrée');
    expect(retryButton(status)!.textContent!.trim()).to.equal('Enregistrer à nouveau');
  });

  it('never says the purchase or a payment failed, in either language, in any state', async () => {
    const { builtInStrings } = await import('../../internal/strings.js');
    for (const lang of ['en', 'fr']) {
      const strings = builtInStrings(lang);
      for (const key of ['claimPending', 'claimSubmitting', 'claimed', 'claimFailed', 'retry'] as const) {
        expect(strings[key], `${lang} ${key}`).not.to.match(/fail|error|payment|purchase|échec|échoué|erreur|paiement|achat/i);
      }
    }
  });
});
