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
 * (honouring `Retry-After`), 5xx and a host that did not answer `getToken` in time are retried
 * with capped exponential backoff, by default without limit: a claim must not be lost, and the
 * cap (5 minutes) keeps the load low. No wait is longer than the cap, also after the clock went
 * back. `unauthorized` (the client already refreshed the token once), `no-token` and a host that
 * failed to give a token (`host-error`, `host-unavailable`) → `failed`, retried by themselves when
 * `connect()` brings a new submitter (a new token, the next page). Any other rejection (400, 403,
 * 404, `bad-response`…) → `failed` until `retry(id)`.
 *
 * **A `submitting` claim found at start** (the page died mid-POST) is sent again. A POST whose
 * answer was lost cannot be told apart from one the Store never received; the Store keys a
 * claim by the same receipt, so sending it twice is the least bad outcome next to losing it.
 * The same holds when the connection drops after the Store processed the POST: the Store
 * receives the claim twice, and no more (the second answer ends it).
 *
 * **One sender per claim.** Before POSTing, a queue takes the Web Lock `<key>:<id>`
 * (`ifAvailable`, so it never waits); a lock dies with its tab, so a claim left `submitting`
 * by a closed tab is free again. Queues of one document also never send the same claim at once
 * (a set of the claims in flight), which is all there is without Web Locks (`locks: null`, an
 * insecure context) or when they are refused (an opaque origin, where storage is off too). The
 * legacy bundle gives EdgeHTML 18 a `navigator.locks` that keeps a lease in `localStorage`
 * (src/legacy/shims.ts), so the modern bundle carries no fallback.
 *
 * **What is stored.** Per claim: the offer exactly as received (`storeOffer.raw` is POSTed back
 * verbatim), the product id, the receipt, state, attempts, last error, backoff time.
 * Never the token (the queue never sees it: the submitter holds it). Once claimed, the receipt
 * and the offer are dropped and only `{ id, trackingId, productId, state, attempts }` stays, so
 * enqueuing the same purchase again is recognised. Claimed records are kept for a year and at
 * most 200 of them (the most recent); a purchase enqueued again after its record aged out is
 * claimed again, which the Store's receipt keying absorbs. Open claims are never aged out.
 * Unreadable records are dropped, the readable ones kept; nothing in storage can make the queue
 * throw. One key per claim (`<key>:<id>`, not one JSON blob for all) means two tabs writing
 * different claims never overwrite each other, and a `storage` event names exactly the claim that
 * changed. A write storage refuses (quota, privacy mode) first makes room by dropping the claimed
 * records, then is kept in the document's memory, where it wins over storage; without
 * `localStorage` (sandboxed frames, storage disabled) every record lives there: claims still go
 * out (also from a queue made after the one that took them was disposed), they just do not
 * survive a reload.
 *
 * **Why a closure.** Property names survive minification, local names do not: the queue is one
 * function whose state and steps are local, and only the public methods are properties.
 */
import { backoffDelay, type RetryPolicy as BackoffOptions } from '../retry-policy.js';
import { isRetryable, isStoreOffersError, StoreOffersError, type ErrorCode } from '../errors.js';
import type { Claim, StoreOffer } from '../types.js';
import { claimId } from './claim-id.js';
import { isClaimRecord, readRecord, RECORD_VERSION, toClaim, type ClaimRecord, type OpenRecord } from './claim-record.js';

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
  /**
   * Web Locks for one sender per claim across tabs (default `navigator.locks`); `null`: none, only
   * the queues of this document keep out of each other's way.
   */
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

/** How long another queue's claim is left to it before this one asks for its lock again. */
const HEARTBEAT_MS = 10_000;
/** Claimed records are kept for a year, and at most 200 of them (the most recently claimed). */
const CLAIMED_RETENTION_MS = 365 * 24 * 3600_000;
const CLAIMED_MAX = 200;
/** Failures a new submitter (a new token, a host that answers again) can fix: retried by `connect`. */
const TOKEN_CODES: unknown[] = ['unauthorized', 'no-token', 'host-error', 'host-unavailable'] satisfies ErrorCode[];

/**
 * The `storage` listeners of this document's live queues: `storage` events never reach the
 * document that wrote, so each queue hands its writes to the others in the same shape.
 */
const peers = new Set<(event: StorageEvent) => void>();
/** The claims (`<key>:<id>`) some queue of this document is sending. */
const sending = new Set<string>();
/**
 * The records storage refused to take, by `<key>:<id>`: kept for the whole document, so a queue
 * made after another was disposed (a provider torn down and put up again) still sends them.
 */
const unsaved = new Map<string, ClaimRecord>();
/** The storage without `localStorage`: every access throws, so every record lives in `unsaved`. */
const NO_STORAGE = {} as Storage;

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
function reopen({ error: _error, due: _due, ...record }: OpenRecord): OpenRecord {
  return { ...record, state: 'pending', retries: 0 };
}

/** Creates a claim queue over durable storage. Nothing is sent before `connect(submitter)`. */
export function createClaimQueue(options: ClaimQueueOptions = {}): ClaimQueue {
  const {
    storage: area = safely(() => localStorage) ?? NO_STORAGE,
    key = 'store-offer-elements:claims',
    locks = globalThis.navigator?.locks,
    retry: { limit = Infinity, ...backoff } = {},
  } = options;
  const prefix = key + ':';
  const delays = { baseDelay: 2_000, maxDelay: 300_000, ...backoff };
  const aborter = new AbortController();
  const signal = aborter.signal;
  const listeners = new Set<(claim: Claim) => void>();
  /** What subscribers last saw of each claim, so each change is announced once. */
  const seen = new Map<string, string>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** `null` before `connect` and after `dispose`. */
  let submitter: ClaimSubmitter | null = null;

  /**
   * The wait left before `due`. No wait is ever longer than `maxDelay`: a `due` further away was
   * written under a clock that has gone back since, and is due now (setTimeout would also
   * overflow past 2^31 ms and fire at once, again and again).
   */
  const waitFor = (due = 0) => {
    const wait = due - Date.now();
    return wait > delays.maxDelay ? 0 : Math.max(0, wait);
  };

  const idOf = (storageKey: string | null | undefined) => {
    const id = storageKey?.slice(prefix.length);
    return storageKey?.startsWith(prefix) && /^[\da-f]{16}$/.test(id!) ? id : undefined;
  };

  const drop = (id: string) => safely(() => area.removeItem(prefix + id));

  /** The record of `id` as stored: `undefined` when unreadable, `null` when a newer version's (see `readRecord`). */
  const stored = (id: string) => unsaved.get(prefix + id) ?? readRecord(id, safely(() => area.getItem(prefix + id)));

  /** The readable record of `id`; an unreadable one is removed. */
  function read(id: string): ClaimRecord | undefined {
    const record = stored(id);
    if (record === undefined) drop(id);
    return record ?? undefined;
  }

  /** Every readable record, oldest first. */
  function list(): ClaimRecord[] {
    const names: (string | null | undefined)[] = [...unsaved.keys()];
    for (let i = safely(() => area.length) ?? 0; i-- > 0; ) names.push(safely(() => area.key(i)));
    return [...new Set(names.map(idOf).filter((id) => id !== undefined))]
      .map(read)
      .filter((record) => record !== undefined)
      .sort((a, b) => a.created - b.created || (a.id < b.id ? -1 : 1));
  }

  const save = (record: ClaimRecord) => safely(() => (area.setItem(prefix + record.id, JSON.stringify(record)), unsaved.delete(prefix + record.id), 1));

  /** Drops from storage the claimed records beyond the `keep` most recent or older than the retention (a record kept in memory stays). */
  function prune(keep: number) {
    const now = Date.now();
    list()
      .filter((record) => record.state == 'claimed')
      .sort((a, b) => b.claimedAt - a.claimedAt)
      .forEach((record, index) => {
        if (index >= keep || now - record.claimedAt > CLAIMED_RETENTION_MS) drop(record.id);
      });
  }

  /** Writes a record, tells this document's peers, and announces the change. */
  function commit<R extends ClaimRecord>(record: R): R {
    if (!save(record)) {
      // Storage is full: the dedupe memory of finished claims goes before an open claim does.
      if (record.state != 'claimed') prune(0);
      if (!save(record)) unsaved.set(prefix + record.id, record);
    }
    for (const peer of peers) if (peer != onStorage) peer({ storageArea: area, key: prefix + record.id, newValue: JSON.stringify(record) } as StorageEvent);
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
        reportError(error);
      }
    }
  }

  /** A change made by another queue (another tab, or a peer in this document). */
  function onStorage(event: StorageEvent) {
    const id = event.storageArea == area ? idOf(event.key) : undefined;
    if (!id) return;
    const record = readRecord(id, event.newValue);
    if (record) announce(record);
    else seen.delete(id);
    if (record && isOpen(record)) consider(record, true);
    else cancel(id);
  }

  /** Schedules every open claim, ignoring backoff waits when `force`d; otherwise (`connect`) first reopens the claims a new token can fix. */
  function plan(force?: unknown) {
    for (let record of list()) {
      if (!force && record.state == 'failed' && TOKEN_CODES.includes(record.error?.code)) record = commit(reopen(record));
      if (isOpen(record)) force ? schedule(record.id, 0, true) : consider(record);
    }
  }

  const resume = () => plan(true);

  /** Resumes when the page comes back online; hears other tabs' writes. */
  function listen(method: 'addEventListener' | 'removeEventListener') {
    globalThis[method]?.('online', resume);
    globalThis[method]?.('storage', onStorage as EventListener);
  }

  /**
   * Schedules one open claim when its backoff wait ends. Claims another queue wrote (`theirs`)
   * get a heartbeat's grace, so the queue that wrote them normally sends them and this one only
   * steps in (its lock free) when that queue went away.
   */
  function consider(record: OpenRecord, theirs?: boolean) {
    if (submitter) schedule(record.id, waitFor(record.due) + (theirs ? HEARTBEAT_MS : 0));
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
    const name = prefix + id;
    if (!submitter) return;
    // Another queue of this document (or this one) is sending it: look again later.
    if (sending.has(name)) return schedule(id, HEARTBEAT_MS);
    sending.add(name);
    let entered;
    try {
      await locks!.request(name, { ifAvailable: true }, (lock) => {
        entered = 1;
        // Held by another tab: look again later in case it goes away mid-backoff.
        return lock ? attempt(id, force) : schedule(id, HEARTBEAT_MS);
      });
    } catch {
      // No Web Locks, or refused: this document's own exclusion is all there is.
      if (!entered) await attempt(id, force);
    }
    sending.delete(name);
  }

  async function attempt(id: string, force?: boolean) {
    const sender = submitter;
    const found = read(id);
    if (!sender || !found || !isOpen(found)) return;
    // `due` on a submitting claim is a lease end written by an earlier release: not a wait.
    const { due = 0, ...open } = found;
    const wait = waitFor(due);
    if (found.state == 'pending' && !force && wait > 0) return schedule(id, wait);

    const posting = commit({ ...open, state: 'submitting', attempts: found.attempts + 1 });
    let failure: StoreOffersError | undefined;
    try {
      await sender.claim(posting.storeOffer, posting.receipt, { signal });
    } catch (error) {
      failure = isStoreOffersError(error) ? error : new StoreOffersError('network', 'The claim was not sent.');
    }

    const latest = read(id) ?? posting;
    if (latest.state == 'claimed') return;
    const { v, trackingId, productId, attempts, created } = latest;
    if (!failure) {
      commit({ v, id, trackingId, productId, state: 'claimed', attempts, created, claimedAt: Date.now() });
      return prune(CLAIMED_MAX);
    }
    // Disposed mid-POST: leave it pending for the next page or another tab.
    if (signal.aborted) return commit({ ...latest, state: 'pending' });
    const retries = latest.retries + 1;
    const delay = backoffDelay(retries, delays, failure.retryAfter);
    // A host that did not answer getToken in time (the only source of `host-timeout` here) is as passing as a network error.
    const final = !(isRetryable(failure) || failure.code == 'host-timeout') || retries > limit;
    // A failed claim waits for no one (the backoff time is for retries only).
    commit({ ...latest, state: final ? 'failed' : 'pending', error: { code: failure.code, message: failure.message }, retries, due: final ? undefined : Date.now() + delay });
    if (!final) schedule(id, delay);
  }

  prune(CLAIMED_MAX);
  // No listener yet: this only fills `seen`.
  list().forEach(announce);
  listen('addEventListener');
  peers.add(onStorage);

  return {
    connect(next) {
      if (signal.aborted) return;
      submitter = next;
      if (next) plan();
    },

    enqueue(input) {
      const { storeOffer, productId, receipt } = input ?? {};
      if (!receipt || typeof receipt != 'string') throw new StoreOffersError('claim-unavailable', 'No orderId or receipt.');
      const { offers, trackingId, storeIds, raw = { offers, trackingId } } = storeOffer ?? ({} as StoreOffer);
      const id = claimId(trackingId, receipt);
      const fresh = { v: RECORD_VERSION, id, trackingId, productId, state: 'pending', attempts: 0, created: Date.now(), storeOffer: { offers, trackingId, storeIds, raw }, receipt, retries: 0 } as const;
      // What could not be read back would be dropped on the next read: refused now instead.
      if (!isClaimRecord(fresh, id)) throw new StoreOffersError('invalid-config', 'No valid StoreOffer and product id.');
      const found = stored(id);
      // `null`: a newer library version's record of this purchase, which is its own to send.
      if (found === null) return toClaim(fresh);
      // Created after every claim known (the clock may have gone back): claims() and the status keep the newest last.
      const record = found ?? commit({ ...fresh, created: Math.max(fresh.created, ...list().map((known) => known.created + 1)) });
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
      peers.delete(onStorage);
      timers.forEach(clearTimeout);
      listeners.clear();
      submitter = null;
      aborter.abort();
    },
  };
}
