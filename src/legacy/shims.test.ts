import { expect, waitUntil } from '@open-wc/testing';
import { createMockStoreSession } from '../testing/mock-store-client.js';
import { createClaimQueue, type ClaimQueue } from '../core/claims/claim-queue.js';
import { createOffersClient } from '../core/offers-client.js';
import type { ClaimState } from '../core/types.js';
import { anySignal, leaseLocks, replaceAll, Utf8Decoder, Utf8Encoder } from './shims.js';

// The shims define only what is missing: in Chromium, `navigator.locks` stays the real one, and
// these tests use `leaseLocks()` directly, one instance per simulated tab (EdgeHTML 18 gets one per
// document as `navigator.locks`).

const RAW = { offers: ['coins'], trackingId: '5de5dd29-6dce-4e68-b45e-d8ee6c2cd203' };
const PURCHASE = { storeOffer: { ...RAW, raw: RAW }, productId: 'coins', receipt: 'order-shims' };
const FAST = { baseDelay: 5, maxDelay: 50 };
type Lock = { name: string } | null;

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.reverse()) cleanup();
  cleanups = [];
});

/** A fresh name; its lease and claim keys are removed after the test. */
function unique(what: string): string {
  const name = `test-shims-${what}-${Math.random().toString(36).slice(2)}`;
  cleanups.push(() => {
    for (let i = localStorage.length - 1; i >= 0; i--) if (localStorage.key(i)!.includes(name)) localStorage.removeItem(localStorage.key(i)!);
  });
  return name;
}

/** Asks for `name` and reports what the callback got, holding the lock until `release` resolves. */
function ask(locks: ReturnType<typeof leaseLocks>, name: string, release: Promise<unknown> = Promise.resolve()) {
  let got: Lock | undefined;
  const done = locks.request(name, { ifAvailable: true }, async (lock) => {
    got = lock;
    await release;
  });
  return { got: () => got, done };
}

/** A claim queue module of its own, as another tab has: loaded in an iframe's realm. */
async function otherTab(): Promise<typeof createClaimQueue> {
  const frame = document.createElement('iframe');
  document.body.append(frame);
  cleanups.push(() => frame.remove());
  const script = frame.contentDocument!.createElement('script');
  script.type = 'module';
  script.textContent = `import { createClaimQueue } from '${new URL('/src/core/claims/claim-queue.ts', location.href)}'; window.create = createClaimQueue;`;
  frame.contentDocument!.body.append(script);
  const realm = frame.contentWindow as unknown as { create?: typeof createClaimQueue };
  await waitUntil(() => realm.create, 'the other tab never loaded the queue', { timeout: 5000 });
  expect(realm.create).not.to.equal(createClaimQueue);
  return realm.create!;
}

describe('leaseLocks (navigator.locks for EdgeHTML 18)', () => {
  it('gives a lock to one holder at a time, in one tab and across tabs, and frees it after the callback', async () => {
    const name = unique('lock');
    const [tabA, tabB] = [leaseLocks(), leaseLocks()];
    let release!: () => void;
    const first = ask(tabA, name, new Promise<void>((resolve) => (release = resolve)));
    await waitUntil(() => first.got() !== undefined, 'the first request never ran');
    expect(first.got()).to.include({ name });

    const sameTab = ask(tabA, name);
    const otherTab = ask(tabB, name);
    await Promise.all([sameTab.done, otherTab.done]);
    expect([sameTab.got(), otherTab.got()]).to.deep.equal([null, null]);
    expect(localStorage.getItem(`lock:${name}`)).not.to.equal(null);

    release();
    await first.done;
    expect(localStorage.getItem(`lock:${name}`)).to.equal(null);
    const after = ask(tabB, name);
    await after.done;
    expect(after.got()).to.include({ name });
  });

  it("gives the lock of a crashed tab once its lease has run out, not before", async () => {
    const name = unique('crash');
    const locks = leaseLocks();
    // What a crashed tab leaves: its lease, no longer renewed.
    // (A lease is never due further than 30 s away: it is written as now + 30 s.)
    localStorage.setItem(`lock:${name}`, JSON.stringify({ owner: 'crashed', due: Date.now() + 20_000 }));
    const early = ask(locks, name);
    await early.done;
    expect(early.got()).to.equal(null);

    localStorage.setItem(`lock:${name}`, JSON.stringify({ owner: 'crashed', due: Date.now() - 1 }));
    const late = ask(locks, name);
    await late.done;
    expect(late.got()).to.include({ name });
  });

  it('rejects like Web Locks when the callback throws, and frees the lock', async () => {
    const name = unique('throw');
    const locks = leaseLocks();
    const failed = locks.request(name, { ifAvailable: true }, () => {
      throw new Error('boom');
    });
    let message = '';
    await failed.catch((error: Error) => (message = error.message));
    expect(message).to.equal('boom');
    const next = ask(locks, name);
    await next.done;
    expect(next.got()).to.include({ name });
  });

  describe('two claim queues in two tabs, without Web Locks', () => {
    let queues: ClaimQueue[] = [];
    afterEach(() => {
      for (const queue of queues) queue.dispose();
      queues = [];
    });

    async function settled(queue: ClaimQueue, state: ClaimState = 'claimed') {
      await waitUntil(() => queue.claims()[0]?.state === state, `claim never became ${state}`, { timeout: 5000, interval: 10 });
      return queue.claims()[0]!;
    }

    it('send a claim they both know once, one tab at a time', async () => {
      const key = unique('queues');
      const session = await createMockStoreSession({ offers: [RAW], faults: [{ method: 'POST', delayMs: 300 }] });
      const client = createOffersClient({ endpoint: session.endpoint, token: 't' });
      const posts = async () => (await session.log()).requests.filter((r) => r.method === 'POST');
      const here = createClaimQueue({ key, retry: FAST, locks: leaseLocks() as unknown as LockManager });
      const there = (await otherTab())({ key, retry: FAST, locks: leaseLocks() as unknown as LockManager });
      queues.push(here, there);
      here.connect(client);
      there.connect(client);
      expect(there.enqueue(PURCHASE).id).to.equal(here.enqueue(PURCHASE).id);
      // Push both while the Store holds the first POST.
      await waitUntil(async () => (await posts()).length === 1, 'no POST', { timeout: 5000 });
      here.resume();
      there.resume();
      await settled(here);
      await settled(there);
      expect(await posts()).to.have.length(1);
    });

    it('send again a claim left submitting by a tab that crashed mid-POST', async () => {
      const key = unique('crashed-queue');
      const session = await createMockStoreSession({ offers: [RAW] });
      const crashed = createClaimQueue({ key, locks: leaseLocks() as unknown as LockManager });
      const { id } = crashed.enqueue(PURCHASE);
      crashed.dispose();
      // What the crash left: the claim submitting, the lease of its lock run out.
      const record = JSON.parse(localStorage.getItem(`${key}:${id}`)!);
      localStorage.setItem(`${key}:${id}`, JSON.stringify({ ...record, state: 'submitting', attempts: 1 }));
      localStorage.setItem(`lock:${key}:${id}`, JSON.stringify({ owner: 'crashed', due: Date.now() - 1 }));

      const next = (await otherTab())({ key, retry: FAST, locks: leaseLocks() as unknown as LockManager });
      queues.push(next);
      next.connect(createOffersClient({ endpoint: session.endpoint, token: 't' }));
      expect(await settled(next)).to.include({ id, attempts: 2 });
      expect((await session.log()).claims.map((c) => c.receipt)).to.deep.equal([PURCHASE.receipt]);
    });
  });
});

describe('the built-ins ky and the offers client need (EdgeHTML 18 lacks them)', () => {
  it('Utf8Encoder encodes like TextEncoder, non-ASCII included', () => {
    for (const text of ['', 'plain', 'joueur-é', '😀 coins', 'Ω\u0000x']) {
      expect(Array.from(new Utf8Encoder().encode(text)), text).to.deep.equal(Array.from(new TextEncoder().encode(text)));
    }
  });

  it('Utf8Decoder decodes like TextDecoder: text, a byte order mark, and each kind of ill-formed byte', () => {
    const texts = ['', 'plain', '{"title":"joueur-é"}', '😀 coins', 'Ω\u0000x', '\ufeffbom'];
    const cases = texts.map((text) => Array.from(new TextEncoder().encode(text)));
    cases.push(
      [0xff], // never a UTF-8 byte
      [0x80, 0x41], // a lone continuation byte
      [0xc0, 0x80], // an overlong NUL
      [0xe2, 0x82, 0x41], // a sequence cut short, then a letter
      [0xed, 0xa0, 0x80], // a surrogate
      [0xf4, 0x90, 0x80, 0x80], // above U+10FFFF
      [0xf0, 0x9f, 0x98], // cut off by the end
      [0x41, 0xf0, 0x9f, 0x98, 0x80, 0xc3], // 😀 between a letter and a cut-off é
    );
    for (const bytes of cases) {
      const input = Uint8Array.from(bytes);
      expect(new Utf8Decoder().decode(input), bytes.join(' ')).to.equal(new TextDecoder().decode(input));
    }
    const long = new TextEncoder().encode('é'.repeat(20_000));
    expect(new Utf8Decoder().decode(long)).to.equal('é'.repeat(20_000));
  });

  it('replaceAll replaces like the native one, and refuses a non-global RegExp as it does', () => {
    const text = '  a\tb\nc a';
    for (const [search, replacement] of [
      [/[\t\n]/g, ''],
      ['a', 'x'],
      ['', '-'],
    ] as const) {
      expect(replaceAll.call(text, search, replacement)).to.equal(text.replaceAll(search, replacement));
    }
    expect(() => replaceAll.call(text, /a/, 'x')).to.throw(TypeError);
    expect(() => text.replaceAll(/a/, 'x')).to.throw(TypeError);
  });

  it('anySignal aborts with the reason of the first signal that aborts, and at once for one aborted already', () => {
    const first = new AbortController();
    const second = new AbortController();
    const combined = anySignal([first.signal, second.signal]);
    expect(combined.aborted).to.equal(false);
    second.abort(new Error('timed out'));
    expect(combined.aborted).to.equal(true);
    expect((combined.reason as Error).message).to.equal('timed out');
    first.abort(new Error('later'));
    expect((combined.reason as Error).message).to.equal('timed out');

    const already = anySignal([new AbortController().signal, AbortSignal.abort('gone')]);
    expect([already.aborted, already.reason]).to.deep.equal([true, 'gone']);
  });
});
