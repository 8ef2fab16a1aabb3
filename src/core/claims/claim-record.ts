/**
 * The stored form of a claim and its tolerant reader. Storage is shared with other tabs, other
 * versions of the library and anything else on the origin, so every record is checked field by
 * field when read; a record that fails is reported as unreadable (never thrown). `enqueue` runs a
 * new record through the same check, so nothing is written that could not be read back.
 */
import { toAccount } from '../host/host-results.js';
import { isRecord } from '../is-record.js';
import { ClaimState, type Claim, type StoreOffer } from '../types.js';

/**
 * The format version written in every record (2: one `due` time for the backoff wait; 3: the
 * `account` the claim belongs to). Releases that read only version 2 leave version 3 records
 * alone, so an old page still open in another tab never sends another account's claim.
 */
export const RECORD_VERSION = 3;
/** The versions this release reads: a version 2 record has no `account` (see `account` below). */
const READABLE_VERSIONS: unknown[] = [2, RECORD_VERSION];

interface RecordBase {
  v: 2 | typeof RECORD_VERSION;
  id: string;
  trackingId: string;
  productId: string;
  attempts: number;
  error?: { code: string; message: string };
  /** Epoch ms of the first enqueue: orders the claims (and ages a claim never accepted out). */
  created: number;
  /**
   * The account that bought it (the host's opaque id), `null` when bought with nobody signed in.
   * Absent: written before accounts existed (version 2), or by a queue that has no account; such a
   * claim is adopted by the first account the queue is given (docs/reliability.md).
   */
  account?: string | null;
}

/** A claim still to be sent (or being sent, or failed): holds what the POST needs. */
export interface OpenRecord extends RecordBase {
  state: 'pending' | 'submitting' | 'failed';
  /** The offer as the offers client normalised it; `raw` is POSTed back verbatim. */
  storeOffer: StoreOffer;
  receipt: string;
  /** Automatic retries in a row (for `retry.limit`); reset by a manual retry or a new submitter. */
  retries: number;
  /**
   * Epoch ms: the end of a `pending` claim's backoff wait (`Retry-After`). Records of earlier
   * releases may hold a lease end here on `submitting` claims (another queue waits for it, 30 s at
   * most) and an `owner` (ignored).
   */
  due?: number;
}

/** A claimed claim: only what recognises the purchase again (no receipt, no offer). */
export interface ClaimedRecord extends RecordBase {
  state: 'claimed';
  /** Epoch ms of the claim's success: ages the record out. */
  claimedAt: number;
}

/** A stored claim. */
export type ClaimRecord = OpenRecord | ClaimedRecord;

const STATES: unknown[] = Object.values(ClaimState);
const isText = (value: unknown): value is string => typeof value == 'string';
const isTime = (value: unknown) => Number.isFinite(value);
const isCount = (value: unknown) => Number.isInteger(value) && (value as number) >= 0;
const optional = (value: unknown, check: (value: Record<string, unknown>) => unknown) =>
  value === undefined || check(value as Record<string, unknown>);

/** Whether the claim is still to be sent: `pending`, or `submitting` (a POST in flight, or cut off). */
export function isToSend(record: ClaimRecord): record is OpenRecord {
  return record.state == 'pending' || record.state == 'submitting';
}

/** A claim made pending again (by hand, or by a new token): fresh retry count, no wait, no error. */
export function reopen(record: OpenRecord): OpenRecord {
  const { error: _error, due: _due, ...rest } = record;
  return { ...rest, state: 'pending', retries: 0 };
}

/** Whether `r` is a well-formed current record of the claim `id`. */
export function isClaimRecord(r: unknown, id: string): r is ClaimRecord {
  const offer = isRecord(r) && r.storeOffer;
  return !!(
    isRecord(r) &&
    READABLE_VERSIONS.includes(r.v) &&
    r.id === id &&
    (r.account === undefined || toAccount(r.account) !== undefined) &&
    isText(r.trackingId) &&
    isText(r.productId) &&
    STATES.includes(r.state) &&
    isCount(r.attempts) &&
    isTime(r.created) &&
    optional(r.error, (error) => isRecord(error) && isText(error.code) && isText(error.message)) &&
    (r.state == 'claimed'
      ? isTime(r.claimedAt)
      : r.receipt &&
        isText(r.receipt) &&
        isCount(r.retries) &&
        optional(r.due, isTime) &&
        isRecord(offer) &&
        offer.trackingId === r.trackingId &&
        Array.isArray(offer.offers) &&
        offer.offers.every(isText) &&
        'raw' in offer &&
        optional(offer.storeIds, isRecord))
  );
}

/**
 * Parses and checks one stored record; `id` is the id its storage key names. `undefined`: not
 * JSON, wrong shape or types, safe to drop; `null`: written by a newer library version, left alone.
 */
export function readRecord(id: string, text?: string | null): ClaimRecord | null | undefined {
  try {
    // `null` (the JSON, or no item) throws at `r.v`, no text at the parse: unreadable.
    const r = JSON.parse(text!);
    if (isClaimRecord(r, id)) return r;
    const newer = typeof r.v == 'number' && r.v > RECORD_VERSION;
    return newer ? null : undefined;
  } catch {
    return undefined;
  }
}

/** The public view of a record (never the receipt, never the offer). */
export function toClaim(record: ClaimRecord): Claim {
  const { id, trackingId, productId, state, attempts, error } = record;
  const claim: Claim = { id, trackingId, productId, state, attempts };
  if (error) claim.error = { ...error };
  return claim;
}
