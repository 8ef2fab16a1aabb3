/**
 * Dismissed banners, in `localStorage` under `store-offer-dismissed`:
 * `{ "<trackingId>\n<productId>": <until, epoch ms> }`. Only ids and times, never offers or tokens.
 * Unavailable storage means dismissals last for the page only.
 */
const KEY = 'store-offer-dismissed';
/** This page's dismissals: hidden for the page whatever storage does (full, disabled, or a `days` it cannot keep). */
const page = new Set<string>();

function read(): Record<string, number> {
  try {
    // Anything but an object (null, a number…) reads as an object with no dismissal.
    return Object(JSON.parse(localStorage.getItem(KEY)!));
  } catch {
    return {};
  }
}

/** Whether the offer `key` (`trackingId\nproductId`) is dismissed now. */
export const isDismissed = (key: string) => page.has(key) || (read()[key] ?? 0) > Date.now();

/** Dismisses `key` for `days`, dropping expired entries. */
export function dismiss(key: string, days: number) {
  page.add(key);
  const now = Date.now();
  const entries = Object.entries(read()).filter(([, until]) => until > now);
  try {
    localStorage.setItem(KEY, JSON.stringify(Object.fromEntries([...entries, [key, Math.min(now + days * 864e5, 8.64e15)]])));
  } catch {
    // storage full or disabled: the banner hides for this page only
  }
}
