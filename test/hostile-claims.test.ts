/**
 * Hostile input on the money path (tables in test/fixtures/hostile-cases.ts): purchase outcomes
 * with markup, odd receipts or none, claim answers that are huge, HTML, rate-limited or refused,
 * junk in the claim storage and storage that refuses writes. Every purchase that can be claimed is
 * claimed exactly once (after the user's retry or a new token where the Store refused it), the
 * rest say `claim-unavailable`; the status shows text only; nothing runs.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { functionHost } from '../src/core/host/function-host.js';
import type { StoreOffersError } from '../src/core/errors.js';
import { createMockStoreSession, type MockStoreSession } from '../src/testing/mock-store-client.js';
import type { MockStoreFault } from '../src/testing/mock-store.js';
import type { StoreOffers } from '../src/components/store-offers/store-offers.js';
import type { StoreClaimChangeEvent } from '../src/events/store-claim-change.js';
import '../src/define.js';
import { CLAIM_CASES } from './fixtures/hostile-cases.js';
import { injected, settle, xssHits, until } from './fixtures/hostile-dom.js';

const OFFER = { offers: ['coins'], trackingId: '5de5dd29-6dce-4e68-b45e-d8ee6c2cd203' };
const TAGS = ['STORE-OFFERS', 'STORE-PURCHASE-BUTTON', 'STORE-CLAIM-STATUS', 'DIV', 'SPAN', 'SLOT', 'BUTTON', 'svg', 'path', 'circle'];
let unique = 0;

interface Journey {
  store: MockStoreSession;
  el: StoreOffers;
  key: string;
  errors: StoreOffersError[];
  changes: StoreClaimChangeEvent['detail']['claim'][];
  label: () => string | undefined;
}

/** A provider with a purchase button and a claim status, offers loaded, the button pressed once. */
async function journey(outcome: Record<string, unknown>, faults: MockStoreFault[] = [], storage?: Storage): Promise<Journey> {
  const store = await createMockStoreSession({ offers: [OFFER], faults });
  const key = `hostile-claims-${Date.now()}-${unique++}`;
  const errors: StoreOffersError[] = [];
  const changes: Journey['changes'] = [];
  const host = functionHost({ purchase: async () => outcome } as never);
  const el = await fixture<StoreOffers>(html`
    <store-offers
      .endpoint=${store.endpoint}
      .token=${'token'}
      .host=${host}
      .claimOptions=${{ key, retry: { baseDelay: 5, maxDelay: 20 }, ...(storage ? { storage } : {}) }}
      @store-offers-error=${(e: CustomEvent) => errors.push(e.detail.error)}
      @store-claim-change=${(e: StoreClaimChangeEvent) => changes.push(e.detail.claim)}
    >
      <store-purchase-button product-id="coins"></store-purchase-button>
      <store-claim-status></store-claim-status>
    </store-offers>
  `);
  await until(() => el.status === 'ready', 'offers loaded');
  const button = el.querySelector('store-purchase-button')!;
  await until(() => button.shadowRoot?.querySelector('button'), 'the button renders');
  button.shadowRoot!.querySelector('button')!.click();
  const label = () => el.querySelector('store-claim-status')!.shadowRoot!.querySelector('[part=label]')?.textContent?.trim();
  return { store, el, key, errors, changes, label };
}

/** The receipts of the claim POSTs the Store answered with a 2xx (a fault's answer included). */
async function receipts(store: MockStoreSession) {
  return (await store.log()).requests
    .filter((r) => r.method === 'POST' && typeof r.outcome === 'number' && r.outcome >= 200 && r.outcome < 300)
    .map((r) => JSON.parse(r.body).receipt as string);
}

describe('hostile: purchase outcomes and claim answers', () => {
  for (const c of CLAIM_CASES) {
    it(c.name, async () => {
      const { store, el, errors, changes, label } = await journey(c.outcome, c.faults);
      const expected = c.expect;
      if ('none' in expected || 'error' in expected) {
        const button = el.querySelector('store-purchase-button')!;
        await until(() => button.state !== 'purchasing', 'the purchase ends');
        if ('error' in expected) await until(() => errors.length === 1, 'store-offers-error');
        await settle();
        expect(errors.map((e) => e.code)).to.deep.equal('error' in expected ? [expected.error] : []);
        expect(await receipts(store)).to.deep.equal([]);
        expect(label()).to.equal(undefined);
      } else if ('failed' in expected) {
        await until(() => label() === 'Offer not registered yet', 'Claim failed is shown');
        expect(changes.at(-1)!.error!.code).to.equal(expected.failed);
        if (expected.fix === 'retry') el.querySelector('store-claim-status')!.shadowRoot!.querySelector<HTMLButtonElement>('[part=retry-button]')!.click();
        else el.token = 'a-new-token';
        await until(() => label() === 'Offer registered', 'Claimed after the fix');
        expect(await receipts(store)).to.deep.equal([expected.receipt]);
      } else {
        await until(() => label() === 'Offer registered', 'Claimed is shown');
        expect(await receipts(store)).to.deep.equal([expected.receipt]);
        if (expected.attempts !== undefined) expect(changes.at(-1)!.attempts).to.equal(expected.attempts);
      }
      expect(injected(el, TAGS)).to.deep.equal([]);
      expect(xssHits()).to.equal(0);
    });
  }
});

describe('hostile: claim storage', () => {
  it('junk records in the queue namespace are dropped or left alone, and the claim still goes through once', async () => {
    const prefix = `hostile-claims-junk-${unique++}`;
    const junk: Record<string, string> = {
      [`${prefix}:0123456789abcdef`]: 'not json',
      [`${prefix}:fedcba9876543210`]: '{"v":1,"id":"fedcba9876543210","state":"pending"}',
      [`${prefix}:1111111111111111`]: JSON.stringify({ v: 99, id: '1111111111111111', future: true }),
      [`${prefix}:not-a-claim-id`]: '<script>window.__xss()</script>',
    };
    for (const [key, value] of Object.entries(junk)) localStorage.setItem(key, value);
    try {
      const store = await createMockStoreSession({ offers: [OFFER] });
      const host = functionHost({ purchase: async () => ({ status: 'Succeeded', orderId: 'order-junk' }) });
      const el = await fixture<StoreOffers>(html`
        <store-offers .endpoint=${store.endpoint} .token=${'t'} .host=${host} .claimOptions=${{ key: prefix, retry: { baseDelay: 5 } }}>
          <store-purchase-button product-id="coins"></store-purchase-button>
          <store-claim-status></store-claim-status>
        </store-offers>
      `);
      await until(() => el.status === 'ready');
      const button = el.querySelector('store-purchase-button')!;
      await until(() => button.shadowRoot?.querySelector('button'));
      button.shadowRoot!.querySelector('button')!.click();
      const label = () => el.querySelector('store-claim-status')!.shadowRoot!.querySelector('[part=label]')?.textContent?.trim();
      await until(() => label() === 'Offer registered', 'Offer registered');
      expect(await receipts(store)).to.deep.equal(['order-junk']);
      expect(localStorage.getItem(`${prefix}:0123456789abcdef`), 'unreadable: dropped').to.equal(null);
      expect(localStorage.getItem(`${prefix}:fedcba9876543210`), 'wrong shape: dropped').to.equal(null);
      expect(localStorage.getItem(`${prefix}:1111111111111111`), 'a newer version: left alone').to.equal(junk[`${prefix}:1111111111111111`]);
      expect(localStorage.getItem(`${prefix}:not-a-claim-id`), 'not ours: left alone').to.equal(junk[`${prefix}:not-a-claim-id`]);
      expect(xssHits()).to.equal(0);
    } finally {
      for (let i = localStorage.length - 1; i >= 0; i--) {
        const key = localStorage.key(i);
        if (key?.startsWith(prefix)) localStorage.removeItem(key);
      }
    }
  });

  it('an app that tears the offers down on store-purchase-complete: the claim is already stored, and the next provider sends it', async () => {
    const store = await createMockStoreSession({ offers: [OFFER] });
    const key = `hostile-claims-teardown-${unique++}`;
    const host = functionHost({ purchase: async () => ({ status: 'Succeeded', orderId: 'order-teardown' }) });
    const provider = () => html`
      <store-offers .endpoint=${store.endpoint} .token=${'t'} .host=${host} .claimOptions=${{ key, retry: { baseDelay: 5 } }}>
        <store-purchase-button product-id="coins"></store-purchase-button>
        <store-claim-status></store-claim-status>
      </store-offers>
    `;
    const first = await fixture<StoreOffers>(provider());
    await until(() => first.status === 'ready');
    const button = first.querySelector('store-purchase-button')!;
    await until(() => button.shadowRoot?.querySelector('button'));
    let stored: string[] = [];
    first.addEventListener('store-purchase-complete', () => {
      stored = Object.keys(localStorage).filter((k) => k.startsWith(`${key}:`));
      first.remove();
    });
    button.shadowRoot!.querySelector('button')!.click();
    await until(() => !first.isConnected, 'the app removed the offers');
    expect(stored, 'the claim was in storage before any listener ran').to.have.length(1);
    const second = await fixture<StoreOffers>(provider());
    const label = () => second.querySelector('store-claim-status')!.shadowRoot!.querySelector('[part=label]')?.textContent?.trim();
    await until(() => label() === 'Offer registered', 'Claimed by the next provider');
    expect(await receipts(store)).to.deep.equal(['order-teardown']);
    for (const k of Object.keys(localStorage).filter((k) => k.startsWith(`${key}:`))) localStorage.removeItem(k);
  });

  it('storage that refuses every write (quota): the claim is still sent, once', async () => {
    const items = new Map<string, string>();
    const full = {
      get length() {
        return items.size;
      },
      key: (i: number) => [...items.keys()][i] ?? null,
      getItem: (key: string) => items.get(key) ?? null,
      setItem: () => {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      },
      removeItem: (key: string) => void items.delete(key),
      clear: () => items.clear(),
    } as Storage;
    const { store, label } = await journey({ status: 'Succeeded', orderId: 'order-full' }, [], full);
    await until(() => label() === 'Offer registered', 'Offer registered');
    expect(await receipts(store)).to.deep.equal(['order-full']);
  });
});
