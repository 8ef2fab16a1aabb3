/**
 * Dismissed banners, in `localStorage` under `store-offer-dismissed`:
 * `{ "<trackingId>\n<productId>": <until, epoch ms> }`. Only ids and times, never offers or tokens.
 * Unavailable storage means dismissals last for the page only.
 */
import { isRecord } from '../core/is-record.js';

const KEY = 'store-offer-dismissed';
const DAY_MS = 24 * 60 * 60 * 1000;
/** The latest time a `Date` can hold: a dismissal of "Infinity" days ends there. */
const MAX_TIME_MS = 8.64e15;
/** This page's dismissals: hidden for the page whatever storage does (full, disabled, or a `days` it cannot keep). */
const page = new Set<string>();

/** The stored dismissals; anything but an object (null, a number, unreadable JSON…) holds none. */
function read(): Record<string, unknown> {
  try {
    const stored: unknown = JSON.parse(localStorage.getItem(KEY) ?? '{}');
    return isRecord(stored) ? stored : {};
  } catch {
    return {};
  }
}

/** Whether a stored `until` is still in the future. */
const isFuture = (until: unknown, now: number) => typeof until === 'number' && until > now;

/** Whether the offer `key` (`trackingId\nproductId`) is dismissed now. */
export const isDismissed = (key: string) => page.has(key) || isFuture(read()[key], Date.now());

/** Dismisses `key` for `days`, dropping expired entries. */
export function dismiss(key: string, days: number) {
  page.add(key);
  const now = Date.now();
  const kept = Object.entries(read()).filter(([, until]) => isFuture(until, now));
  const until = Math.min(now + days * DAY_MS, MAX_TIME_MS);
  try {
    localStorage.setItem(KEY, JSON.stringify(Object.fromEntries([...kept, [key, until]])));
  } catch {
    // storage full or disabled: the banner hides for this page only
  }
}
