import { expect, waitUntil } from '@open-wc/testing';
import { installMockWebView, MOCK_HOST_ADDITIONS, type MockHost, type MockJournalEntry } from '../../testing/mock-host.js';
import { createMockStoreSession } from '../../testing/mock-store-client.js';
import { sleep } from '../abortable.js';
import type { StoreOffersError } from '../errors.js';
import { functionHost } from '../host/function-host.js';
import { webView2Host } from '../host/webview2-host.js';
import { createOffersClient } from '../offers-client.js';
import type { StoreOffer } from '../types.js';
import { createClaimQueue, type ClaimQueue } from './claim-queue.js';
import { takeJournaledPurchases } from './purchase-journal.js';

const TOKEN = 'TOKEN-journal-91aa';
const RAW = { offers: ['10x gold coins'], trackingId: '5de5dd29-6dce-4e68-b45e-d8ee6c2cd203' };
const OFFER: StoreOffer = { offers: RAW.offers, trackingId: RAW.trackingId, raw: RAW };
const ACCOUNT = '7c2f1e0b9a8d4c3b';
const METHODS = ['getToken', 'getProducts', 'purchase', 'getStoreIdKey', ...MOCK_HOST_ADDITIONS];

let queue: ClaimQueue | undefined;
let mock: MockHost | undefined;
let key = '';

afterEach(() => {
  queue?.dispose();
  mock?.uninstall();
  for (const stored of Object.keys(localStorage)) if (stored.startsWith(`${key}:`)) localStorage.removeItem(stored);
});

const paid = (purchaseId: string, orderId: string, trackingId?: string): MockJournalEntry => {
  const entry: MockJournalEntry = { purchaseId, productId: '10x gold coins', status: 'Succeeded', orderId, account: ACCOUNT };
  if (trackingId) entry.trackingId = trackingId;
  return entry;
};

async function setup(journalEntries: MockJournalEntry[], errors?: Record<string, { code: string; message: string }>) {
  const store = await createMockStoreSession({ offers: [RAW], tokens: [TOKEN] });
  mock = installMockWebView({ methods: METHODS, account: ACCOUNT, journal: true, journalEntries, errors });
  key = `test-journal-${Math.random().toString(36).slice(2)}`;
  queue = createClaimQueue({ key, account: ACCOUNT, retry: { baseDelay: 5, maxDelay: 50 } });
  queue.connect(createOffersClient({ endpoint: store.endpoint, token: TOKEN }));
  return { store, host: webView2Host(), queue };
}

/** Replays `journal` from a plain host into a fresh queue (never connected); what was acked, and the report. */
async function replayPlain(journal: unknown[]) {
  const acked: string[] = [];
  const host = functionHost({
    purchase: async () => ({ status: 'succeeded' }),
    takePurchases: async () => journal,
    ackPurchase: async (purchaseId: string) => void acked.push(purchaseId),
  });
  key = `test-journal-${Math.random().toString(36).slice(2)}`;
  queue = createClaimQueue({ key });
  const report = await takeJournaledPurchases({ host, queue, offers: [OFFER] });
  return { acked, report };
}

describe('takeJournaledPurchases', () => {
  it('claims a purchase a page that died had made, then acknowledges it', async () => {
    const { store, host, queue } = await setup([paid('p-1', 'order-1', RAW.trackingId)]);
    const report = await takeJournaledPurchases({ host, queue, offers: [OFFER] });
    expect(report).to.include({ acknowledged: 1, unclaimable: 0, skipped: 0 });
    await waitUntil(async () => (await store.log()).claims.length == 1, 'never claimed', { timeout: 3000 });
    expect((await store.log()).claims[0]).to.include({ receipt: 'order-1' });
    expect(mock!.journal).to.have.length(0);
    expect(mock!.calls.filter((call) => call.method == 'ackPurchase').map((call) => call.params)).to.deep.equal([{ purchaseId: 'p-1' }]);
  });

  it('never claims twice a purchase the host returns again (its acknowledgement failed)', async () => {
    const failing = { ackPurchase: { code: 'io', message: 'disk full' } };
    const { store, host, queue } = await setup([paid('p-1', 'order-1', RAW.trackingId)], failing);
    await takeJournaledPurchases({ host, queue, offers: [OFFER] });
    await waitUntil(async () => (await store.log()).claims.length == 1, 'never claimed', { timeout: 3000 });
    expect(mock!.journal).to.have.length(1);
    mock!.update({ errors: {} });
    const again = await takeJournaledPurchases({ host, queue, offers: [OFFER] });
    expect(again.claims[0]!.state).to.equal('claimed');
    await sleep(100);
    expect((await store.log()).claims).to.have.length(1);
    expect(mock!.journal).to.have.length(0);
  });

  it('acknowledges an unmatched purchase without a claim and reports it once', async () => {
    const entries = [paid('p-none', 'order-2'), paid('p-unknown', 'order-3', 'not-an-offer'), paid('p-none', 'order-2')];
    const { store, host, queue } = await setup(entries, { ackPurchase: { code: 'io', message: 'later' } });
    const errors: StoreOffersError[] = [];
    const onUnclaimable = (error: StoreOffersError) => errors.push(error);
    await takeJournaledPurchases({ host, queue, offers: [OFFER], onUnclaimable });
    await takeJournaledPurchases({ host, queue, offers: [OFFER], onUnclaimable });
    expect(errors.map((error) => error.code)).to.deep.equal(['purchase-unmatched', 'purchase-unmatched']);
    expect(errors[1]!.message).to.contain('not-an-offer');
    await sleep(100);
    expect((await store.log()).requests).to.have.length(0);
  });

  it('acknowledges a purchase that did not succeed, and leaves malformed entries in the journal', async () => {
    const journal: unknown[] = [
      null, 42, 'p-1', {}, { purchaseId: 5, productId: 'x', status: 'Succeeded' },
      { purchaseId: 'p-bad-status', productId: 'x', status: 7 },
      { purchaseId: 'x'.repeat(2000), productId: 'x', status: 'Succeeded', orderId: 'o' },
      { purchaseId: 'p-cancel', productId: 'x', status: 'NotPurchased' },
    ];
    const { acked, report } = await replayPlain(journal);
    expect(report).to.include({ acknowledged: 1, skipped: 7 });
    expect(acked).to.deep.equal(['p-cancel']);
  });

  it('takes 10,000 entries, duplicates among them, with one claim per purchase', async () => {
    const journal = Array.from({ length: 10_000 }, (_, index) => ({
      purchaseId: `p-${index % 5000}`,
      productId: '10x gold coins',
      trackingId: RAW.trackingId,
      status: 'Succeeded',
      orderId: `order-${index % 100}`,
    }));
    const { acked, report } = await replayPlain(journal);
    expect(report).to.include({ acknowledged: 5000, skipped: 5000 });
    expect(new Set(acked).size).to.equal(5000);
    expect(new Set(report.claims.map((claim) => claim.id)).size).to.equal(100);
    expect(queue!.claims()).to.have.length(100);
  });

  it('does nothing with a host that announces no journal', async () => {
    mock = installMockWebView({ methods: ['purchase', 'getToken'] });
    key = `test-journal-${Math.random().toString(36).slice(2)}`;
    queue = createClaimQueue({ key });
    const report = await takeJournaledPurchases({ host: webView2Host(), queue, offers: [OFFER] });
    expect(report).to.deep.equal({ claims: [], acknowledged: 0, unclaimable: 0, skipped: 0 });
    expect(mock.calls.map((call) => call.method)).to.deep.equal(['hello']);
  });
});
