/**
 * The stored form of a claim and its tolerant reader. Storage is shared with other tabs, other
 * versions of the library and anything else on the origin, so every record is checked field by
 * field when read; a record that fails is reported as unreadable (never thrown).
 */
import { isRecord } from '../is-record.js';
import { ClaimState, type Claim, type StoreOffer } from '../types.js';

/** The format version written in every record (2: one `due` time and a flat `owner` for the lease and the backoff wait). */
export const RECORD_VERSION = 2;

interface RecordBase {
  v: typeof RECORD_VERSION;
  id: string;
  trackingId: string;
  productId: string;
  attempts: number;
  error?: { code: string; message: string };
  /** Epoch ms of the first enqueue: orders the claims. */
  created: number;
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
   * Epoch ms. `pending`: the end of the backoff wait (`Retry-After`). `submitting`: the end of
   * `owner`'s lease (the lock fallback), after which another queue may take the claim over.
   */
  due?: number;
  /** The queue sending a `submitting` claim. */
  owner?: string;
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
const optional = (value: unknown, check: (value: Record<string, unknown>) => unknown) => value === undefined || check(value as Record<string, unknown>);

/**
 * Parses and checks one stored record; `id` is the id its storage key names. `undefined`: not
 * JSON, wrong shape or types, safe to drop; `null`: written by a newer library version, left alone.
 */
export function readRecord(id: string, text: string | null): ClaimRecord | null | undefined {
  let r: unknown;
  try {
    r = JSON.parse(text!);
  } catch {
    return;
  }
  if (!isRecord(r)) return;
  if ((r.v as number) > RECORD_VERSION && typeof r.v == 'number') return null;
  const offer = r.storeOffer;
  return r.v === RECORD_VERSION &&
    r.id === id &&
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
        optional(r.owner, isText) &&
        isRecord(offer) &&
        offer.trackingId === r.trackingId &&
        Array.isArray(offer.offers) &&
        offer.offers.every(isText) &&
        'raw' in offer &&
        optional(offer.storeIds, isRecord))
    ? (r as unknown as ClaimRecord)
    : undefined;
}

/** The public view of a record (never the receipt, never the offer). */
export function toClaim(record: ClaimRecord): Claim {
  const { id, trackingId, productId, state, attempts, error } = record;
  const claim: Claim = { id, trackingId, productId, state, attempts };
  if (error) claim.error = { ...error };
  return claim;
}
