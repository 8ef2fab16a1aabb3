/**
 * Microsoft Store ID keys (STORE-API.md §4): JWTs the app asks the Store for
 * (`GetCustomerCollectionsIdAsync` / `GetCustomerPurchaseIdAsync`, through the host) and hands
 * to the publisher's own service. The client cannot check the signature (it lacks Microsoft's
 * keys), so decoding here is for expiry/renewal decisions and routing only, never for trust.
 */
import { jwtDecode } from 'jwt-decode';
import { StoreOffersError } from './errors.js';
import { functionHost } from './host/function-host.js';
import { hostError } from './host/host-results.js';
import { isRecord } from './is-record.js';
import type { StoreHost, StoreIdKeyRequest } from './types.js';

/** The prefix of the Store's own claims (`…/claims/key/<name>`). */
const CLAIM = 'http://schemas.microsoft.com/marketplace/2015/08/claims/key/';
/** The two kinds, each named in its audience `https://<kind>.mp.microsoft.com/v6.0/keys`. */
const KINDS = ['collections', 'purchase'] as const;
/** The text claims (`…/claims/key/<name>`). */
const TEXTS = ['clientId', 'payload', 'refreshUri', 'userId'] as const;
/** The times, each from its epoch-seconds claim. */
const TIMES = [
  { name: 'issuedAt', claim: 'iat' },
  { name: 'notBefore', claim: 'nbf' },
  { name: 'expiresAt', claim: 'exp' },
] as const;
const SECOND_MS = 1000;
const DAY_MS = 24 * 60 * 60 * SECOND_MS;
/** How many days before `exp` a key is due for renewal by default. */
const RENEW_WITHIN_DAYS = 7;

/**
 * Whether a base64url JWT part holds UTF-8. jwt-decode reads a part that is not UTF-8 as Latin-1
 * instead of failing (a lone 0xFF byte becomes "ÿ"); a Store ID key's claims are UTF-8 JSON, so
 * such a key is not the Store's, and reading it would hand out wrong names. Called only on a part
 * jwt-decode has already decoded, so the base64 itself is sound.
 */
function isUtf8Part(part: string): boolean {
  try {
    decodeURIComponent(escape(atob(part.replace(/-/g, '+').replace(/_/g, '/'))));
    return true;
  } catch {
    return false;
  }
}

/** The header and the claims of a JWT, decoded by jwt-decode; both `undefined` when it cannot read them. */
function decodeParts(jwt: string): { header: unknown; claims: unknown; cause?: unknown } {
  try {
    const header = jwtDecode<unknown>(jwt, { header: true });
    const claims = jwtDecode<unknown>(jwt);
    const [headerPart = '', claimsPart = ''] = jwt.split('.');
    if (!isUtf8Part(headerPart) || !isUtf8Part(claimsPart)) return { header: undefined, claims: undefined };
    return { header, claims };
  } catch (error) {
    return { header: undefined, claims: undefined, cause: error };
  }
}

/** The readable claims of a Store ID key. */
export interface StoreIdKeyInfo {
  /** From `aud`: a key for the collections API or for the purchase API. */
  kind: 'collections' | 'purchase';
  /** `…/claims/key/clientId`. */
  clientId: string;
  /** `…/claims/key/userId`: the `publisherUserId` the key was made for, when one was given. */
  userId?: string;
  /** `…/claims/key/payload`: opaque to everyone but the Store. */
  payload: string;
  /** `…/claims/key/refreshUri`: where the publisher's service renews the key. */
  refreshUri: string;
  /** `iat`. */
  issuedAt: Date;
  /** `nbf`. */
  notBefore: Date;
  /** `exp` (30 days after issue; older docs said 90). */
  expiresAt: Date;
}

/**
 * Reads the claims of a Store ID key. Anything that is not a JWT with the documented claims
 * (not three parts, bad base64, non-JSON, missing or mistyped claims, an `aud` other than the
 * two key audiences, an `iss` that differs from `aud`) throws a `StoreOffersError` with code
 * `invalid-store-id-key`. The signature is not (and cannot be) verified.
 */
export function decodeStoreIdKey(jwt: string): StoreIdKeyInfo {
  // A string first: test() would call a hostile object's toString.
  if (typeof jwt != 'string' || !/^[^.]+\.[^.]+\.[^.]+$/.test(jwt)) throw invalid('not a three-part JWT');
  const { header, claims, cause } = decodeParts(jwt);
  if (!isRecord(header) || !isRecord(claims)) throw invalid('header or payload is not a base64url JSON object', cause);

  const { aud, iss } = claims;
  const kind = KINDS.find((kind) => aud === `https://${kind}.mp.microsoft.com/v6.0/keys`);
  if (!kind) throw invalid('unknown audience');
  if (iss !== undefined && iss !== aud) throw invalid('issuer differs from audience');
  const info = { kind } as StoreIdKeyInfo;
  for (const name of TEXTS) {
    const value = claims[CLAIM + name];
    // userId is optional (and kept as given when present).
    if (name == 'userId' && value === undefined) continue;
    if (typeof value != 'string' || !(value || name == 'userId')) throw invalid(`${name} missing or not a string`);
    info[name] = value;
  }
  for (const { name, claim } of TIMES) {
    const value = claims[claim];
    // A number beyond what a Date holds (exp 1e300) is no time either: never "valid forever".
    const date = new Date(typeof value == 'number' ? value * SECOND_MS : NaN);
    if (Number.isNaN(date.getTime())) throw invalid(`${claim} missing or not a time`);
    info[name] = date;
  }
  return info;
}

/** Where a Store ID key stands in its lifetime. */
export type StoreIdKeyState = 'valid' | 'renew' | 'expired' | 'not-yet-valid';

/** Options of {@link storeIdKeyState}. */
export interface StoreIdKeyStateOptions {
  /** The moment to judge at (default: now). */
  now?: Date;
  /** A key that expires within this many days is due for renewal (default 7). */
  renewWithinDays?: number;
}

/**
 * `not-yet-valid` before `nbf`; `expired` from `exp` on; `renew` while still valid but within
 * `renewWithinDays` of `exp` (keys are renewable only while valid, so renew early); else `valid`.
 * Throws `invalid-store-id-key` for anything {@link decodeStoreIdKey} rejects.
 */
export function storeIdKeyState(jwt: string, options: StoreIdKeyStateOptions = {}): StoreIdKeyState {
  const { now = new Date(), renewWithinDays = RENEW_WITHIN_DAYS } = options;
  const { notBefore, expiresAt } = decodeStoreIdKey(jwt);
  const left = expiresAt.getTime() - now.getTime();
  if (now < notBefore) return 'not-yet-valid';
  if (left <= 0) return 'expired';
  if (left <= renewWithinDays * DAY_MS) return 'renew';
  return 'valid';
}

/** What is kept per host and per kind + publisherUserId: the cached key and the host request in flight. */
interface KeySlot {
  key?: string;
  asked?: Promise<string>;
  /** Whether the `userId` mismatch was reported for this slot (it is, once). */
  warned?: boolean;
}

/** Options of {@link getStoreIdKey}. */
export interface GetStoreIdKeyOptions {
  /** The time keys are judged at (default now). */
  now?: Date;
  /**
   * Called once per host, kind and `publisherUserId` when the host's key names another `userId`
   * than the `publisherUserId` asked for: the key is accepted (devices disagree on what the value
   * is: seed 001's example looks like a hash, the Store sample passes an e-mail), and this
   * warning has code `store-id-key-user-mismatch` (its message quotes neither value).
   * `<store-offers>` dispatches it as `store-offers-error`. Nothing is logged.
   */
  onWarning?(warning: StoreOffersError): void;
}

/** The slots of each host. In memory only (keys identify the user). */
const slots = new WeakMap<object, Map<string, KeySlot>>();

function slotFor(host: object, { kind, publisherUserId }: StoreIdKeyRequest): KeySlot {
  let byHost = slots.get(host);
  if (!byHost) {
    byHost = new Map();
    slots.set(host, byHost);
  }
  const name = `${kind}\n${publisherUserId ?? ''}`;
  let slot = byHost.get(name);
  if (!slot) {
    slot = {};
    byHost.set(name, slot);
  }
  return slot;
}

/**
 * Checks the host's answer: a Store ID key of the requested kind, for the requested user when the
 * key names one (a key that names no user is taken for the requested one). When `renewing`, the
 * new key must be usable now: renewing must not swap a still-valid key for one that is not.
 */
function checkAnswer(answer: string, request: StoreIdKeyRequest, renewing: boolean, now?: Date): { mismatch: boolean } {
  const { kind, publisherUserId: user } = request;
  const { kind: keyKind, userId = user } = decodeStoreIdKey(answer);
  if (keyKind != kind) throw invalid(`the host gave a ${keyKind} key for ${kind}`);
  const state = storeIdKeyState(answer, { now });
  const usable = state == 'valid' || state == 'renew';
  if (renewing && !usable) throw invalid('the host gave a key that is not valid now');
  return { mismatch: user !== undefined && userId != user };
}

/**
 * Returns a Store ID key for `request`: the one cached in memory for this host, kind and
 * `publisherUserId` while it is `valid`, otherwise a new one from `host.getStoreIdKey`
 * (also when the cached one is due for renewal, expired or not yet valid). When renewing a key
 * that is still valid fails (or gives a key expired or not yet valid), the cached key is
 * returned rather than the error. Simultaneous calls share one host request. The host's answer
 * must be a Store ID key of the requested kind, else `invalid-store-id-key`; a key naming another
 * `userId` than the `publisherUserId` asked for is accepted and reported once (`onWarning`). Host
 * failures are `host-error` (as from `functionHost`); a host without `getStoreIdKey` →
 * `host-unavailable`.
 */
export async function getStoreIdKey(
  host: Pick<StoreHost, 'getStoreIdKey'>,
  request: StoreIdKeyRequest,
  options: GetStoreIdKeyOptions = {},
): Promise<string> {
  // No host at all (detectHost() on a page without one) is a missing host, not a TypeError.
  if (!host) throw hostError('host-unavailable', 'is missing');
  const slot = slotFor(host, request);
  const cached = slot.key;
  const state = cached === undefined ? undefined : storeIdKeyState(cached, options);
  if (cached !== undefined && state == 'valid') return cached;

  if (!slot.asked) {
    // functionHost: a host without getStoreIdKey rejects with host-unavailable, a failing one with host-error.
    const asked = functionHost(host)
      .getStoreIdKey!(request)
      .then((answer) => {
        const { mismatch } = checkAnswer(answer, request, state == 'renew', options.now);
        slot.key = answer;
        if (mismatch && !slot.warned) {
          slot.warned = true;
          warn(options, 'the host gave a key whose userId differs from the publisherUserId asked for (accepted)');
        }
        return answer;
      });
    // `finally` runs after this assignment even when the host fails at once.
    slot.asked = asked.finally(() => {
      slot.asked = undefined;
    });
  }
  if (cached !== undefined && state == 'renew') return slot.asked.catch(() => cached);
  return slot.asked;
}

/** Hands `onWarning` a `store-id-key-user-mismatch` warning; a throwing callback is reported, not passed on. */
function warn(options: GetStoreIdKeyOptions, reason: string): void {
  try {
    options.onWarning?.(new StoreOffersError('store-id-key-user-mismatch', `Store ID key: ${reason}`));
  } catch (error) {
    reportError(error);
  }
}

/** The error for anything that is not a readable Store ID key; `reason` never quotes the key. */
function invalid(reason: string, cause?: unknown): StoreOffersError {
  return new StoreOffersError('invalid-store-id-key', `Bad Store ID key: ${reason}`, { cause });
}
