/**
 * The demo's scenarios: what the mock Store serves and what the mock host (the "native" side of a
 * WebView2 app) answers. Each run gets fresh tracking ids, so dismissals and claims of one run
 * never leak into the next.
 */
import type { ProductInfo } from '../src/index.js';
import { MOCK_HOST_ADDITIONS, type MockHostScenario, type MockStoreScenario } from '../src/testing/index.js';

/** The offers wire shape the mock Store sends (STORE-API.md §1). */
export type WireShape = 'array' | 'object';

/** The languages of the demo (and of the elements' built-in strings). */
export type DemoLanguage = 'en' | 'fr';

/** One run of the demo. */
export interface DemoRun {
  /** The mock Store scenario (offers, accepted tokens, faults). */
  store: MockStoreScenario;
  /** The mock host's scenario, or `null` for a page with no host at all. */
  host: MockHostScenario | null;
  /** A token set on `<store-offers>.token` (only when there is no host to ask). */
  token?: string;
  /**
   * Whether the host carries the Store calls (`storeRequest` to the mock Store, with its own
   * token): the page then sets no `endpoint`, and never asks for a token.
   */
  carried?: boolean;
  /** Users the mock host signs in after the purchase succeeded (`account-changed`), in order. */
  accountSwitches?: AccountSwitch[];
}

/** A change of the signed-in user on the device, made by the mock host. */
export interface AccountSwitch {
  /** When, in ms after `store-purchase-complete`. */
  afterMs: number;
  /** The host's opaque id of the user signed in from then on (a hash, never an e-mail). */
  account: string;
  /** Who that is, for the live log. */
  name: string;
}

/** A scenario of the control panel. */
export interface DemoScenario {
  id: string;
  label: string;
  /** What to do and what to expect. */
  description: string;
  /** Builds the run; `offers` are the Store's offers in the chosen wire shape. */
  build(offers: unknown[]): DemoRun;
}

/** The add-on of the targeted offer, shown by the banner. */
export const OFFER_PRODUCT = '100x gold coins';
/** A second add-on of the same offer. */
export const OFFER_PRODUCT_2 = '500x gold coins';
/** An add-on that is in no offer: the separate `<store-purchase-button>`. */
export const PLAIN_PRODUCT = 'remove-ads';

const success = (offers: unknown[]): DemoRun => ({ store: { offers }, host: {} });
const purchaseEndsWith = (status: string) => (offers: unknown[]): DemoRun => ({ store: { offers }, host: { purchase: { status } } });

/** What a host that speaks the protocol additions announces: no getToken, the page holds no token. */
const CARRYING_METHODS = ['getProducts', 'purchase', ...MOCK_HOST_ADDITIONS];

/** The two users of the shared device in "switching account mid-claim", as the host reports them. */
const ALICE = { account: 'account-5f1c0e7a9b2d', name: 'Alice' };
const BOB = { account: 'account-c38b2d94e06f', name: 'Bob' };
/** The claim's first POST is answered 503 with this Retry-After (s): Bob signs in before it is sent again. */
const CLAIM_RETRY_AFTER_S = 3;
/** When Bob signs in, and when Alice is back, in ms after the purchase. */
const BOB_SIGNS_IN_MS = 1500;
const ALICE_IS_BACK_MS = 7000;

/** The tracking id of the first offer, in either wire shape. */
const firstTrackingId = (offers: unknown[]) => (offers[0] as { trackingId: string }).trackingId;

/** Every scenario, in the order of the control panel. */
export const SCENARIOS: DemoScenario[] = [
  {
    id: 'success',
    label: 'Success',
    description: 'Buy the offer: the purchase succeeds, the claim is posted to the Store and the status shows "Offer registered".',
    build: success,
  },
  {
    id: 'cancel',
    label: 'User cancels',
    description: 'The user closes the Store dialog (NotPurchased): the button returns to "Buy" and store-purchase-error says not-purchased. No claim.',
    build: purchaseEndsWith('NotPurchased'),
  },
  {
    id: 'owned',
    label: 'Already owned',
    description: 'The Store says AlreadyPurchased: the button shows "Owned", store-purchase-complete has status already-purchased. No claim.',
    build: purchaseEndsWith('AlreadyPurchased'),
  },
  {
    id: 'network-error',
    label: 'Network error',
    description: 'The Store dialog reports NetworkError: the button offers "Try again" and store-purchase-error says network-error.',
    build: purchaseEndsWith('NetworkError'),
  },
  {
    id: 'server-error',
    label: 'Server error',
    description: 'The Store dialog reports ServerError: the button offers "Try again" and store-purchase-error says server-error.',
    build: purchaseEndsWith('ServerError'),
  },
  {
    id: 'claim-rejected',
    label: 'Claim rejected, then retry',
    description: 'The purchase succeeds but the Store answers the claim with 400: "Offer not registered yet" with a "Register again" button, which succeeds.',
    build: (offers) => ({ store: { offers, faults: [{ method: 'POST', status: 400, body: '{"message":"rejected"}' }] }, host: {} }),
  },
  {
    id: 'token-refresh',
    label: '401 then refresh',
    description: 'The host first gives an expired token: the Store answers 401, the library asks the host again with forceRefresh and the offers load.',
    build: (offers) => ({ store: { offers, tokens: ['fresh-token'] }, host: { tokens: ['expired-token', 'fresh-token'] } }),
  },
  {
    id: 'token-rejected',
    label: 'Token rejected',
    description: 'The Store refuses every token, even after one refresh: store-offers-error with code unauthorized, and the banner stays hidden.',
    build: (offers) => ({ store: { offers, tokens: ['a-token-nobody-has'] }, host: { tokens: ['bad-token', 'still-bad-token'] } }),
  },
  {
    id: 'recover',
    label: '503 then recover',
    description: 'The Store answers 503 (Retry-After: 1) twice, then the offers load; the claim gets one 503 too and is retried ("Registering the offer…", then "Offer registered").',
    build: (offers) => ({
      store: {
        offers,
        faults: [
          { method: 'GET', status: 503, retryAfter: '1', times: 2 },
          { method: 'POST', status: 503, retryAfter: '1' },
        ],
      },
      host: {},
    }),
  },
  {
    id: 'slow-host',
    label: 'Slow host',
    description:
      'Every host answer takes 1.5 s and the Store dialog 4 s. The offer shows after about 3 s, not 4.5: getToken goes out beside hello (the live log shows both before either answer), then the offers GET, then getProducts (the banner has no product-id, so its product comes with the offers). Watch the loading skeleton and the busy button; clicking again does nothing.',
    build: (offers) => ({ store: { offers }, host: { delayMs: 1500, purchase: { status: 'Succeeded', orderId: crypto.randomUUID(), delayMs: 4000 } } }),
  },
  {
    id: 'host-carried',
    label: 'Host-carried calls',
    description: 'The host announces storeRequest: the offers GET and the claim POST go through it, sent with its own token (no CORS). The live log shows storeRequest and never a token: the page asks for none.',
    build: (offers) => ({ store: { offers }, host: { methods: CARRYING_METHODS, journal: true }, carried: true }),
  },
  {
    id: 'journaled',
    label: 'Purchase of a page that died',
    description: 'A page died while the Store dialog was open; the host journaled the purchase. At start the page takes it (takePurchases), claims it without a click ("Offer registered") and acknowledges it (ackPurchase).',
    build: (offers) => ({
      store: { offers },
      host: {
        methods: CARRYING_METHODS,
        journal: true,
        journalEntries: [
          {
            purchaseId: `journaled-${crypto.randomUUID()}`,
            productId: OFFER_PRODUCT,
            trackingId: firstTrackingId(offers),
            status: 'Succeeded',
            orderId: crypto.randomUUID(),
            account: null,
          },
        ],
      },
      carried: true,
    }),
  },
  {
    id: 'switch-account',
    label: 'Switching account mid-claim',
    description: `Alice buys the offer; the Store answers her claim 503 (Retry-After: ${CLAIM_RETRY_AFTER_S}), so it waits. Then Bob signs in on the device (account-changed): his offers are fetched again and Alice's claim waits untouched (no POST, no status shown). When Alice is back, her claim is sent: "Offer registered".`,
    build: (offers) => ({
      store: { offers, faults: [{ method: 'POST', status: 503, retryAfter: String(CLAIM_RETRY_AFTER_S) }] },
      host: { methods: CARRYING_METHODS, journal: true, account: ALICE.account },
      carried: true,
      accountSwitches: [
        { afterMs: BOB_SIGNS_IN_MS, ...BOB },
        { afterMs: ALICE_IS_BACK_MS, ...ALICE },
      ],
    }),
  },
  {
    id: 'no-host',
    label: 'No host',
    description: 'A plain browser: no WebView2, so the page sets a token itself. Offers load, but nobody can buy: the banner hides, the other button says purchases are unavailable.',
    build: (offers) => ({ store: { offers }, host: null, token: 'page-token' }),
  },
  {
    id: 'no-offers',
    label: 'No offers',
    description: 'The user is in no offer segment: the Store answers []. The banner renders nothing; the other add-on can still be bought.',
    build: () => success([]),
  },
];

/** The Store's offers for one run, in the chosen wire shape, with a fresh tracking id. */
export function storeOffers(shape: WireShape): unknown[] {
  const trackingId = crypto.randomUUID();
  const products = [OFFER_PRODUCT, OFFER_PRODUCT_2];
  if (shape === 'array') return [{ offers: products, trackingId }];
  const storeIds = ['9NBLGGH4R315', '9NBLGGH4R316'];
  return [{ offers: products.map((productId, i) => ({ productId, storeId: storeIds[i] })), trackingId }];
}

/** A stack of gold coins, as a `data:image/` URL (the banner accepts those, and CSP allows them). */
const COINS = `data:image/svg+xml,${encodeURIComponent(
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#ffe27a"/><stop offset="1" stop-color="#e0a800"/></linearGradient></defs><rect width="64" height="64" rx="12" fill="#2d2a5e"/><g stroke="#a87400" stroke-width="2" fill="url(#g)"><ellipse cx="32" cy="44" rx="18" ry="7"/><ellipse cx="32" cy="37" rx="18" ry="7"/><ellipse cx="32" cy="30" rx="18" ry="7"/><ellipse cx="32" cy="23" rx="18" ry="7"/></g><path d="M26 23h12" stroke="#a87400" stroke-width="2.5" stroke-linecap="round"/></svg>`,
)}`;

/**
 * Product data as the Store gives it to the host: already localised, prices already formatted
 * (French with no-break spaces before `:`, `%` and `€` and between a number and its unit).
 */
export function products(lang: DemoLanguage): ProductInfo[] {
  return lang === 'fr'
    ? [
        { productId: OFFER_PRODUCT, title: '100\u00a0pièces d’or + 40\u00a0% offertes', description: 'Cette semaine seulement\u00a0: 140\u00a0pièces pour le prix de 100.', formattedPrice: '0,99\u00a0€', imageUrl: COINS },
        { productId: OFFER_PRODUCT_2, title: '500\u00a0pièces d’or', formattedPrice: '3,99\u00a0€', imageUrl: COINS },
        { productId: PLAIN_PRODUCT, title: 'Sans publicité', formattedPrice: '2,99\u00a0€' },
      ]
    : [
        { productId: OFFER_PRODUCT, title: '100 gold coins + 40% bonus', description: 'This week only: 140 coins for the price of 100.', formattedPrice: '$0.99', imageUrl: COINS },
        { productId: OFFER_PRODUCT_2, title: '500 gold coins', formattedPrice: '$3.99', imageUrl: COINS },
        { productId: PLAIN_PRODUCT, title: 'Remove ads', formattedPrice: '$2.99' },
      ];
}
