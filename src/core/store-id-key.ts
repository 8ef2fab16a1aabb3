/**
 * Microsoft Store ID keys (STORE-API.md §4): JWTs the app asks the Store for
 * (`GetCustomerCollectionsIdAsync` / `GetCustomerPurchaseIdAsync`, through the host) and hands
 * to the publisher's own service. The client cannot check the signature (it lacks Microsoft's
 * keys), so decoding here is for expiry/renewal decisions and routing only, never for trust.
 */
import { jwtDecode } from 'jwt-decode';
import { StoreOffersError } from './errors.js';
import { functionHost } from './host/function-host.js';
import { hostUnavailable } from './host/host-results.js';
import { isRecord } from './is-record.js';
import type { StoreHost, StoreIdKeyRequest } from './types.js';

const CLAIM = 'http://schemas.microsoft.com/marketplace/2015/08/claims/key/';
const AUDIENCES = new Map<unknown, StoreIdKeyInfo['kind']>([
  ['https://collections.mp.microsoft.com/v6.0/keys', 'collections'],
  ['https://purchase.mp.microsoft.com/v6.0/keys', 'purchase'],
]);
const DAY_MS = 864e5;

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
  const parts = typeof jwt == 'string' ? jwt.split('.') : [];
  if (parts.length != 3 || parts.includes('')) throw invalid('not a three-part JWT');
  let header: unknown;
  let claims: unknown;
  try {
    header = jwtDecode(jwt, { header: true });
    claims = jwtDecode(jwt);
  } catch (cause) {
    throw invalid('header or payload is not base64url JSON', cause);
  }
  if (!isRecord(header) || !isRecord(claims)) throw invalid('header or payload is not a JSON object');

  const { aud, iss } = claims;
  const kind = AUDIENCES.get(aud);
  if (!kind) throw invalid('unknown audience');
  if (iss !== undefined && iss !== aud) throw invalid('issuer differs from audience');
  const userId = claims[`${CLAIM}userId`];
  if (userId !== undefined && typeof userId != 'string') throw invalid('userId is not a string');

  const text = (name: string) => {
    const value = claims[`${CLAIM}${name}`];
    if (typeof value != 'string' || !value) throw invalid(`${name} missing or not a string`);
    return value;
  };
  const time = (name: string) => {
    const value = claims[name];
    // A number beyond what a Date holds (exp 1e300) is no time either: never "valid forever".
    const date = new Date(typeof value == 'number' ? value * 1000 : NaN);
    if (isNaN(+date)) throw invalid(`${name} missing or not a time`);
    return date;
  };
  const info: StoreIdKeyInfo = {
    kind,
    clientId: text('clientId'),
    payload: text('payload'),
    refreshUri: text('refreshUri'),
    issuedAt: time('iat'),
    notBefore: time('nbf'),
    expiresAt: time('exp'),
  };
  if (userId !== undefined) info.userId = userId;
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
 * that is still valid fails, the cached key is returned rather than the error. Simultaneous
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
  if (typeof host?.getStoreIdKey != 'function') throw hostUnavailable('getStoreIdKey');
  const byHost = slots.get(host) ?? {};
  slots.set(host, byHost);
  // The kind and a newline first, so no slot name is an Object.prototype key.
  const slot = (byHost[`${request.kind}\n${request.publisherUserId ?? ''}`] ??= {});
  const { key } = slot;
  const state = key && storeIdKeyState(key, options);
  if (state == 'valid') return key!;

  const asked = (slot.asked ??= functionHost(host)
    .getStoreIdKey!(request)
    .then((answer) => {
      const info = decodeStoreIdKey(answer);
      if (info.kind != request.kind) throw invalid(`the host returned a ${info.kind} key for a ${request.kind} request`);
      const user = request.publisherUserId;
      if (user !== undefined && info.userId !== undefined && info.userId != user) {
        throw invalid('the host returned a key for another publisherUserId');
      }
      return answer;
    }));
  try {
    return (slot.key = await asked);
  } catch (error) {
    if (state == 'renew') return key!;
    throw error;
  } finally {
    if (slot.asked == asked) slot.asked = undefined;
  }
}

function invalid(reason: string, cause?: unknown): StoreOffersError {
  return new StoreOffersError('invalid-store-id-key', `Bad Store ID key: ${reason}`, { cause });
}
