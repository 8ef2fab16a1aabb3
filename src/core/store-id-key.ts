/**
 * Microsoft Store ID keys (STORE-API.md §4): JWTs the app asks the Store for
 * (`GetCustomerCollectionsIdAsync` / `GetCustomerPurchaseIdAsync`, through the host) and hands
 * to the publisher's own service. The client cannot check the signature (it lacks Microsoft's
 * keys), so decoding here is for expiry/renewal decisions and routing only, never for trust.
 */
import { StoreOffersError } from './errors.js';
import { functionHost } from './host/function-host.js';
import { hostError } from './host/host-results.js';
import { isRecord } from './is-record.js';
import type { StoreHost, StoreIdKeyRequest } from './types.js';

const CLAIM = 'http://schemas.microsoft.com/marketplace/2015/08/claims/key/';
/** The two kinds, each named in its audience `https://<kind>.mp.microsoft.com/v6.0/keys`. */
const KINDS = ['collections', 'purchase'] as const;
/** The text claims (`…/claims/key/<name>`) and, from `iat`, `nbf`, `exp`, the times. */
const TEXTS = ['clientId', 'payload', 'refreshUri', 'userId'] as const;
const TIMES = [
  ['issuedAt', 'iat'],
  ['notBefore', 'nbf'],
  ['expiresAt', 'exp'],
] as const;
const DAY_MS = 864e5;

/** The JSON in one base64url part of a JWT; throws on bad base64, UTF-8 or JSON. */
function decodePart(part: string): unknown {
  const binary = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
  return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
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
  let header: unknown;
  let claims: unknown;
  let cause: unknown;
  try {
    [header, claims] = jwt.split('.', 2).map(decodePart);
  } catch (error) {
    cause = error;
  }
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
  for (const [name, claim] of TIMES) {
    const value = claims[claim];
    // A number beyond what a Date holds (exp 1e300) is no time either: never "valid forever".
    const date = (info[name] = new Date(typeof value == 'number' ? value * 1000 : NaN));
    if (isNaN(+date)) throw invalid(`${claim} missing or not a time`);
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
  const { now = new Date(), renewWithinDays = 7 } = options;
  const { notBefore, expiresAt } = decodeStoreIdKey(jwt);
  const left = +expiresAt - +now;
  return now < notBefore ? 'not-yet-valid' : left <= 0 ? 'expired' : left <= renewWithinDays * DAY_MS ? 'renew' : 'valid';
}

/**
 * Per host, per kind + publisherUserId: the cached key and the host request in flight. In memory
 * only (keys identify the user).
 */
const slots = new WeakMap<object, Record<string, { key?: string; asked?: Promise<string> }>>();

/**
 * Returns a Store ID key for `request`: the one cached in memory for this host, kind and
 * `publisherUserId` while it is `valid`, otherwise a new one from `host.getStoreIdKey`
 * (also when the cached one is due for renewal, expired or not yet valid). When renewing a key
 * that is still valid fails (or gives a key expired or not yet valid), the cached key is
 * returned rather than the error. Simultaneous
 * calls share one host request. The host's answer must be a Store ID key of the requested kind
 * (and for the requested user, when the key names one), else `invalid-store-id-key`; host
 * failures are `host-error` (as from `functionHost`). A host without `getStoreIdKey` →
 * `host-unavailable`.
 */
export async function getStoreIdKey(
  host: Pick<StoreHost, 'getStoreIdKey'>,
  request: StoreIdKeyRequest,
  options: { now?: Date } = {},
): Promise<string> {
  // No host at all (detectHost() on a page without one) is a missing host, not a TypeError.
  if (!host) throw hostError('host-unavailable', 'is missing');
  const { kind, publisherUserId: user } = request;
  const byHost = slots.get(host) ?? {};
  slots.set(host, byHost);
  // The kind and a newline first, so no slot name is an Object.prototype key.
  const slot = (byHost[`${kind}\n${user ?? ''}`] ??= {});
  const { key } = slot;
  const state = key && storeIdKeyState(key, options);
  if (state == 'valid') return key!;

  // functionHost: a host without getStoreIdKey rejects with host-unavailable, a failing one with host-error.
  const asked = (slot.asked ??= functionHost(host)
    .getStoreIdKey!(request)
    .then((answer) => {
      // A key that names no user is taken for the requested one.
      const { kind: keyKind, userId = user } = decodeStoreIdKey(answer);
      if (keyKind != kind) throw invalid(`the host gave a ${keyKind} key for ${kind}`);
      if (user !== undefined && userId != user) throw invalid('the host gave a key for another publisherUserId');
      // Renewing must not swap the still-usable key for one that is not.
      if (state == 'renew' && /^[en]/.test(storeIdKeyState(answer, options))) throw invalid('the host gave a key that is not valid now');
      return (slot.key = answer);
    })
    .finally(() => (slot.asked = undefined)));
  return state == 'renew' ? asked.catch(() => key!) : asked;
}

function invalid(reason: string, cause?: unknown): StoreOffersError {
  return new StoreOffersError('invalid-store-id-key', `Bad Store ID key: ${reason}`, { cause });
}
