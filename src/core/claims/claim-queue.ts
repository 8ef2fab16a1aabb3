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
 * by a closed tab is free again. Without Web Locks (`locks: null`, old WebViews) a lease in the
 * record (owner id + expiry, refreshed every 10 s while the POST runs, void after 30 s) does the
 * job: exact between queues of one document, best effort between tabs (storage has no
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
 * throw.
 */
import { backoffDelay, type BackoffOptions } from '../backoff.js';
import { ErrorCode, isRetryable, isStoreOffersError, StoreOffersError } from '../errors.js';
import type { Claim, StoreOffer } from '../types.js';
import { claimId } from './claim-id.js';
import { CLAIM_RECORD_VERSION, claimSignature, toClaim, type ClaimRecord, type OpenClaimRecord } from './claim-record.js';
import { createClaimStore, defaultStorageArea, type ClaimStore, type StorageArea } from './claim-store.js';

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

const DEFAULT_KEY = 'store-offer-elements:claims';
const DEFAULT_RETRY = { baseDelay: 2_000, maxDelay: 5 * 60_000 };
const LEASE_MS = 30_000;
const HEARTBEAT_MS = 10_000;
/** Failures a new submitter (a new token) can fix: retried by `connect`. */
const TOKEN_CODES: readonly string[] = [ErrorCode.Unauthorized, ErrorCode.NoToken];

/** Live queues of this document: `storage` events never reach the document that wrote. */
const peers = new Set<DurableClaimQueue>();

/** Creates a claim queue over durable storage. Nothing is sent before `connect(submitter)`. */
export function createClaimQueue(options: ClaimQueueOptions = {}): ClaimQueue {
  return new DurableClaimQueue(options);
}

class DurableClaimQueue implements ClaimQueue {
  private readonly area: StorageArea;
  private readonly key: string;
  private readonly store: ClaimStore;
  private readonly locks: LockManager | null;
  private readonly backoff: BackoffOptions;
  private readonly limit: number;
  private readonly owner = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  private readonly aborter = new AbortController();
  private readonly listeners = new Set<(claim: Claim) => void>();
  /** The last signature seen per claim, so each change is announced once. */
  private readonly seen = new Map<string, string>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly running = new Set<string>();
  private submitter: ClaimSubmitter | null = null;
  private disposed = false;

  constructor(options: ClaimQueueOptions) {
    this.area = options.storage ?? defaultStorageArea();
    this.key = options.key ?? DEFAULT_KEY;
    this.store = createClaimStore(this.area, this.key);
    const locks = options.locks === undefined ? globalThis.navigator?.locks : options.locks;
    this.locks = typeof locks?.request === 'function' ? locks : null;
    const { limit = Infinity, ...backoff } = options.retry ?? {};
    this.backoff = { ...DEFAULT_RETRY, ...backoff };
    this.limit = limit;
    this.store.prune(Date.now());
    for (const record of this.store.list()) this.seen.set(record.id, claimSignature(record));
    globalThis.addEventListener?.('online', this.onOnline);
    globalThis.addEventListener?.('storage', this.onStorage);
    peers.add(this);
  }

  connect(submitter: ClaimSubmitter | null): void {
    if (this.disposed) return;
    this.submitter = submitter;
    if (!submitter) return;
    for (const record of this.store.list()) {
      if (record.state === 'failed' && TOKEN_CODES.includes(record.error?.code ?? '')) {
        this.commit(reopen(record));
      }
    }
    this.plan(false);
  }

  enqueue(input: { storeOffer: StoreOffer; productId: string; receipt: string }): Claim {
    const { storeOffer, productId, receipt } = input ?? {};
    if (typeof receipt !== 'string' || receipt === '') {
      throw new StoreOffersError('claim-unavailable', 'A claim needs the orderId or receipt of the purchase.');
    }
    if (typeof storeOffer?.trackingId !== 'string' || !Array.isArray(storeOffer.offers) || typeof productId !== 'string') {
      throw new StoreOffersError('invalid-config', 'A claim needs the StoreOffer and the product id it was bought from.');
    }
    const id = claimId(storeOffer.trackingId, receipt);
    const existing = this.store.read(id);
    if (existing) {
      if (existing.state === 'pending' || existing.state === 'submitting') this.consider(existing, false);
      return toClaim(existing);
    }
    const now = Date.now();
    const { offers, trackingId, storeIds, raw } = storeOffer;
    const record: OpenClaimRecord = {
      v: CLAIM_RECORD_VERSION,
      id,
      trackingId,
      productId,
      state: 'pending',
      attempts: 0,
      createdAt: now,
      updatedAt: now,
      storeOffer: { offers, trackingId, ...(storeIds ? { storeIds } : {}), raw: raw === undefined ? { offers, trackingId } : raw },
      receipt,
      retries: 0,
    };
    this.commit(record);
    this.consider(record, false);
    return toClaim(record);
  }

  claims(): Claim[] {
    return this.store.list().map(toClaim);
  }

  subscribe(listener: (claim: Claim) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  retry(id: string): void {
    const record = this.store.read(id);
    if (this.disposed || !record || (record.state !== 'failed' && record.state !== 'pending')) return;
    this.commit(reopen(record));
    this.schedule(id, 0, true);
  }

  resume(): void {
    this.plan(true);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    peers.delete(this);
    globalThis.removeEventListener?.('online', this.onOnline);
    globalThis.removeEventListener?.('storage', this.onStorage);
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.listeners.clear();
    this.aborter.abort();
  }

  private readonly onOnline = () => this.resume();

  private readonly onStorage = (event: StorageEvent) => {
    if (event.storageArea !== this.area) return;
    const id = this.store.idOf(event.key);
    if (id) this.observe(id, this.store.parse(id, event.newValue));
  };

  /** A change made by another queue (another tab, or a peer in this document). */
  private observe(id: string, record: ClaimRecord | undefined) {
    if (this.disposed) return;
    if (!record) {
      this.seen.delete(id);
      this.cancel(id);
      return;
    }
    this.announce(record);
    if (record.state === 'pending' || record.state === 'submitting') this.consider(record, true);
    else this.cancel(id);
  }

  /** Schedules every open claim; `force` ignores backoff waits. */
  private plan(force: boolean) {
    for (const record of this.store.list()) {
      if (record.state === 'pending' || record.state === 'submitting') {
        if (force) this.schedule(record.id, 0, true);
        else this.consider(record, false);
      }
    }
  }

  /**
   * Schedules one open claim. Claims another queue wrote (`theirs`) get a grace period, so the
   * queue that wrote them normally sends them and this one only steps in when it went away.
   */
  private consider(record: ClaimRecord, theirs: boolean) {
    if (!this.submitter || this.disposed) return;
    const now = Date.now();
    let at = now;
    if (record.state === 'pending') at = Math.max(now, record.nextAt ?? 0) + (theirs ? HEARTBEAT_MS : 0);
    else if (record.state === 'submitting' && record.lease && record.lease.owner !== this.owner) {
      // With Web Locks the lock tells whether that queue is still sending: look again after a
      // heartbeat (a closed tab's claim is taken over within seconds, not after its 30 s lease).
      at = theirs ? (this.locks ? now + HEARTBEAT_MS : record.lease.until) : now;
    }
    this.schedule(record.id, at - now, false);
  }

  private schedule(id: string, delay: number, force: boolean) {
    this.cancel(id);
    if (this.disposed) return;
    this.timers.set(
      id,
      setTimeout(() => {
        this.timers.delete(id);
        void this.run(id, force);
      }, Math.max(0, delay)),
    );
  }

  private cancel(id: string) {
    clearTimeout(this.timers.get(id));
    this.timers.delete(id);
  }

  /** Sends one claim if it is due and nobody else is sending it. Never rejects. */
  private async run(id: string, force: boolean) {
    if (this.disposed || !this.submitter || this.running.has(id)) return;
    this.running.add(id);
    try {
      if (!this.locks) return await this.attempt(id, force, false);
      let entered = false;
      try {
        await this.locks.request(`${this.key}:${id}`, { ifAvailable: true }, async (lock) => {
          entered = true;
          if (lock) await this.attempt(id, force, true);
          // Someone else holds it: look again later in case that tab goes away mid-backoff.
          else this.schedule(id, HEARTBEAT_MS, false);
        });
      } catch {
        // Web Locks refused (e.g. an opaque origin): fall back to the lease.
        if (!entered) await this.attempt(id, force, false);
      }
    } finally {
      this.running.delete(id);
    }
  }

  private async attempt(id: string, force: boolean, locked: boolean) {
    const submitter = this.submitter;
    const found = this.store.read(id);
    if (!submitter || this.disposed || !found || found.state === 'claimed' || found.state === 'failed') return;
    const now = Date.now();
    if (found.state === 'pending' && !force && (found.nextAt ?? 0) > now) {
      return this.schedule(id, found.nextAt! - now, false);
    }
    const lease = found.state === 'submitting' ? found.lease : undefined;
    if (!locked && lease && lease.owner !== this.owner && lease.until > now) {
      return this.schedule(id, lease.until - now, false);
    }

    const sending = this.commit(withoutWait({ ...found, state: 'submitting', attempts: found.attempts + 1, updatedAt: now, lease: this.lease() }));
    const heartbeat = setInterval(() => this.renewLease(id), HEARTBEAT_MS);
    let failure: unknown;
    let sent = false;
    try {
      await submitter.claim(sending.storeOffer, sending.receipt, { signal: this.aborter.signal });
      sent = true;
    } catch (error) {
      failure = error;
    } finally {
      clearInterval(heartbeat);
    }

    const latest = this.store.read(id) ?? sending;
    if (latest.state === 'claimed') return;
    if (sent) return this.finish(latest);
    // Our lease lapsed and another queue is sending it now: its outcome will decide.
    if (latest.state === 'submitting' && latest.lease?.owner !== this.owner) return;
    this.settle(latest, failure);
  }

  private finish(record: OpenClaimRecord) {
    const { v, id, trackingId, productId, attempts, createdAt } = record;
    this.commit({ v, id, trackingId, productId, state: 'claimed', attempts, createdAt, updatedAt: Date.now() });
    this.store.prune(Date.now());
  }

  private settle(record: OpenClaimRecord, failure: unknown) {
    const now = Date.now();
    const open = withoutWait({ ...record, updatedAt: now });
    delete open.lease;
    if (this.aborter.signal.aborted) {
      // Disposed mid-POST: leave it pending for the next page or another tab.
      this.commit({ ...open, state: 'pending' });
      return;
    }
    const error = isStoreOffersError(failure)
      ? { code: failure.code, message: failure.message }
      : { code: 'network', message: 'The claim could not be sent.' };
    const retryable = isStoreOffersError(failure) ? isRetryable(failure) : true;
    const retries = record.retries + 1;
    if (!retryable || retries > this.limit) {
      this.commit({ ...open, state: 'failed', error, retries });
      return;
    }
    const retryAfter = isStoreOffersError(failure) ? failure.retryAfter : undefined;
    const delay = backoffDelay(retries, this.backoff, retryAfter);
    this.commit({ ...open, state: 'pending', error, retries, nextAt: now + delay });
    this.schedule(record.id, delay, false);
  }

  private lease() {
    return { owner: this.owner, until: Date.now() + LEASE_MS };
  }

  private renewLease(id: string) {
    const record = this.store.read(id);
    if (record?.state === 'submitting' && record.lease?.owner === this.owner) this.commit({ ...record, lease: this.lease() });
  }

  /** Writes a record, tells this document's peers, and announces the change. */
  private commit<R extends ClaimRecord>(record: R): R {
    this.store.write(record);
    for (const peer of peers) {
      if (peer !== this && peer.area === this.area && peer.key === this.key) peer.observe(record.id, record);
    }
    this.announce(record);
    return record;
  }

  private announce(record: ClaimRecord) {
    const signature = claimSignature(record);
    if (this.seen.get(record.id) === signature) return;
    this.seen.set(record.id, signature);
    const claim = toClaim(record);
    for (const listener of [...this.listeners]) {
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
}

/** A claim made pending again by hand (or by a new token): fresh retry count, no wait, no error. */
function reopen(record: OpenClaimRecord): OpenClaimRecord {
  const open = withoutWait({ ...record, state: 'pending', retries: 0, updatedAt: Date.now() });
  delete open.error;
  delete open.lease;
  return open;
}

function withoutWait(record: OpenClaimRecord): OpenClaimRecord {
  const copy = { ...record };
  delete copy.nextAt;
  return copy;
}
