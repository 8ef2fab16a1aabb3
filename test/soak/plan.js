// The soak's fault plan: everything random in a soak run comes from one seeded generator, so a
// seed names a run (the same journeys, faults, reload points and timings of the chaos steps).

/** A small, fast, seeded PRNG (mulberry32): `() => number in [0, 1)`. */
export function seededRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * What happens to a whole page (one batch of journeys) besides the per-journey HTTP faults.
 * - `calm`: nothing.
 * - `reload-after-result`: the page asks to reload in the very `message` event that carries the
 *   last purchase result, before the library has even seen it.
 * - `reload-after-enqueue`: the page reloads when that journey's claim is announced `pending`
 *   (written, no POST yet).
 * - `reload-during-post`: the page reloads when one journey's claim turns `submitting`; the mock
 *   Store holds that POST (400 ms), then processes or drops it.
 * - `reload-random`: Playwright reloads the page at a random moment after the purchases.
 * - `offline`: the browser goes offline for a random while, then online.
 * - `two-tabs-close`: a second tab shows the same journeys; the tab that bought is closed at a
 *   random moment and the other must finish the claims.
 * - `two-tabs-reload`: both tabs reload at the same moment and resume the same queue together.
 * - `account-switch`: every journey is bought by one account; when the last claim is announced
 *   `pending`, the host switches to another account (`account-changed`), and back a while later.
 *   The first account's claims must wait untouched meanwhile, then be sent with its token.
 * - `account-switch-reload`: the same, and the page reloads while the other account is current
 *   (the next page starts under it), before the host switches back.
 * - `journal-reload`: the page dies while the Store dialogs are open; the journaling host (in
 *   Node) writes each purchase to its journal, and the next page claims it (`takePurchases` →
 *   claim → `ackPurchase`). Half the acknowledgements are lost, and a third page is handed the
 *   same purchases again: still one claim each. One journey's journal also holds the purchase of
 *   an offer withdrawn since: acknowledged without a claim, reported once (`purchase-unmatched`).
 */
export const BATCH_KINDS = [
  'calm',
  'reload-after-result',
  'reload-after-enqueue',
  'reload-during-post',
  'reload-random',
  'offline',
  'two-tabs-close',
  'two-tabs-reload',
  'account-switch',
  'account-switch-reload',
  'journal-reload',
];

/** The batch kinds whose host reports accounts (`getAccount`, `account-changed`). */
export const ACCOUNT_KINDS = ['account-switch', 'account-switch-reload'];

/** The host's opaque account ids (hashes, never e-mails): the one who buys, and the one who borrows the device. */
export const ACCOUNTS = { buyer: 'soak-account-7f3a91c2', other: 'soak-account-0be4d855' };

/** How long the Store dialog of a journaled purchase stays open: the page dies meanwhile. */
const DIALOG_MS = { min: 1500, spread: 1000 };

/** The client's per-request timeout (the offers client's default, which `<store-offers>` uses). */
export const CLIENT_TIMEOUT_MS = 10_000;

/** POST faults, each a list of mock Store faults queued in order, with its weight. */
const POST_FAULTS = [
  ['drop-before', 3, () => [{ method: 'POST', drop: 'before' }]],
  ['drop-after', 3, () => [{ method: 'POST', drop: 'after' }]],
  ['408', 1, () => [{ method: 'POST', status: 408 }]],
  ['429', 1, () => [{ method: 'POST', status: 429 }]],
  ['429-retry-after', 1, (r) => [{ method: 'POST', status: 429, retryAfter: r() < 0.5 ? '0' : '1' }]],
  ['500', 1, () => [{ method: 'POST', status: 500, body: '{"message":"oops"}' }]],
  ['503', 1, () => [{ method: 'POST', status: 503 }]],
  ['503-retry-after', 1, () => [{ method: 'POST', status: 503, retryAfter: '1' }]],
  // One 401: the client refreshes the token and sends again at once.
  ['401', 2, () => [{ method: 'POST', status: 401 }]],
  // Two 401s in a row: the claim turns `failed` (unauthorized); the page sets a new token, which resumes it.
  ['401-twice', 1, () => [{ method: 'POST', status: 401, times: 2 }]],
  // The client gives up after its timeout; the Store never processed the POST.
  ['timeout', 0.4, () => [{ method: 'POST', delayMs: CLIENT_TIMEOUT_MS + 500, drop: 'before' }]],
  // The client gives up after its timeout; the Store processes the POST afterwards (a lost answer).
  ['timeout-late', 0.4, () => [{ method: 'POST', delayMs: CLIENT_TIMEOUT_MS + 500 }]],
];

const GET_FAULTS = [
  () => ({ method: 'GET', status: 503 }),
  () => ({ method: 'GET', status: 429, retryAfter: '0' }),
  () => ({ method: 'GET', status: 500 }),
  () => ({ method: 'GET', drop: 'before' }),
];

/** A v4-shaped GUID from the generator. */
function guid(random) {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = '4';
  return `${hex.slice(0, 8).join('')}-${hex.slice(8, 12).join('')}-${hex.slice(12, 16).join('')}-${hex.slice(16, 20).join('')}-${hex.slice(20).join('')}`;
}

function pickWeighted(random, entries) {
  const total = entries.reduce((sum, entry) => sum + entry[1], 0);
  let at = random() * total;
  for (const entry of entries) {
    at -= entry[1];
    if (at < 0) return entry;
  }
  return entries[entries.length - 1];
}

/**
 * The plan of a run: `journeys` purchase → claim journeys in batches (one page, or two tabs, per
 * batch), every batch kind (of `kinds`, default all) used in turn so even a short run covers each.
 */
export function makePlan({ journeys, seed, batchSize = 25, kinds = BATCH_KINDS }) {
  const random = seededRandom(seed);
  const batchCount = Math.max(Math.min(kinds.length, journeys), Math.ceil(journeys / batchSize));
  const batches = [];
  let next = 0;
  for (let b = 0; b < batchCount; b++) {
    const size = Math.floor(journeys / batchCount) + (b < journeys % batchCount ? 1 : 0);
    const kind = kinds[b % kinds.length];
    const list = [];
    for (let i = 0; i < size; i++) list.push(makeJourney(next++, random, kind === 'reload-during-post' && i === 0));
    batches.push({
      id: b,
      kind,
      journeys: list,
      // journal-reload: a purchase of an offer the Store no longer shows, in the first journey's journal.
      withdrawn: kind === 'journal-reload' ? { purchaseId: `soak-withdrawn-${b}`, trackingId: guid(random), orderId: guid(random) } : undefined,
      // When the chaos step of the batch starts, after the purchases, and how long it lasts.
      chaosDelayMs: Math.floor(random() * 1500),
      offlineMs: 300 + Math.floor(random() * 1700),
    });
  }
  return { seed, batches };
}

function makeJourney(index, random, holdFirstPost) {
  const id = `j${index}`;
  const faultNames = [];
  const faults = [];
  if (holdFirstPost) {
    const drop = random() < 0.5;
    faultNames.push(drop ? 'held-post-dropped' : 'held-post-processed');
    faults.push({ method: 'POST', delayMs: 400, ...(drop ? { drop: 'before' } : {}) });
  }
  const postFaults = Math.floor(random() * 5);
  for (let i = 0; i < postFaults; i++) {
    const [name, , make] = pickWeighted(random, POST_FAULTS);
    faultNames.push(name);
    faults.push(...make(random));
  }
  const getFaults = random() < 0.3 ? 1 + Math.floor(random() * 2) : 0;
  for (let i = 0; i < getFaults; i++) faults.push(GET_FAULTS[Math.floor(random() * GET_FAULTS.length)]());
  const ui = ['banner', 'button', 'both'][Math.floor(random() * 3)];
  return {
    id,
    productId: `soak coins ${index}`,
    trackingId: guid(random),
    orderId: guid(random),
    faults,
    faultNames,
    // The accepted token changes between loading the offers and the claim (the client holds a stale one).
    rotateToken: random() < 0.15,
    ui,
    // Rapid activations of each button (all but the first must be ignored).
    clicks: 1 + Math.floor(random() * 3),
    purchaseDelayMs: Math.floor(random() * 40),
    // journal-reload: how long the Store dialog stays open, and whether the host loses the first ack.
    dialogMs: DIALOG_MS.min + Math.floor(random() * DIALOG_MS.spread),
    ackLost: random() < 0.5,
  };
}
