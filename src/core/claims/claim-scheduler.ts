/**
 * What to send when: one timer per open claim, the attempt itself (under the claim's lock), and
 * what a claim becomes after an answer, following {@link CLAIMS_RETRY} (src/core/retry-policy.ts,
 * beside the offers GET's policy).
 *
 * **Lifecycle.** `pending → submitting → claimed | failed`. Network errors, timeouts, 408, 429
 * (honouring `Retry-After`), 5xx and a host that did not answer `getToken` in time are retried
 * with capped exponential backoff, by default without limit: a claim must not be lost, and the
 * cap (5 minutes) keeps the load low. No wait is longer than the cap, also after the clock went
 * back. `unauthorized` (the client already refreshed the token once), `no-token` and a host that
 * failed to give a token (`host-error`, `host-unavailable`) → `failed`, retried by themselves when
 * a new submitter connects (a new token, the next page). Any other rejection (400, 403, 404,
 * `bad-response`…) → `failed` until retried by hand.
 *
 * **A `submitting` claim found at start** (the page died mid-POST) is sent again. A POST whose
 * answer was lost cannot be told apart from one the Store never received; the Store keys a
 * claim by the same receipt, so sending it twice is the least bad outcome next to losing it.
 */
import { isStoreOffersError, StoreOffersError, type ErrorCode } from '../errors.js';
import { backoffDelay, isRetryableClaimFailure, type ResolvedRetryPolicy } from '../retry-policy.js';
import type { StoreOffer } from '../types.js';
import {
  isToSend,
  RECORD_VERSION,
  reopen,
  type ClaimedRecord,
  type ClaimRecord,
  type OpenRecord,
} from './claim-record.js';
import { CLAIMED_MAX, withClaimLock, type ClaimStorage } from './claim-storage.js';

/** Sends one claim to the Store (the offers client's `claim` fits). */
export interface ClaimSubmitter {
  /** POSTs `{ storeOffer: storeOffer.raw, receipt }`; rejects with a `StoreOffersError`. */
  claim(storeOffer: StoreOffer, receipt: string, options?: { signal?: AbortSignal }): Promise<void>;
}

/** A day, in ms. */
const DAY_MS = 24 * 60 * 60 * 1000;
/** How long a claim may go unaccepted before it ends `failed` with `claim-expired` (SPEC: 30 days). */
export const CLAIM_EXPIRY_MS = 30 * DAY_MS;
/** The claim endpoint's answers that mean the Store no longer takes claims: Not Found, Gone. */
const RETIRED_STATUSES = [404, 410];

/**
 * The claim storages (`<key>:`) whose endpoint answered 404 or 410 in this document: nothing more
 * is sent from this page (the next page tries once again; its open claims wait, never lost).
 */
const retiredNamespaces = new Set<string>();

/** How long another queue's claim is left to it before this one asks for its lock again. */
const HEARTBEAT_MS = 10_000;
/** Failures a new submitter (a new token, a host that answers again) can fix: retried on connect. */
const TOKEN_CODES: readonly string[] = [
  'unauthorized',
  'no-token',
  'host-error',
  'host-unavailable',
] satisfies ErrorCode[];

/** What the scheduler works with. */
export interface ClaimSchedulerOptions {
  storage: ClaimStorage;
  /** Writes a record and announces the change (the queue's `commit`); returns the record. */
  commit<R extends ClaimRecord>(record: R): R;
  /** The claims' retry policy, `limit` included. */
  policy: ResolvedRetryPolicy;
  /** Web Locks, or `null` for none (see `withClaimLock`). */
  locks: LockManager | null | undefined;
  /** Whether the claim belongs to the current account (only those are sent). */
  isCurrent(record: ClaimRecord): boolean;
  /** Ms after its creation when a claim not accepted yet ends `failed` (`claim-expired`). */
  expireAfter: number;
}

/** Decides when each open claim is sent, and sends it. */
export interface ClaimScheduler {
  /** Sets who posts claims (`null`: nobody; nothing is sent). A new submitter reopens what a token can fix. */
  connect(submitter: ClaimSubmitter | null): void;
  /**
   * Schedules an open claim for when its backoff wait ends. A claim another queue wrote
   * (`writtenElsewhere`) gets a heartbeat's grace, so the queue that wrote it normally sends it
   * and this one only steps in (its lock free) when that queue went away.
   */
  schedule(record: OpenRecord, writtenElsewhere?: boolean): void;
  /** Sends the claim now, ignoring its backoff wait. */
  sendNow(id: string): void;
  /** Sends every open claim now, ignoring backoff waits. */
  sendAllNow(): void;
  /** Forgets the claim's timer (it was claimed or removed elsewhere). */
  cancel(id: string): void;
  /** Forgets every timer and schedules the current account's open claims (the account changed). */
  reschedule(): void;
  /** Whether the Store retired the claim endpoint (404/410) in this page: nothing is sent. */
  isRetired(): boolean;
  /** Stops every timer and aborts the POSTs in flight (an interrupted claim stays pending). */
  dispose(): void;
}

/** Whether the claim has waited longer than `expireAfter` since it was made. */
function isExpired(record: OpenRecord, expireAfter: number): boolean {
  return Date.now() - record.created > expireAfter;
}

/** The claim ended because it went unaccepted too long. */
function expired(record: OpenRecord, expireAfter: number): OpenRecord {
  const days = Math.round(expireAfter / DAY_MS);
  const message = `The Store did not accept the claim within ${days} days; it is no longer retried.`;
  return { ...record, state: 'failed', error: { code: 'claim-expired', message }, due: undefined };
}

/**
 * What a claim becomes after a failed attempt: pending again after a backoff wait, or failed for
 * good (a permanent failure, `retry.limit` reached, 404/410 → `claims-unavailable`, or older
 * than `expireAfter` → `claim-expired`).
 */
function afterFailure(record: OpenRecord, failure: StoreOffersError, options: ClaimSchedulerOptions): OpenRecord {
  const { policy, expireAfter } = options;
  const retries = record.retries + 1;
  if (failure.status !== undefined && RETIRED_STATUSES.includes(failure.status)) {
    const message = `The Store no longer takes claims (HTTP ${failure.status}); none is sent from this page.`;
    return { ...record, state: 'failed', error: { code: 'claims-unavailable', message }, retries, due: undefined };
  }
  const error = { code: failure.code, message: failure.message };
  const retryable = isRetryableClaimFailure(failure);
  if (retryable && isExpired(record, expireAfter)) return expired({ ...record, retries }, expireAfter);
  const final = !retryable || retries > policy.limit;
  // A failed claim waits for no one (the backoff time is for retries only).
  if (final) return { ...record, state: 'failed', error, retries, due: undefined };
  const due = Date.now() + backoffDelay(retries, policy, failure.retryAfter);
  return { ...record, state: 'pending', error, retries, due };
}

/** Creates the scheduler of one claim queue. */
export function createClaimScheduler(options: ClaimSchedulerOptions): ClaimScheduler {
  const { storage, commit, policy, locks, isCurrent, expireAfter } = options;
  const namespace = storage.keyOf('');
  const aborter = new AbortController();
  const { signal } = aborter;
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** `null` before `connect` and after `dispose`. */
  let submitter: ClaimSubmitter | null = null;

  /**
   * The wait left before `due`. No wait is ever longer than `maxDelay`: a `due` further away was
   * written under a clock that has gone back since, and is due now (setTimeout would also
   * overflow past 2^31 ms and fire at once, again and again).
   */
  function waitFor(due = 0): number {
    const wait = due - Date.now();
    return wait > policy.maxDelay ? 0 : Math.max(0, wait);
  }

  function cancel(id: string): void {
    clearTimeout(timers.get(id));
    timers.delete(id);
  }

  function startTimer(id: string, delay: number, ignoreBackoff: boolean): void {
    cancel(id);
    if (signal.aborted) return;
    const timer = setTimeout(() => {
      timers.delete(id);
      void run(id, ignoreBackoff);
    }, delay);
    timers.set(id, timer);
  }

  function schedule(record: OpenRecord, writtenElsewhere = false): void {
    if (!submitter || !isCurrent(record)) return;
    const grace = writtenElsewhere ? HEARTBEAT_MS : 0;
    startTimer(record.id, waitFor(record.due) + grace, false);
  }

  /** Sends one claim if it is due and nobody else is sending it; else looks again later. Never rejects. */
  async function run(id: string, ignoreBackoff: boolean): Promise<void> {
    if (!submitter) return;
    const ran = await withClaimLock(storage.keyOf(id), locks, () => attempt(id, ignoreBackoff));
    // Another queue (of this document, or another tab) is sending it: it may go away mid-backoff.
    if (!ran) startTimer(id, HEARTBEAT_MS, false);
  }

  /** One POST of one claim, and what the claim becomes after it. */
  async function attempt(id: string, ignoreBackoff: boolean): Promise<void> {
    const sender = submitter;
    const found = storage.read(id);
    if (!sender || !found || !isToSend(found) || !isCurrent(found)) return;
    // The Store retired the claim endpoint (404/410) earlier in this page: the claim waits.
    if (retiredNamespaces.has(namespace)) return;
    if (!ignoreBackoff && found.state == 'pending' && isExpired(found, expireAfter)) {
      commit(expired(found, expireAfter));
      return;
    }
    // `due` on a submitting claim is a lease end written by an earlier release: not a wait.
    const { due, ...open } = found;
    const wait = waitFor(due);
    if (found.state == 'pending' && !ignoreBackoff && wait > 0) {
      startTimer(id, wait, false);
      return;
    }

    const posting = commit<OpenRecord>({ ...open, state: 'submitting', attempts: found.attempts + 1 });
    let failure: StoreOffersError | undefined;
    try {
      await sender.claim(posting.storeOffer, posting.receipt, { signal });
    } catch (error) {
      failure = isStoreOffersError(error) ? error : new StoreOffersError('network', 'The claim was not sent.');
    }

    const latest = storage.read(id) ?? posting;
    // Claimed meanwhile by another queue: nothing left to do.
    if (latest.state == 'claimed') return;
    if (!failure) {
      const { trackingId, productId, attempts, created, account } = latest;
      const claimed: ClaimedRecord = {
        v: RECORD_VERSION,
        id,
        trackingId,
        productId,
        state: 'claimed',
        attempts,
        created,
        claimedAt: Date.now(),
      };
      if (account !== undefined) claimed.account = account;
      commit(claimed);
      storage.prune(CLAIMED_MAX);
      return;
    }
    // Disposed mid-POST: leave it pending for the next page or another tab.
    if (signal.aborted) {
      commit({ ...latest, state: 'pending' });
      return;
    }
    const next = commit(afterFailure(latest, failure, options));
    if (next.error?.code == 'claims-unavailable') retiredNamespaces.add(namespace);
    if (next.state == 'pending') startTimer(id, waitFor(next.due), false);
  }

  return {
    connect(next) {
      if (signal.aborted) return;
      submitter = next;
      if (!next) return;
      for (const record of storage.list()) {
        const fixable = record.state == 'failed' && TOKEN_CODES.includes(record.error?.code ?? '');
        if (!isCurrent(record)) continue;
        const current = fixable ? commit(reopen(record)) : record;
        if (isToSend(current)) schedule(current);
      }
    },

    schedule,

    sendNow: (id) => startTimer(id, 0, true),

    sendAllNow() {
      for (const record of storage.list()) if (isToSend(record) && isCurrent(record)) startTimer(record.id, 0, true);
    },

    cancel,

    isRetired: () => retiredNamespaces.has(namespace),

    reschedule() {
      timers.forEach(clearTimeout);
      timers.clear();
      for (const record of storage.list()) if (isToSend(record)) schedule(record);
    },

    dispose() {
      timers.forEach(clearTimeout);
      timers.clear();
      submitter = null;
      aborter.abort();
    },
  };
}
