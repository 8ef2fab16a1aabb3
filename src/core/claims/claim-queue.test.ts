import { expect, waitUntil } from '@open-wc/testing';
import { createMockStoreSession, type MockStoreSession } from '../../testing/mock-store-client.js';
import type { MockStoreFault } from '../../testing/mock-store.js';
import { isStoreOffersError, StoreOffersError } from '../errors.js';
import { functionHost } from '../host/function-host.js';
import { createOffersClient } from '../offers-client.js';
import { createTokenProvider } from '../token-provider.js';
import type { Claim, ClaimState, StoreOffer } from '../types.js';
import { claimId } from './claim-id.js';
import { createClaimQueue, type ClaimQueue, type ClaimQueueOptions, type ClaimSubmitter } from './claim-queue.js';

/** A recognisable token: it must never reach storage. */
const TOKEN = 'TOKEN-never-stored-4b1d9e';
/** The element as the Store sent it, with an unknown field and nesting: it must come back verbatim. */
const RAW = { offers: ['10x gold coins', '100x gold coins'], trackingId: '5de5dd29-6dce-4e68-b45e-d8ee6c2cd203', segment: { id: 7, tags: ['a'] } };
const OFFER: StoreOffer = { offers: RAW.offers, trackingId: RAW.trackingId, raw: RAW };
const RECEIPT = '1c1a2a41-8a69-4c6d-9d8e-6c5f1d1f4a11';
/** Tiny backoff so retries are quick. */
const FAST = { baseDelay: 5, maxDelay: 50 };

let namespaces: string[] = [];
let queues: ClaimQueue[] = [];
let frames: HTMLIFrameElement[] = [];

afterEach(() => {
  for (const queue of queues) queue.dispose();
  for (const frame of frames) frame.remove();
  for (const ns of namespaces) for (const key of keysOf(ns)) localStorage.removeItem(key);
  [queues, namespaces, frames] = [[], [], []];
});

function namespace(): string {
  const ns = `test-claims-${Math.random().toString(36).slice(2)}`;
  namespaces.push(ns);
  return ns;
}

function queueOver(key: string, options: Omit<ClaimQueueOptions, 'key'> = {}): ClaimQueue {
  const queue = createClaimQueue({ key, retry: FAST, ...options });
  queues.push(queue);
  return queue;
}

async function store(...faults: MockStoreFault[]): Promise<MockStoreSession> {
  return createMockStoreSession({ offers: [RAW], tokens: [TOKEN], faults });
}

/** A queue connected to the offers client of a fresh mock Store scenario. */
async function connected(faults: MockStoreFault[] = [], options: Omit<ClaimQueueOptions, 'key'> = {}) {
  const ns = namespace();
  const session = await store(...faults);
  const queue = queueOver(ns, options);
  queue.connect(client(session));
  return { ns, session, queue };
}

function client(session: MockStoreSession, token = TOKEN): ClaimSubmitter {
  return createOffersClient({ endpoint: session.endpoint, token });
}

function keysOf(ns: string): string[] {
  return Array.from({ length: localStorage.length }, (_, i) => localStorage.key(i)!).filter((key) => key.startsWith(`${ns}:`));
}

/** Everything stored under the namespace, as one string. */
function stored(ns: string): string {
  return keysOf(ns)
    .map((key) => localStorage.getItem(key))
    .join('\n');
}

function purchase(receipt = RECEIPT, productId = '10x gold coins') {
  return { storeOffer: OFFER, productId, receipt };
}

async function settled(queue: ClaimQueue, id: string, state: ClaimState = 'claimed'): Promise<Claim> {
  await waitUntil(() => queue.claims().find((c) => c.id === id)?.state === state, `claim never became ${state}`, { timeout: 5000, interval: 10 });
  return queue.claims().find((c) => c.id === id)!;
}

async function posts(session: MockStoreSession) {
  return (await session.log()).requests.filter((r) => r.method === 'POST');
}

describe('createClaimQueue', () => {
  it('writes the claim to storage before the POST, then POSTs the offer back verbatim', async () => {
    const ns = namespace();
    const session = await store({ method: 'POST', delayMs: 300 });
    const seenAtPost: string[] = [];
    const real = client(session);
    const queue = queueOver(ns);
    queue.connect({ claim: (offer, receipt, options) => (seenAtPost.push(stored(ns)), real.claim(offer, receipt, options)) });

    const claim = queue.enqueue(purchase());
    // Synchronously after enqueue: on disk, with what the POST needs.
    expect(stored(ns)).to.include(RECEIPT).and.include('"segment"');
    expect(claim).to.deep.equal({ id: claim.id, trackingId: RAW.trackingId, productId: '10x gold coins', state: 'pending', attempts: 0 });

    // While the Store holds the request: still stored, now submitting.
    await waitUntil(async () => (await posts(session)).length === 1, 'no POST', { timeout: 5000 });
    expect((await session.log()).claims).to.have.length(0);
    expect(stored(ns)).to.include(RECEIPT).and.include('"submitting"');
    expect(seenAtPost).to.have.length(1);
    expect(seenAtPost[0]).to.include(RECEIPT);

    await settled(queue, claim.id);
    const [post] = await posts(session);
    expect(post!.body).to.equal(JSON.stringify({ storeOffer: RAW, receipt: RECEIPT }));
    expect(post!.token).to.equal(TOKEN);
  });

  it('survives a reload: a fresh queue over the same storage sends the claim once', async () => {
    const ns = namespace();
    const session = await store();
    const before = queueOver(ns);
    const { id } = before.enqueue(purchase());
    before.dispose();

    const after = queueOver(ns);
    expect(after.claims().map((c) => [c.id, c.state])).to.deep.equal([[id, 'pending']]);
    after.connect(client(session));
    await settled(after, id);
    expect((await session.log()).claims).to.deep.equal([{ storeOffer: RAW, receipt: RECEIPT, token: TOKEN }]);
  });

  it('sends again a claim left submitting by a page that died mid-POST', async () => {
    const ns = namespace();
    const session = await store();
    const { id } = queueOver(ns).enqueue(purchase());
    // What a crash leaves: state submitting, the lease of an owner that no longer exists.
    const [key] = keysOf(ns);
    const crashed = { ...JSON.parse(localStorage.getItem(key!)!), state: 'submitting', attempts: 1, owner: 'gone', due: Date.now() - 1 };
    localStorage.setItem(key!, JSON.stringify(crashed));

    for (const locks of [undefined, null]) {
      const queue = queueOver(ns, { locks });
      queue.connect(client(session));
      const claim = await settled(queue, id);
      expect(claim.attempts).to.equal(2);
      queue.dispose();
      localStorage.setItem(key!, JSON.stringify(crashed));
    }
    expect(await posts(session)).to.have.length(2);
  });

  it('never claims the same purchase twice from one queue, before or after it is claimed', async () => {
    const { session, queue } = await connected([{ method: 'POST', delayMs: 200 }]);
    const first = queue.enqueue(purchase());
    const second = queue.enqueue(purchase());
    expect(second.id).to.equal(first.id);
    expect(queue.claims()).to.have.length(1);
    await settled(queue, first.id);

    const third = queue.enqueue(purchase());
    expect(third).to.include({ id: first.id, state: 'claimed' });
    queue.resume();
    // A different purchase of the same offer is a different claim; once it is through, the queue had every chance to repeat the first.
    const other = queue.enqueue(purchase('another-order'));
    expect(other.id).not.to.equal(first.id);
    await settled(queue, other.id);
    expect((await session.log()).claims.map((c) => c.receipt)).to.deep.equal([RECEIPT, 'another-order']);
  });

  for (const locks of [undefined, null]) {
    // Without Web Locks the queues of one document still keep out of each other's way (across tabs, the
    // legacy bundle's lease shim does: src/legacy/shims.test.ts).
    it(`sends one POST when two queues share the storage (${locks === null ? 'no Web Locks, one document' : 'Web Locks'})`, async () => {
      const ns = namespace();
      const session = await store({ method: 'POST', delayMs: 300 });
      const a = queueOver(ns, { locks });
      const b = queueOver(ns, { locks });
      a.connect(client(session));
      b.connect(client(session));
      const fromA = a.enqueue(purchase());
      const fromB = b.enqueue(purchase());
      expect(fromB.id).to.equal(fromA.id);
      // Push both while the Store holds the first POST.
      await waitUntil(async () => (await posts(session)).length === 1, 'no POST', { timeout: 5000 });
      a.resume();
      b.resume();
      await settled(a, fromA.id);
      await settled(b, fromA.id);
      b.resume();
      const other = a.enqueue(purchase('later-order'));
      await settled(b, other.id);
      expect((await posts(session)).map((p) => JSON.parse(p.body).receipt)).to.deep.equal([RECEIPT, 'later-order']);
    });
  }

  it('retries a 503: pending → submitting → pending → submitting → claimed, each change announced', async () => {
    const ns = namespace();
    const session = await store({ method: 'POST', status: 503 });
    const queue = queueOver(ns);
    const seen: Claim[] = [];
    queue.subscribe((claim) => seen.push(claim));
    queue.connect(client(session));
    const { id } = queue.enqueue(purchase());
    await settled(queue, id);
    expect(seen.map((c) => [c.state, c.attempts, c.error?.code])).to.deep.equal([
      ['pending', 0, undefined],
      ['submitting', 1, undefined],
      ['pending', 1, 'server'],
      ['submitting', 2, 'server'],
      ['claimed', 2, undefined],
    ]);
    expect(seen.every((c) => c.id === id && c.productId === '10x gold coins')).to.equal(true);
  });

  it('waits as long as a 429 Retry-After asks before sending again', async () => {
    const { session, queue } = await connected([{ method: 'POST', status: 429, retryAfter: '1' }], { retry: { baseDelay: 5, maxDelay: 5000 } });
    const { id } = queue.enqueue(purchase());
    await waitUntil(() => queue.claims()[0]?.error?.code === 'rate-limited', 'no 429 seen', { timeout: 5000 });
    await settled(queue, id);
    const [first, second] = await posts(session);
    expect([first!.outcome, second!.outcome]).to.deep.equal([429, 200]);
    // Both times come from the server's clock: the retry cannot arrive before the second is over.
    expect(second!.at - first!.at).to.be.at.least(1000);
  });

  it('fails on a permanent 400 and sends again only on retry(id)', async () => {
    const { ns, session, queue } = await connected([{ method: 'POST', status: 400, body: '{"message":"nope"}' }]);
    const { id } = queue.enqueue(purchase());
    const failed = await settled(queue, id, 'failed');
    expect(failed.error?.code).to.equal('rejected');
    expect(stored(ns)).to.include(RECEIPT);
    // A failed claim waits for no backoff: only a retry sends it again.
    expect(JSON.parse(localStorage.getItem(`${ns}:${id}`)!)).not.to.have.property('due');

    queue.resume();
    const other = queue.enqueue(purchase('other-order'));
    await settled(queue, other.id);
    expect((await posts(session)).filter((p) => p.body.includes(RECEIPT))).to.have.length(1);

    queue.retry(id);
    const claimed = await settled(queue, id);
    expect(claimed).to.include({ attempts: 2 });
    expect(claimed).not.to.have.property('error');
  });

  it('turns a retryable error into failed after retry.limit retries in a row', async () => {
    const { session, queue } = await connected([{ method: 'POST', status: 500, times: 3 }], { retry: { ...FAST, limit: 1 } });
    const { id } = queue.enqueue(purchase());
    const failed = await settled(queue, id, 'failed');
    expect([failed.attempts, failed.error?.code]).to.deep.equal([2, 'server']);
    expect(await posts(session)).to.have.length(2);
  });

  it('fails on 401 after the refresh, and sends again by itself when a new submitter (token) is connected', async () => {
    const ns = namespace();
    const session = await store();
    const queue = queueOver(ns);
    queue.connect(client(session, 'expired-token'));
    const { id } = queue.enqueue(purchase());
    expect((await settled(queue, id, 'failed')).error?.code).to.equal('unauthorized');

    queue.connect(client(session));
    await settled(queue, id);
    const tokens = (await posts(session)).map((p) => p.token);
    // The client refreshed once (same string) before giving up; then the new token.
    expect(tokens).to.deep.equal(['expired-token', 'expired-token', TOKEN]);
    expect(stored(ns)).not.to.include(TOKEN).and.not.to.include('expired-token');
  });

  it('sends again when the connection dropped after the Store processed the claim (the Store gets it twice, no more)', async () => {
    const { session, queue } = await connected([{ method: 'POST', drop: 'after' }]);
    const { id } = queue.enqueue(purchase());
    await settled(queue, id);
    const log = await session.log();
    expect(log.requests.map((r) => r.outcome)).to.deep.equal(['dropped-after', 200]);
    expect(log.claims.map((c) => c.receipt)).to.deep.equal([RECEIPT, RECEIPT]);
  });

  it('resumes a claim waiting after a network error when the page comes back online', async () => {
    // The test runner cannot switch Chromium's network off, so the failure is a connection the
    // Store drops unanswered, and "back online" is the real `online` event the browser would fire.
    const { session, queue } = await connected([{ method: 'POST', drop: 'before' }], { retry: { baseDelay: 60_000, maxDelay: 60_000 } });
    const { id } = queue.enqueue(purchase());
    await waitUntil(() => queue.claims()[0]?.error?.code === 'network', 'no network error', { timeout: 5000 });
    expect(queue.claims()[0]!.state).to.equal('pending');
    dispatchEvent(new Event('online'));
    await settled(queue, id);
    expect((await session.log()).requests.map((r) => r.outcome)).to.deep.equal(['dropped-before', 200]);
  });

  it('drops unreadable records, keeps the good ones and what is not its own, and never throws', async () => {
    const ns = namespace();
    const session = await store();
    const { id } = queueOver(ns).enqueue(purchase());
    const good = localStorage.getItem(`${ns}:${id}`)!;
    const variant = (key: string, patch: Record<string, unknown>) => JSON.stringify({ ...JSON.parse(good), id: key, ...patch });
    const corrupt = {
      [`${ns}:0123456789abcdef`]: '{not json',
      [`${ns}:0123456789abcde0`]: '[]',
      [`${ns}:0123456789abcde1`]: 'null',
      [`${ns}:0123456789abcde2`]: variant('0123456789abcde2', { attempts: '0' }),
      [`${ns}:0123456789abcde3`]: good, // a record under another id's key
      [`${ns}:0123456789abcde4`]: variant('0123456789abcde4', { receipt: '' }),
      [`${ns}:0123456789abcde5`]: variant('0123456789abcde5', { storeOffer: { offers: 'x' } }),
      [`${ns}:0123456789abcde7`]: variant('0123456789abcde7', { state: 'done' }),
      [`${ns}:0123456789abcde8`]: variant('0123456789abcde8', { created: null }),
    };
    const kept = {
      [`${ns}:0123456789abcde6`]: JSON.stringify({ v: 99, future: true }), // a newer library's record
      [`${ns}:notes`]: 'not a claim key',
    };
    for (const [key, value] of Object.entries({ ...corrupt, ...kept })) localStorage.setItem(key, value);

    const queue = queueOver(ns);
    expect(queue.claims().map((c) => c.id)).to.deep.equal([id]);
    for (const key of Object.keys(corrupt)) expect(localStorage.getItem(key), key).to.equal(null);
    for (const [key, value] of Object.entries(kept)) expect(localStorage.getItem(key)).to.equal(value);
    queue.connect(client(session));
    await settled(queue, id);
  });

  it('keeps no receipt, offer or token once claimed, and still recognises the purchase', async () => {
    const { ns, session, queue } = await connected();
    const { id } = queue.enqueue(purchase());
    await settled(queue, id);
    const left = stored(ns);
    expect(left).not.to.include(RECEIPT).and.not.to.include('segment').and.not.to.include(TOKEN);
    expect(JSON.parse(left)).to.include({ id, state: 'claimed', trackingId: RAW.trackingId, productId: '10x gold coins' });

    const again = queueOver(ns);
    again.connect(client(session));
    expect(again.enqueue(purchase())).to.include({ id, state: 'claimed' });
    expect(await posts(session)).to.have.length(1);
  });

  it('ages out old claimed records when it starts, keeping recent ones and open claims', () => {
    const ns = namespace();
    const queue = queueOver(ns);
    const open = queue.enqueue(purchase('open-order'));
    const recent = JSON.parse(localStorage.getItem(`${ns}:${open.id}`)!);
    const claimed = (id: string, daysAgo: number) => {
      const { receipt: _r, storeOffer: _o, retries: _n, ...rest } = recent;
      const at = Date.now() - daysAgo * 24 * 60 * 60 * 1000;
      localStorage.setItem(`${ns}:${id}`, JSON.stringify({ ...rest, id, state: 'claimed', created: at, claimedAt: at }));
    };
    claimed('00000000000000a1', 400);
    claimed('00000000000000a2', 30);
    queue.dispose();
    expect(queueOver(ns).claims().map((c) => c.id)).to.have.members(['00000000000000a2', open.id]);
    expect(localStorage.getItem(`${ns}:00000000000000a1`)).to.equal(null);
  });

  it("announces other tabs' changes (storage events) without sending their claims itself", async () => {
    const ns = namespace();
    const session = await store({ method: 'POST', delayMs: 100 });
    const here = queueOver(ns);
    here.connect(client(session));
    const seen: string[] = [];
    here.subscribe((claim) => seen.push(claim.state));

    // Another browsing context on the same origin: same storage area, events cross over.
    const frame = document.createElement('iframe');
    frames.push(frame);
    document.body.append(frame);
    const otherTab = queueOver(ns, { storage: frame.contentWindow!.localStorage });
    otherTab.connect(client(session));
    const { id } = otherTab.enqueue(purchase());
    await settled(otherTab, id);
    await waitUntil(() => seen.includes('claimed'), 'the claimed state never arrived', { timeout: 5000 });
    expect(seen).to.deep.equal(['pending', 'submitting', 'claimed']);
    expect(here.claims().map((c) => c.state)).to.deep.equal(['claimed']);
    expect(await posts(session)).to.have.length(1);
  });

  it('leaves a claim interrupted by dispose() pending in storage', async () => {
    const { ns, session, queue } = await connected([{ method: 'POST', delayMs: 300 }]);
    const { id } = queue.enqueue(purchase());
    await waitUntil(async () => (await posts(session)).length === 1, 'no POST', { timeout: 5000 });
    queue.dispose();
    await waitUntil(() => stored(ns).includes('"pending"'), 'not pending', { timeout: 5000 });
    expect(stored(ns)).to.include(RECEIPT);
    expect(queueOver(ns).claims()[0]).to.include({ id, state: 'pending', attempts: 1 });
  });

  it('still sends the claim when storage refuses writes', async () => {
    const session = await store();
    const refusing = {
      length: 0,
      key: () => null,
      getItem: () => null,
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
      removeItem: () => {},
      clear: () => {},
    } as Storage;
    const queue = queueOver(namespace(), { storage: refusing });
    queue.connect(client(session));
    const { id } = queue.enqueue(purchase());
    await settled(queue, id);
    expect((await session.log()).claims).to.have.length(1);
  });

  it('without usable storage (every access throws) keeps claims in memory: sent once, recognised once claimed', async () => {
    const session = await store();
    const throwing = new Proxy({} as Storage, {
      get() {
        throw new DOMException('denied', 'SecurityError');
      },
    });
    const queue = queueOver(namespace(), { storage: throwing });
    queue.connect(client(session));
    const { id } = queue.enqueue(purchase());
    await settled(queue, id);
    // An open claim written afterwards (its write refused too) must not drop the memory of the claimed one.
    await settled(queue, queue.enqueue(purchase('second-order')).id);
    expect(queue.enqueue(purchase())).to.include({ id, state: 'claimed' });
    expect((await session.log()).claims.map((c) => c.receipt)).to.deep.equal([RECEIPT, 'second-order']);
  });

  it('without usable storage, a queue made after another was disposed still sends its claims (a provider put up again)', async () => {
    const session = await store();
    const throwing = new Proxy({} as Storage, {
      get() {
        throw new DOMException('denied', 'SecurityError');
      },
    });
    const ns = namespace();
    const first = queueOver(ns, { storage: throwing });
    const { id } = first.enqueue(purchase());
    first.dispose();
    const next = queueOver(ns, { storage: throwing });
    next.connect(client(session));
    await settled(next, id);
    expect((await session.log()).claims.map((c) => c.receipt)).to.deep.equal([RECEIPT]);
  });

  it('refuses a claim without a receipt (claim-unavailable) or without an offer (invalid-config)', () => {
    const queue = queueOver(namespace());
    const codeOf = (action: () => unknown) => {
      try {
        action();
      } catch (error) {
        return isStoreOffersError(error) ? error.code : String(error);
      }
      return 'no error';
    };
    expect(codeOf(() => queue.enqueue(purchase('')))).to.equal('claim-unavailable');
    expect(codeOf(() => queue.enqueue({ ...purchase(), storeOffer: undefined as unknown as StoreOffer }))).to.equal('invalid-config');
    expect(queue.claims()).to.deep.equal([]);
  });
});

describe('createClaimQueue when the clock, the host or the library version changes', () => {
  const DAY = 864e5;

  /** A pending claim after one 503, stored with its retry time `ahead` ms from now (the clock was ahead when it was written). */
  function writtenAhead(ns: string, ahead: number): string {
    const { id } = queueOver(ns).enqueue(purchase());
    const key = `${ns}:${id}`;
    const record = JSON.parse(localStorage.getItem(key)!);
    localStorage.setItem(key, JSON.stringify({ ...record, attempts: 1, retries: 1, error: { code: 'server', message: '503' }, due: Date.now() + ahead }));
    return id;
  }

  for (const [what, ahead] of [
    ['an hour', 3600_000],
    ['40 days (past what setTimeout can wait)', 40 * DAY],
  ] as const) {
    it(`sends a claim whose retry time lies ${what} ahead (the clock went back) within maxDelay, without spinning`, async () => {
      const ns = namespace();
      const id = writtenAhead(ns, ahead);
      const session = await store();
      let lockRequests = 0;
      const locks = { request: (...args: Parameters<LockManager['request']>) => (lockRequests++, navigator.locks.request(...args)) } as LockManager;
      const queue = queueOver(ns, { locks });
      queue.connect(client(session));
      await settled(queue, id);
      expect(lockRequests).to.be.below(5);
    });
  }

  it('lists a new claim last even when an older one was created under a clock that was ahead', () => {
    const ns = namespace();
    const old = queueOver(ns).enqueue(purchase('old-order')).id;
    const key = `${ns}:${old}`;
    localStorage.setItem(key, JSON.stringify({ ...JSON.parse(localStorage.getItem(key)!), created: Date.now() + 30 * DAY }));
    const { id } = queueOver(ns).enqueue(purchase('new-order'));
    expect(queueOver(ns).claims().map((c) => c.id)).to.deep.equal([old, id]);
  });

  /** Offers clients whose tokens come from a host whose second getToken (the refresh after a 401) fails once with `code`. */
  function refreshFailsOnce(session: MockStoreSession, code: 'host-error' | 'host-timeout') {
    let asked = 0;
    const host = functionHost({
      async getToken() {
        if (++asked == 2) throw new StoreOffersError(code, `The host failed getToken (${code})`);
        return TOKEN;
      },
    });
    return () => createOffersClient({ endpoint: session.endpoint, token: createTokenProvider(undefined, host) });
  }

  it('sends by itself, after a new token or at the next start, a claim failed by a host error during the token refresh', async () => {
    const ns = namespace();
    const session = await store({ method: 'POST', status: 401 });
    const hostClient = refreshFailsOnce(session, 'host-error');
    const queue = queueOver(ns);
    queue.connect(hostClient());
    const { id } = queue.enqueue(purchase());
    expect((await settled(queue, id, 'failed')).error?.code).to.equal('host-error');
    queue.dispose();
    // The next page.
    const next = queueOver(ns);
    next.connect(hostClient());
    await settled(next, id);
    expect((await session.log()).claims.map((c) => c.receipt)).to.deep.equal([RECEIPT]);
  });

  it('retries a host that did not answer getToken in time like a network error', async () => {
    const session = await store({ method: 'POST', status: 401 });
    const queue = queueOver(namespace());
    queue.connect(refreshFailsOnce(session, 'host-timeout')());
    const { id } = queue.enqueue(purchase());
    expect(await settled(queue, id)).to.include({ attempts: 2 });
  });

  it("leaves a newer library version's record of the same purchase alone", () => {
    const ns = namespace();
    const key = `${ns}:${claimId(OFFER.trackingId, RECEIPT)}`;
    const newer = JSON.stringify({ v: 99, state: 'claimed' });
    localStorage.setItem(key, newer);
    queueOver(ns).enqueue(purchase());
    expect(localStorage.getItem(key)).to.equal(newer);
  });
});
