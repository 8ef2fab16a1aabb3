/**
 * The durable claim queue (SPEC.md Core API; STORE-API.md §1 POST).
 *
 * **Why `localStorage` and not IndexedDB.** The point of the queue is that a claim is on disk
 * *before* the first POST, so a crash, a reload or a closed window right after the purchase
 * cannot lose it. `localStorage.setItem` is synchronous: when `enqueue` returns, the claim is
 * written, and no POST can start before that. IndexedDB is asynchronous (the write lands some
 * time after the transaction is queued, and the page can go away in between); it would also make
 * `enqueue`, `claims()` and the dedupe check asynchronous. A claim is a few hundred bytes and a
 * user makes few purchases, so `localStorage`'s size limit is no concern. `storage` events give
 * us the other tabs' changes for free.
 *
 * **Lifecycle.** `pending → submitting → claimed | failed`. Network errors, timeouts, 408, 429
 * (honouring `Retry-After`) and 5xx are retried with capped exponential backoff, by default
 * without limit: a claim must not be lost, and the cap (5 minutes) keeps the load low.
 * `unauthorized` (the client already refreshed the token once) and `no-token` → `failed`,
 * retried by themselves when `connect()` brings a new submitter (a new token). Any other rejection (400, 403, 404,
 * `bad-response`…) → `failed` until `retry(id)`.
 *
 * **A `submitting` claim found at start** (the page died mid-POST) is sent again. A POST whose
 * answer was lost cannot be told apart from one the Store never received; the Store keys a
 * claim by the same receipt, so sending it twice is the least bad outcome next to losing it.
 * The same holds when the connection drops after the Store processed the POST: the Store
 * receives the claim twice, and no more (the second answer ends it).
 *
 * **One sender per claim.** Before POSTing, a queue takes the Web Lock `<key>:<id>`
 * (`ifAvailable`, so it never waits); a lock dies with its tab, so a claim left `submitting`
 * by a closed tab is free again. Without Web Locks (`locks: null`, old WebViews, or refused) a
 * lease in the record (`owner` + `due`, refreshed every 10 s while the POST runs, void after 30 s)
 * does the job: exact between queues of one document, best effort between tabs (storage has no
 * compare-and-set), where the Store's receipt keying absorbs a rare double send.
 *
 * **What is stored.** Per claim: the offer exactly as received (`storeOffer.raw` is POSTed back
 * verbatim), the product id, the receipt, state, attempts, last error, backoff time, lease.
 * Never the token (the queue never sees it: the submitter holds it). Once claimed, the receipt
 * and the offer are dropped and only `{ id, trackingId, productId, state, attempts }` stays, so
 * enqueuing the same purchase again is recognised. Claimed records are kept for a year and at
 * most 200 of them (the most recent); a purchase enqueued again after its record aged out is
 * claimed again, which the Store's receipt keying absorbs. Open claims are never aged out.
 * Unreadable records are dropped, the readable ones kept; nothing in storage can make the queue
 * throw. One key per claim (`<key>:<id>`, not one JSON blob for all) means two tabs writing
 * different claims never overwrite each other, and a `storage` event names exactly the claim that
 * changed. A write storage refuses (quota, privacy mode) first makes room by dropping the claimed
 * records, then is kept in memory, where it wins over storage; without `localStorage` (sandboxed
 * frames, storage disabled) every record lives there: claims still go out, they just do not
 * survive a reload.
 *
 * **Why a closure.** Property names survive minification, local names do not: the queue is one
 * function whose state and steps are local, and only the public methods are properties.
 */
import { backoffDelay, type BackoffOptions } from '../backoff.js';
import { isRetryable, isStoreOffersError, StoreOffersError, type ErrorCode } from '../errors.js';
import type { Claim, StoreOffer } from '../types.js';
import { claimId } from './claim-id.js';
import { readRecord, RECORD_VERSION, toClaim, type ClaimRecord, type OpenRecord } from './claim-record.js';

/** Sends one claim to the Store (the offers client's `claim` fits). */
export interface ClaimSubmitter {
  /** POSTs `{ storeOffer: storeOffer.raw, receipt }`; rejects with a `StoreOffersError`. */
  claim(storeOffer: StoreOffer, receipt: string, options?: { signal?: AbortSignal }): Promise<void>;
}

/** Options of {@link createClaimQueue}. */
export interface ClaimQueueOptions {
  /**
   * Where claims live (default `localStorage`; an in-memory area when storage is unavailable).
   * Synchronous storage is the point: the claim is written before any POST.
   */
  storage?: Storage;
  /** Storage namespace: keys are `<key>:<claim id>` (default `'store-offer-elements:claims'`). */
  key?: string;
  /**
   * Automatic retries of network errors, timeouts, 408, 429 and 5xx: backoff (default
   * `baseDelay` 2 s, `maxDelay` 5 min) and `limit`, the retries in a row before the claim turns
   * `failed` (default `Infinity`: claims must not be lost).
   */
  retry?: BackoffOptions & { limit?: number };
  /** Web Locks for one sender per claim (default `navigator.locks`); `null` → a lease in storage. */
  locks?: LockManager | null;
}

/** A durable queue of claims. */
export interface ClaimQueue {
  /** Sets (or replaces, or clears with `null`) who posts claims; a non-null submitter resumes the queue. */
  connect(submitter: ClaimSubmitter | null): void;
  /**
   * Writes the claim durably (synchronously) before any POST, then schedules it. The same
   * `trackingId` + receipt returns the existing claim, never a second one (also once claimed).
   * Throws `claim-unavailable` without a receipt, `invalid-config` without an offer or product id.
   */
  enqueue(input: { storeOffer: StoreOffer; productId: string; receipt: string }): Claim;
  /** All known claims (this tab's and other tabs'), oldest first. */
  claims(): Claim[];
  /** Calls `listener` on every state change, from this tab and from other tabs; returns the unsubscribe. */
  subscribe(listener: (claim: Claim) => void): () => void;
  /** Sends a `failed` (or backing-off `pending`) claim again now. */
  retry(id: string): void;
  /** Runs all pending work now, ignoring backoff waits. */
  resume(): void;
  /** Stops timers, listeners and POSTs in flight (an interrupted claim stays pending in storage). */
  dispose(): void;
}

const HEARTBEAT_MS = 10_000;
const LEASE_MS = 30_000;
/** Claimed records are kept for a year, and at most 200 of them (the most recently claimed). */
const CLAIMED_RETENTION_MS = 365 * 24 * 3600_000;
const CLAIMED_MAX = 200;
/** Failures a new submitter (a new token) can fix: retried by `connect`. */
const TOKEN_CODES: unknown[] = ['unauthorized', 'no-token'] satisfies ErrorCode[];

/** Live queues of this document (`storage` events never reach the document that wrote): each is told of the others' writes. */
const peers = new Set<(area: Storage, key: string, record: ClaimRecord) => void>();

const isOpen = (record: ClaimRecord): record is OpenRecord => record.state == 'pending' || record.state == 'submitting';

/** Runs `action`, `undefined` when it throws (storage access can throw anywhere). */
function safely<T>(action: () => T): T | undefined {
  try {
    return action();
  } catch {
    return undefined;
  }
}

/** A claim made pending again by hand (or by a new token): fresh retry count, no wait, no error. */
function reopen({ error: _error, due: _due, owner: _owner, ...record }: OpenRecord): OpenRecord {
  return { ...record, state: 'pending', retries: 0 };
}

/** Creates a claim queue over durable storage. Nothing is sent before `connect(submitter)`. */
export function createClaimQueue(options: ClaimQueueOptions = {}): ClaimQueue {
  // Every access to an empty object throws, so without `localStorage` all records stay in `unsaved`.
  const area = options.storage ?? safely(() => localStorage) ?? ({} as Storage);
  const key = options.key ?? 'store-offer-elements:claims';
  const prefix = key + ':';
  const locks = options.locks === undefined ? globalThis.navigator?.locks : options.locks;
  const { limit = Infinity, ...backoff } = options.retry ?? {};
  const delays = { baseDelay: 2_000, maxDelay: 300_000, ...backoff };
  const owner = Math.random().toString(36).slice(2);
  const aborter = new AbortController();
  const signal = aborter.signal;
  const listeners = new Set<(claim: Claim) => void>();
  /** What subscribers last saw of each claim, so each change is announced once. */
  const seen = new Map<string, string>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const running = new Set<string>();
  /** Records storage refused to take. */
  const unsaved = new Map<string, ClaimRecord>();
  /** `null` before `connect` and after `dispose`. */
  let submitter: ClaimSubmitter | null = null;

  const idOf = (storageKey: string | null) => {
    const id = storageKey?.slice(prefix.length);
    return storageKey?.startsWith(prefix) && /^[\da-f]{16}$/.test(id!) ? id : undefined;
  };

  /** The readable record of `id`; an unreadable one is removed. */
  function read(id: string): ClaimRecord | undefined {
    const record = unsaved.get(id) ?? readRecord(id, safely(() => area.getItem(prefix + id)) ?? null);
    if (record === undefined) safely(() => area.removeItem(prefix + id));
    return record ?? undefined;
  }

  /** Every readable record, oldest first. */
  function list(): ClaimRecord[] {
    const ids = new Set(unsaved.keys());
    for (let i = safely(() => area.length) ?? 0; i-- > 0; ) {
      const id = idOf(safely(() => area.key(i)) ?? null);
      if (id) ids.add(id);
    }
    return [...ids]
      .map(read)
      .filter((record) => record !== undefined)
      .sort((a, b) => a.created - b.created || (a.id < b.id ? -1 : 1));
  }

  const save = (record: ClaimRecord) => safely(() => (area.setItem(prefix + record.id, JSON.stringify(record)), unsaved.delete(record.id), 1));

  function remove(id: string) {
    unsaved.delete(id);
    safely(() => area.removeItem(prefix + id));
  }

  function prune() {
    const now = Date.now();
    list()
      .filter((record) => record.state == 'claimed')
      .sort((a, b) => b.claimedAt - a.claimedAt)
      .forEach((record, index) => {
        if (index >= CLAIMED_MAX || now - record.claimedAt > CLAIMED_RETENTION_MS) remove(record.id);
      });
  }

  /** Writes a record, tells this document's peers, and announces the change. */
  function commit<R extends ClaimRecord>(record: R): R {
    if (!save(record)) {
      // Storage is full: the dedupe memory of finished claims goes before an open claim does.
      if (record.state != 'claimed') for (const old of list()) if (old.state == 'claimed') safely(() => area.removeItem(prefix + old.id));
      if (!save(record)) unsaved.set(record.id, record);
    }
    for (const peer of peers) if (peer != notice) peer(area, key, record);
    announce(record);
    return record;
  }

  function announce(record: ClaimRecord) {
    const claim = toClaim(record);
    const signature = JSON.stringify(claim);
    if (seen.get(record.id) == signature) return;
    seen.set(record.id, signature);
    for (const listener of [...listeners]) {
      try {
        listener(claim);
      } catch (error) {
        // A broken listener must not stop the queue; report it like an uncaught error.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }

  /** A change made by another queue (another tab, or a peer in this document). */
  function observe(id: string, record: ClaimRecord | null | undefined) {
    if (record) announce(record);
    else seen.delete(id);
    if (record && isOpen(record)) consider(record, true);
    else cancel(id);
  }

  const notice = (otherArea: Storage, otherKey: string, record: ClaimRecord) => {
    if (otherArea == area && otherKey == key) observe(record.id, record);
  };

  const onStorage = (event: StorageEvent) => {
    const id = event.storageArea == area ? idOf(event.key) : undefined;
    if (id) observe(id, readRecord(id, event.newValue));
  };

  /** Schedules every open claim; `force` ignores backoff waits. */
  function plan(force?: unknown) {
    for (const record of list()) if (isOpen(record)) force ? schedule(record.id, 0, true) : consider(record);
  }

  const resume = () => plan(true);

  /** Resumes when the page comes back online; hears other tabs' writes. */
  function listen(method: 'addEventListener' | 'removeEventListener') {
    globalThis[method]?.('online', resume);
    globalThis[method]?.('storage', onStorage as EventListener);
  }

  /**
   * Schedules one open claim. Claims another queue wrote (`theirs`) get a grace period, so the
   * queue that wrote them normally sends them and this one only steps in when it went away.
   */
  function consider(record: OpenRecord, theirs?: boolean) {
    if (!submitter) return;
    const wait = (record.due ?? 0) - Date.now();
    schedule(
      record.id,
      record.state == 'pending'
        ? Math.max(0, wait) + (theirs ? HEARTBEAT_MS : 0)
        : // With Web Locks the lock tells whether that queue is still sending: look again after a
          // heartbeat (a closed tab's claim is taken over within seconds, not after its 30 s lease).
          theirs && record.owner && record.owner != owner
          ? locks
            ? HEARTBEAT_MS
            : wait
          : 0,
    );
  }

  function schedule(id: string, delay: number, force?: boolean) {
    cancel(id);
    if (!signal.aborted) {
      timers.set(
        id,
        setTimeout(() => {
          timers.delete(id);
          void run(id, force);
        }, delay),
      );
    }
  }

  function cancel(id: string) {
    clearTimeout(timers.get(id));
    timers.delete(id);
  }

  /** Sends one claim if it is due and nobody else is sending it. Never rejects. */
  async function run(id: string, force?: boolean) {
    if (!submitter || running.has(id)) return;
    running.add(id);
    let entered = false;
    try {
      await locks!.request(prefix + id, { ifAvailable: true }, async (lock) => {
        entered = true;
        if (lock) await attempt(id, force, true);
        // Someone else holds it: look again later in case that tab goes away mid-backoff.
        else schedule(id, HEARTBEAT_MS);
      });
    } catch {
      // No Web Locks (`locks: null`, old WebViews), or refused (an opaque origin): the lease decides.
      if (!entered) await attempt(id, force);
    }
    running.delete(id);
  }

  async function attempt(id: string, force?: boolean, locked?: boolean) {
    const sender = submitter;
    const found = read(id);
    if (!sender || !found || !isOpen(found)) return;
    const now = Date.now();
    // Backing off, or another queue's lease still runs.
    if ((found.state == 'pending' ? !force : !locked && found.owner != owner) && found.due! > now) return schedule(id, found.due! - now);

    const sending = commit({ ...found, state: 'submitting', attempts: found.attempts + 1, owner, due: now + LEASE_MS });
    const heartbeat = setInterval(() => {
      const latest = read(id);
      if (latest?.state == 'submitting' && latest.owner == owner) commit({ ...latest, due: Date.now() + LEASE_MS });
    }, HEARTBEAT_MS);
    let failure: StoreOffersError | undefined;
    try {
      await sender.claim(sending.storeOffer, sending.receipt, { signal });
    } catch (error) {
      failure = isStoreOffersError(error) ? error : new StoreOffersError('network', 'The claim was not sent.');
    }
    clearInterval(heartbeat);

    const latest = read(id) ?? sending;
    if (latest.state == 'claimed') return;
    const { v, trackingId, productId, attempts, created } = latest;
    if (!failure) {
      commit({ v, id, trackingId, productId, state: 'claimed', attempts, created, claimedAt: Date.now() });
      return prune();
    }
    // Our lease lapsed and another queue is sending it now: its outcome will decide.
    if (latest.state == 'submitting' && latest.owner != owner) return;
    const { due: _due, owner: _owner, ...open } = latest;
    // Disposed mid-POST: leave it pending for the next page or another tab.
    if (signal.aborted) return commit({ ...open, state: 'pending' });
    const error = { code: failure.code, message: failure.message };
    const retries = open.retries + 1;
    if (!isRetryable(failure) || retries > limit) return commit({ ...open, state: 'failed', error, retries });
    const delay = backoffDelay(retries, delays, failure.retryAfter);
    commit({ ...open, state: 'pending', error, retries, due: Date.now() + delay });
    schedule(id, delay);
  }

  prune();
  // No listener yet: this only fills `seen`.
  list().forEach(announce);
  listen('addEventListener');
  peers.add(notice);

  return {
    connect(next) {
      if (signal.aborted) return;
      submitter = next;
      if (!next) return;
      for (const record of list()) if (record.state == 'failed' && TOKEN_CODES.includes(record.error?.code)) commit(reopen(record));
      plan();
    },

    enqueue(input) {
      const { storeOffer, productId, receipt } = input ?? {};
      if (!receipt || typeof receipt != 'string') throw new StoreOffersError('claim-unavailable', 'A claim needs the orderId or receipt.');
      if (typeof storeOffer?.trackingId != 'string' || !Array.isArray(storeOffer.offers) || typeof productId != 'string') {
        throw new StoreOffersError('invalid-config', 'A claim needs the StoreOffer and product id.');
      }
      const { offers, trackingId, storeIds, raw = { offers, trackingId } } = storeOffer;
      const id = claimId(trackingId, receipt);
      let record = read(id);
      if (!record) {
        record = commit({ v: RECORD_VERSION, id, trackingId, productId, state: 'pending', attempts: 0, created: Date.now(), storeOffer: { offers, trackingId, storeIds, raw }, receipt, retries: 0 });
      }
      if (isOpen(record)) consider(record);
      return toClaim(record);
    },

    claims: () => list().map(toClaim),

    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    retry(id) {
      const record = read(id);
      if (signal.aborted || (record?.state != 'failed' && record?.state != 'pending')) return;
      commit(reopen(record));
      schedule(id, 0, true);
    },

    resume,

    dispose() {
      listen('removeEventListener');
      peers.delete(notice);
      timers.forEach(clearTimeout);
      listeners.clear();
      submitter = null;
      aborter.abort();
    },
  };
}
