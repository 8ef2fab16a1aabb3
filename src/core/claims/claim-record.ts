/**
 * The stored form of a claim and its tolerant reader. Storage is shared with other tabs, other
 * versions of the library and anything else on the origin, so every record is checked field by
 * field when read; a record that fails is reported as unreadable (never thrown).
 */
import { ClaimState, type Claim, type StoreOffer } from '../types.js';

/** The format version written in every record. */
export const CLAIM_RECORD_VERSION = 1;

/** Who is posting a claim, until when (the lock fallback; refreshed while the POST runs). */
export interface ClaimLease {
  owner: string;
  /** Epoch ms; after this the lease is void and another queue may take the claim over. */
  until: number;
}

interface RecordBase {
  v: typeof CLAIM_RECORD_VERSION;
  id: string;
  trackingId: string;
  productId: string;
  attempts: number;
  error?: { code: string; message: string };
  /** Epoch ms of the first enqueue: orders the claims. */
  createdAt: number;
  /** Epoch ms of the last change: ages claimed records out. */
  updatedAt: number;
}

/** A claim still to be sent (or being sent, or failed): holds what the POST needs. */
export interface OpenClaimRecord extends RecordBase {
  state: 'pending' | 'submitting' | 'failed';
  /** The offer as the offers client normalised it; `raw` is POSTed back verbatim. */
  storeOffer: StoreOffer;
  receipt: string;
  /** Automatic retries in a row (for `retry.limit`); reset by a manual retry or a new submitter. */
  retries: number;
  /** Epoch ms before which a `pending` claim waits (backoff, `Retry-After`). */
  nextAt?: number;
  lease?: ClaimLease;
}

/** A claimed claim: only what recognises the purchase again (no receipt, no offer). */
export interface ClaimedClaimRecord extends RecordBase {
  state: 'claimed';
}

/** A stored claim. */
export type ClaimRecord = OpenClaimRecord | ClaimedClaimRecord;

/** What {@link readClaimRecord} found. */
export type ClaimRecordReading =
  | { kind: 'record'; record: ClaimRecord }
  /** Written by a newer library version: left alone, not used. */
  | { kind: 'foreign' }
  /** Not JSON, wrong shape or types: safe to drop. */
  | { kind: 'unreadable' };

const STATES: readonly unknown[] = Object.values(ClaimState);

/** Parses and checks one stored record; `id` is the id its storage key names. */
export function readClaimRecord(id: string, text: string | null): ClaimRecordReading {
  let value: unknown;
  try {
    value = text === null ? undefined : JSON.parse(text);
  } catch {
    return { kind: 'unreadable' };
  }
  if (!isObject(value)) return { kind: 'unreadable' };
  if (typeof value.v === 'number' && value.v > CLAIM_RECORD_VERSION) return { kind: 'foreign' };
  const record = value as unknown as ClaimRecord;
  return isClaimRecord(id, value) ? { kind: 'record', record } : { kind: 'unreadable' };
}

/** The public view of a record (never the receipt, never the offer). */
export function toClaim(record: ClaimRecord): Claim {
  const { id, trackingId, productId, state, attempts, error } = record;
  return error ? { id, trackingId, productId, state, attempts, error: { ...error } } : { id, trackingId, productId, state, attempts };
}

/** What subscribers see of a record: equal signatures mean no visible change. */
export function claimSignature(record: ClaimRecord): string {
  return JSON.stringify([record.state, record.attempts, record.error?.code, record.error?.message]);
}

function isClaimRecord(id: string, r: Record<string, unknown>): boolean {
  const base =
    r.v === CLAIM_RECORD_VERSION &&
    r.id === id &&
    typeof r.trackingId === 'string' &&
    typeof r.productId === 'string' &&
    STATES.includes(r.state) &&
    isCount(r.attempts) &&
    isTime(r.createdAt) &&
    isTime(r.updatedAt) &&
    (r.error === undefined || (isObject(r.error) && typeof r.error.code === 'string' && typeof r.error.message === 'string'));
  if (!base || r.state === ClaimState.Claimed) return base;
  return (
    typeof r.receipt === 'string' &&
    r.receipt !== '' &&
    isStoreOffer(r.storeOffer) &&
    r.storeOffer.trackingId === r.trackingId &&
    isCount(r.retries) &&
    (r.nextAt === undefined || isTime(r.nextAt)) &&
    (r.lease === undefined || (isObject(r.lease) && typeof r.lease.owner === 'string' && isTime(r.lease.until)))
  );
}

function isStoreOffer(value: unknown): value is StoreOffer {
  return (
    isObject(value) &&
    typeof value.trackingId === 'string' &&
    Array.isArray(value.offers) &&
    value.offers.every((offer) => typeof offer === 'string') &&
    'raw' in value &&
    (value.storeIds === undefined || isObject(value.storeIds))
  );
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
