/**
 * The durable claim queue (SPEC.md Core API; STORE-API.md §1 POST): the public API over the
 * claims' storage (claim-storage.ts: records, keys, the lock) and their scheduler
 * (claim-scheduler.ts: what to send when, and the retry policy it follows).
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
 * **What is stored.** Per claim: the offer exactly as received (`storeOffer.raw` is POSTed back
 * verbatim), the product id, the receipt, state, attempts, last error, backoff time.
 * Never the token (the queue never sees it: the submitter holds it). Once claimed, the receipt
 * and the offer are dropped and only `{ id, trackingId, productId, state, attempts }` stays, so
 * enqueuing the same purchase again is recognised.
 */
import { StoreOffersError } from '../errors.js';
import { CLAIMS_RETRY, resolvePolicy, type RetryPolicy } from '../retry-policy.js';
import type { Claim, StoreOffer } from '../types.js';
import { claimId } from './claim-id.js';
import {
  isClaimRecord,
  isToSend,
  readRecord,
  RECORD_VERSION,
  reopen,
  toClaim,
  type ClaimRecord,
  type OpenRecord,
} from './claim-record.js';
import { CLAIM_EXPIRY_MS, createClaimScheduler, type ClaimSubmitter } from './claim-scheduler.js';
import { CLAIMED_MAX, openClaimStorage } from './claim-storage.js';

export type { ClaimSubmitter } from './claim-scheduler.js';

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
  retry?: RetryPolicy;
  /**
   * Web Locks for one sender per claim across tabs (default `navigator.locks`); `null`: none, only
   * the queues of this document keep out of each other's way.
   */
  locks?: LockManager | null;
  /**
   * Ms after its purchase when a claim the Store has not accepted ends `failed` with code
   * `claim-expired` (default 30 days): the queue never polls the Store forever.
   */
  expireAfter?: number;
  /**
   * The account claims belong to at start (see `setAccount`); default `undefined`: no accounts,
   * every claim is the current one's.
   */
  account?: string | null;
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
  /** The current account's known claims (this tab's and other tabs'), oldest first. */
  claims(): Claim[];
  /**
   * Calls `listener` on every state change of a claim of the current account, from this tab and
   * from other tabs; returns the unsubscribe.
   */
  subscribe(listener: (claim: Claim) => void): () => void;
  /**
   * Sets the current account (the host's opaque id; `null`: nobody signed in; `undefined`: no
   * accounts, every claim is current). New claims are stored with it; only its claims are sent,
   * listed and announced, and another account's claims wait untouched until it is current again.
   * Claims stored without an account (before accounts existed) are adopted by the first account
   * set. Read `claims()` again after a change: switching announces nothing.
   */
  setAccount(account: string | null | undefined): void;
  /**
   * Sends a `failed` (or backing-off `pending`) claim again now; does nothing once the Store
   * answered 404/410 to a claim in this page (`claims-unavailable`).
   */
  retry(id: string): void;
  /** Runs all pending work now, ignoring backoff waits. */
  resume(): void;
  /** Stops timers, listeners and POSTs in flight (an interrupted claim stays pending in storage). */
  dispose(): void;
}

/** The default storage namespace. */
const DEFAULT_KEY = 'store-offer-elements:claims';

/** The record of a new claim, or `undefined` when the input cannot make a readable one. */
function newRecord(storeOffer: StoreOffer | undefined, productId: string, receipt: string): OpenRecord | undefined {
  const { offers, trackingId, storeIds, raw = { offers, trackingId } } = storeOffer ?? ({} as StoreOffer);
  const id = claimId(trackingId, receipt);
  const record = {
    v: RECORD_VERSION,
    id,
    trackingId,
    productId,
    state: 'pending',
    attempts: 0,
    created: Date.now(),
    storeOffer: { offers, trackingId, storeIds, raw },
    receipt,
    retries: 0,
  } as const;
  // What could not be read back would be dropped on the next read: refused now instead.
  return isClaimRecord(record, id) ? record : undefined;
}

/** Creates a claim queue over durable storage. Nothing is sent before `connect(submitter)`. */
export function createClaimQueue(options: ClaimQueueOptions = {}): ClaimQueue {
  const { storage: area, key = DEFAULT_KEY, locks = globalThis.navigator?.locks, retry } = options;
  const { expireAfter = CLAIM_EXPIRY_MS } = options;
  const storage = openClaimStorage({ storage: area, key });
  /** The current account; `undefined`: accounts are not in use. */
  let account: string | null | undefined = options.account;
  const isCurrent = (record: ClaimRecord) => account === undefined || record.account === account;
  const listeners = new Set<(claim: Claim) => void>();
  /** What subscribers last saw of each claim, so each change is announced once. */
  const seen = new Map<string, string>();
  let disposed = false;

  function announce(record: ClaimRecord): void {
    if (!isCurrent(record)) return;
    const claim = toClaim(record);
    const signature = JSON.stringify(claim);
    if (seen.get(record.id) == signature) return;
    seen.set(record.id, signature);
    for (const listener of [...listeners]) {
      try {
        listener(claim);
      } catch (error) {
        // A broken listener must not stop the queue; report it like an uncaught error.
        reportError(error);
      }
    }
  }

  /** Writes a record, tells this document's other queues, and announces the change. */
  function commit<R extends ClaimRecord>(record: R): R {
    storage.write(record);
    announce(record);
    return record;
  }

  const policy = resolvePolicy(retry, CLAIMS_RETRY);
  const scheduler = createClaimScheduler({ storage, commit, locks, policy, isCurrent, expireAfter });

  /** Stamps the current account on a claim stored without one (see `setAccount`); returns the record. */
  function adopt(record: ClaimRecord): ClaimRecord {
    if (record.account !== undefined || typeof account != 'string') return record;
    return commit({ ...record, v: RECORD_VERSION, account });
  }

  /** A change made by another queue (another tab, or another queue of this document). */
  function onChange(id: string, text: string | null): void {
    const read = readRecord(id, text);
    const record = read ? adopt(read) : read;
    if (record) announce(record);
    else seen.delete(id);
    if (record && isToSend(record)) scheduler.schedule(record, true);
    else scheduler.cancel(id);
  }

  const resume = () => scheduler.sendAllNow();

  storage.prune(CLAIMED_MAX);
  // No listener yet: this only fills `seen`.
  storage.list().map(adopt).forEach(announce);
  const unwatch = storage.watch(onChange);
  globalThis.addEventListener?.('online', resume);

  return {
    connect(next) {
      if (!disposed) scheduler.connect(next);
    },

    enqueue(input) {
      const { storeOffer, productId, receipt } = input ?? {};
      if (!receipt || typeof receipt != 'string') {
        throw new StoreOffersError('claim-unavailable', 'No orderId or receipt.');
      }
      const fresh = newRecord(storeOffer, productId, receipt);
      if (!fresh) throw new StoreOffersError('invalid-config', 'No valid StoreOffer and product id.');
      const found = storage.stored(fresh.id);
      // `null`: a newer library version's record of this purchase, which is its own to send.
      if (found === null) return toClaim(fresh);
      if (found) {
        if (isToSend(found)) scheduler.schedule(found);
        return toClaim(found);
      }
      // Created after every claim known (the clock may have gone back): claims() and the status keep the newest last.
      const created = Math.max(fresh.created, ...storage.list().map((known) => known.created + 1));
      const owned: OpenRecord = { ...fresh, created };
      if (account !== undefined) owned.account = account;
      const record = commit(owned);
      scheduler.schedule(record);
      return toClaim(record);
    },

    claims: () => storage.list().filter(isCurrent).map(toClaim),

    setAccount(next) {
      if (disposed || next === account) return;
      account = next;
      storage.list().forEach(adopt);
      scheduler.reschedule();
    },

    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    retry(id) {
      const record = storage.read(id);
      // After a 404/410 a manual retry would only show the claim pending while nothing is sent.
      if (disposed || scheduler.isRetired() || !record || !isCurrent(record)) return;
      if (record.state != 'failed' && record.state != 'pending') return;
      commit(reopen(record));
      scheduler.sendNow(id);
    },

    resume,

    dispose() {
      disposed = true;
      unwatch();
      globalThis.removeEventListener?.('online', resume);
      listeners.clear();
      scheduler.dispose();
    },
  };
}
