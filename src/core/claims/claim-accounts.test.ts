/** Claims that belong to an account, and claims that end (expiry, a retired endpoint, an outage across tabs). */
import { expect, waitUntil } from '@open-wc/testing';
import { createMockStoreSession, type MockStoreSession } from '../../testing/mock-store-client.js';
import type { MockStoreFault } from '../../testing/mock-store.js';
import { sleep } from '../abortable.js';
import { createOffersClient } from '../offers-client.js';
import type { Claim, ClaimState, StoreOffer } from '../types.js';
import { claimId } from './claim-id.js';
import { createClaimQueue, type ClaimQueue, type ClaimQueueOptions } from './claim-queue.js';

const TOKEN = 'TOKEN-accounts-5e2c';
const RAW = { offers: ['10x gold coins'], trackingId: '5de5dd29-6dce-4e68-b45e-d8ee6c2cd203' };
const OFFER: StoreOffer = { offers: RAW.offers, trackingId: RAW.trackingId, raw: RAW };
const ALICE = 'a1ice0hash';
const BOB = 'b0bhash';
const DAY_MS = 24 * 60 * 60 * 1000;

let namespaces: string[] = [];
let queues: ClaimQueue[] = [];

afterEach(() => {
  for (const queue of queues) queue.dispose();
  for (const ns of namespaces) for (const key of keysOf(ns)) localStorage.removeItem(key);
  queues = [];
  namespaces = [];
});

function namespace(): string {
  const ns = `test-accounts-${Math.random().toString(36).slice(2)}`;
  namespaces.push(ns);
  return ns;
}

function keysOf(ns: string): string[] {
  return Array.from({ length: localStorage.length }, (_, i) => localStorage.key(i)!).filter((key) => key.startsWith(`${ns}:`));
}

function queueOver(key: string, options: Omit<ClaimQueueOptions, 'key'> = {}): ClaimQueue {
  const queue = createClaimQueue({ key, retry: { baseDelay: 5, maxDelay: 50 }, ...options });
  queues.push(queue);
  return queue;
}

async function store(...faults: MockStoreFault[]): Promise<MockStoreSession> {
  return createMockStoreSession({ offers: [RAW], tokens: [TOKEN], faults });
}

const client = (session: MockStoreSession) => createOffersClient({ endpoint: session.endpoint, token: TOKEN });
const purchase = (receipt: string) => ({ storeOffer: OFFER, productId: '10x gold coins', receipt });

async function settled(queue: ClaimQueue, id: string, state: ClaimState): Promise<Claim> {
  const find = () => queue.claims().find((claim) => claim.id === id);
  await waitUntil(() => find()?.state === state, `claim never became ${state}`, { timeout: 5000, interval: 10 });
  return find()!;
}

describe('claims and accounts', () => {
  it('sends, lists and announces only the current account claims; another account claim waits untouched', async () => {
    const ns = namespace();
    const session = await store();
    const queue = queueOver(ns, { account: ALICE });
    const heard: string[] = [];
    queue.subscribe((claim) => heard.push(`${claim.id}:${claim.state}`));
    queue.setAccount(BOB);
    const bobs = queue.enqueue(purchase('order-bob'));
    queue.setAccount(ALICE);
    const alices = queue.enqueue(purchase('order-alice'));
    queue.connect(client(session));
    await settled(queue, alices.id, 'claimed');
    await sleep(100);
    expect((await session.log()).claims.map((claim) => claim.receipt)).to.deep.equal(['order-alice']);
    expect(queue.claims().map((claim) => claim.id)).to.deep.equal([alices.id]);
    expect(heard.some((entry) => entry.startsWith(bobs.id))).to.equal(true);
    const heardAfterSwitch = heard.length;
    const stored = JSON.parse(localStorage.getItem(`${ns}:${bobs.id}`)!);
    expect(stored).to.include({ state: 'pending', attempts: 0, account: BOB });

    queue.setAccount(BOB);
    await settled(queue, bobs.id, 'claimed');
    expect((await session.log()).claims.map((claim) => claim.receipt)).to.deep.equal(['order-alice', 'order-bob']);
    expect(heard.length).to.be.greaterThan(heardAfterSwitch);
  });

  it('never claims the same purchase twice across accounts', async () => {
    const ns = namespace();
    const session = await store();
    const queue = queueOver(ns, { account: ALICE });
    queue.connect(client(session));
    const first = queue.enqueue(purchase('order-1'));
    await settled(queue, first.id, 'claimed');
    queue.setAccount(BOB);
    expect(queue.enqueue(purchase('order-1')).id).to.equal(first.id);
    await sleep(100);
    expect((await session.log()).claims).to.have.length(1);
  });

  it('adopts a record written before accounts existed (version 2, no account) into the first account set', async () => {
    const ns = namespace();
    const session = await store();
    const id = claimId(RAW.trackingId, 'order-legacy');
    const legacy = {
      v: 2, id, trackingId: RAW.trackingId, productId: '10x gold coins', state: 'pending', attempts: 0,
      created: Date.now(), storeOffer: { ...OFFER }, receipt: 'order-legacy', retries: 0,
    };
    localStorage.setItem(`${ns}:${id}`, JSON.stringify(legacy));
    const queue = queueOver(ns, { account: null });
    queue.connect(client(session));
    await sleep(100);
    // Nobody signed in: it waits.
    expect((await session.log()).claims).to.have.length(0);
    queue.setAccount(ALICE);
    await settled(queue, id, 'claimed');
    expect(JSON.parse(localStorage.getItem(`${ns}:${id}`)!)).to.include({ v: 3, account: ALICE });
  });

  it('keeps the old behaviour without accounts: every claim is current', async () => {
    const ns = namespace();
    const session = await store();
    const queue = queueOver(ns);
    queue.connect(client(session));
    const claim = queue.enqueue(purchase('order-plain'));
    await settled(queue, claim.id, 'claimed');
    expect(JSON.parse(localStorage.getItem(`${ns}:${claim.id}`)!)).not.to.have.property('account');
  });
});

describe('claims that end', () => {
  it('ends a claim not accepted within expireAfter as failed with claim-expired, without a POST', async () => {
    const ns = namespace();
    const session = await store();
    const id = claimId(RAW.trackingId, 'order-old');
    const old = {
      v: 3, id, trackingId: RAW.trackingId, productId: '10x gold coins', state: 'pending', attempts: 4,
      created: Date.now() - 31 * DAY_MS, storeOffer: { ...OFFER }, receipt: 'order-old', retries: 4,
    };
    localStorage.setItem(`${ns}:${id}`, JSON.stringify(old));
    const queue = queueOver(ns);
    queue.connect(client(session));
    const claim = await settled(queue, id, 'failed');
    expect(claim.error?.code).to.equal('claim-expired');
    expect((await session.log()).requests).to.have.length(0);
  });

  it('ends a claim whose retries outlive a short expireAfter', async () => {
    const ns = namespace();
    const session = await store({ method: 'POST', status: 503, times: 1000 });
    const queue = queueOver(ns, { expireAfter: 60 });
    queue.connect(client(session));
    const claim = queue.enqueue(purchase('order-outage'));
    expect((await settled(queue, claim.id, 'failed')).error?.code).to.equal('claim-expired');
  });

  for (const status of [404, 410]) {
    it(`turns ${status} into claims-unavailable and sends nothing more from the page`, async () => {
      const ns = namespace();
      const session = await store({ method: 'POST', status, times: 1000 });
      const queue = queueOver(ns);
      queue.connect(client(session));
      const first = queue.enqueue(purchase(`order-${status}-a`));
      expect((await settled(queue, first.id, 'failed')).error?.code).to.equal('claims-unavailable');
      const second = queue.enqueue(purchase(`order-${status}-b`));
      queue.resume();
      queue.retry(first.id);
      await sleep(150);
      expect((await session.log()).requests).to.have.length(1);
      expect(queue.claims().find((claim) => claim.id === first.id)?.error?.code).to.equal('claims-unavailable');
      // Not lost: it waits for the next page.
      expect(queue.claims().find((claim) => claim.id === second.id)?.state).to.equal('pending');
    });
  }

  it('during a 5xx outage POSTs once per backoff step, however many queues (tabs) run', async () => {
    const ns = namespace();
    const session = await store({ method: 'POST', status: 503, times: 1000 });
    // No jitter (random 1 → the full delay): 40, 80, 160, 320, 320… ms.
    const retry = { baseDelay: 40, maxDelay: 320, random: () => 1 };
    const tabs = [1, 2, 3, 4].map(() => queueOver(ns, { retry }));
    for (const tab of tabs) tab.connect(client(session));
    tabs[0]!.enqueue(purchase('order-outage-tabs'));
    const runMs = 1500;
    await sleep(runMs);
    const posts = (await session.log()).requests.filter((request) => request.method === 'POST').length;
    // One queue alone: 1 + 40 + 80 + 160 + 320 × 2 + … → at most 7 POSTs in 1.5 s (the 10 s
    // heartbeat grace of the other queues never makes them step in while the writer runs).
    const steps = Math.ceil(1 + Math.log2(320 / 40) + (runMs - 600) / 320);
    expect(posts).to.be.within(3, steps);
  });
});
