/**
 * Microsoft Store ID keys (STORE-API.md §4): JWTs the app asks the Store for
 * (`GetCustomerCollectionsIdAsync` / `GetCustomerPurchaseIdAsync`, through the host) and hands
 * to the publisher's own service. The client cannot check the signature (it lacks Microsoft's
 * keys), so decoding here is for expiry/renewal decisions and routing only, never for trust.
 */
import { jwtDecode } from 'jwt-decode';
import { StoreOffersError } from './errors.js';
import type { StoreHost, StoreIdKeyRequest } from './types.js';

const CLAIM = 'http://schemas.microsoft.com/marketplace/2015/08/claims/key/';
const AUDIENCES = new Map<unknown, StoreIdKeyInfo['kind']>([
  ['https://collections.mp.microsoft.com/v6.0/keys', 'collections'],
  ['https://purchase.mp.microsoft.com/v6.0/keys', 'purchase'],
]);
const DAY_MS = 24 * 60 * 60 * 1000;

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
  const parts = typeof jwt === 'string' ? jwt.split('.') : [];
  if (parts.length !== 3 || parts.some((part) => part === '')) throw invalid('it is not a three-part JWT');
  let header: unknown;
  let claims: unknown;
  try {
    header = jwtDecode(jwt, { header: true });
    claims = jwtDecode(jwt);
  } catch (cause) {
    throw invalid('its header or payload is not base64url JSON', cause);
  }
  if (!isRecord(header) || !isRecord(claims)) throw invalid('its header or payload is not a JSON object');

  const aud = claims.aud;
  const kind = AUDIENCES.get(aud);
  if (!kind) throw invalid('its audience is not a Store ID key audience');
  if (claims.iss !== undefined && claims.iss !== aud) throw invalid('its issuer differs from its audience');

  const userId = claims[`${CLAIM}userId`];
  if (userId !== undefined && typeof userId !== 'string') throw invalid('its userId claim is not a string');
  return {
    kind,
    clientId: text(claims, 'clientId'),
    ...(userId === undefined ? {} : { userId }),
    payload: text(claims, 'payload'),
    refreshUri: text(claims, 'refreshUri'),
    issuedAt: time(claims, 'iat'),
    notBefore: time(claims, 'nbf'),
    expiresAt: time(claims, 'exp'),
  };
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
  const info = decodeStoreIdKey(jwt);
  const at = now.getTime();
  if (at < info.notBefore.getTime()) return 'not-yet-valid';
  if (at >= info.expiresAt.getTime()) return 'expired';
  if (info.expiresAt.getTime() - at <= renewWithinDays * DAY_MS) return 'renew';
  return 'valid';
}

/** Keys per host, then per kind + publisherUserId; in memory only (keys identify the user). */
const cache = new WeakMap<object, Map<string, string>>();
/** Requests in flight per host, so simultaneous callers share one host call. */
const inFlight = new WeakMap<object, Map<string, Promise<string>>>();

/**
 * Returns a Store ID key for `request`: the one cached in memory for this host, kind and
 * `publisherUserId` while it is `valid`, otherwise a new one from `host.getStoreIdKey`
 * (also when the cached one is due for renewal, expired or not yet valid). When renewing a key
 * that is still valid fails, the cached key is returned rather than the error. Simultaneous
 * calls share one host request. The host's answer must be a Store ID key of the requested kind
 * (and for the requested user, when the key names one), else `invalid-store-id-key`.
 * A host without `getStoreIdKey` → `host-unavailable`.
 */
export async function getStoreIdKey(
  host: Pick<StoreHost, 'getStoreIdKey'>,
  request: StoreIdKeyRequest,
  options: { now?: Date } = {},
): Promise<string> {
  if (typeof host?.getStoreIdKey !== 'function') {
    throw new StoreOffersError('host-unavailable', 'The host cannot create Store ID keys (no getStoreIdKey).');
  }
  const slot = `${request.kind}\u0000${request.publisherUserId ?? ''}`;
  const keys = mapFor(cache, host);
  const cached = keys.get(slot);
  const state = cached === undefined ? undefined : storeIdKeyState(cached, options);
  if (cached !== undefined && state === 'valid') return cached;

  const pending = mapFor(inFlight, host);
  let asked = pending.get(slot);
  if (!asked) {
    asked = askHost(host.getStoreIdKey.bind(host), request);
    pending.set(slot, asked);
  }
  try {
    const key = await asked;
    keys.set(slot, key);
    return key;
  } catch (error) {
    if (cached !== undefined && state === 'renew') return cached;
    throw error;
  } finally {
    if (pending.get(slot) === asked) pending.delete(slot);
  }
}

async function askHost(ask: NonNullable<StoreHost['getStoreIdKey']>, request: StoreIdKeyRequest): Promise<string> {
  let key: unknown;
  try {
    key = await ask(request);
  } catch (cause) {
    if (cause instanceof StoreOffersError) throw cause;
    throw new StoreOffersError('host-error', 'The host failed to create a Store ID key.', { cause });
  }
  if (typeof key !== 'string') throw new StoreOffersError('host-error', 'The host answered getStoreIdKey without a key.');
  const info = decodeStoreIdKey(key);
  if (info.kind !== request.kind) throw invalid(`the host returned a ${info.kind} key for a ${request.kind} request`);
  if (request.publisherUserId !== undefined && info.userId !== undefined && info.userId !== request.publisherUserId) {
    throw invalid('the host returned a key for another publisherUserId');
  }
  return key;
}

function mapFor<V>(maps: WeakMap<object, Map<string, V>>, host: object): Map<string, V> {
  let map = maps.get(host);
  if (!map) maps.set(host, (map = new Map()));
  return map;
}

function text(claims: Record<string, unknown>, name: string): string {
  const value = claims[`${CLAIM}${name}`];
  if (typeof value !== 'string' || value === '') throw invalid(`its ${name} claim is missing or not a string`);
  return value;
}

function time(claims: Record<string, unknown>, name: 'iat' | 'nbf' | 'exp'): Date {
  const value = claims[name];
  // A finite number can still be beyond the dates a Date holds (±8.64e15 ms): that is no time either.
  const date = new Date(typeof value === 'number' ? value * 1000 : NaN);
  if (Number.isNaN(date.getTime())) throw invalid(`its ${name} claim is missing or not a time`);
  return date;
}

function invalid(reason: string, cause?: unknown): StoreOffersError {
  return new StoreOffersError('invalid-store-id-key', `Not a Microsoft Store ID key: ${reason}.`, { cause });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
