/**
 * One product, one purchase in flight, across the whole page (every button, every provider):
 * the Store shows one purchase dialog at a time, and a second request for the same product must
 * not start a second payment. Page-level state on purpose; it holds no service to replace in tests.
 */
import type { PurchaseOutcome } from '../core/types.js';

/** The states of `<store-purchase-button>`. */
export const PurchaseState = {
  Idle: 'idle',
  Purchasing: 'purchasing',
  Purchased: 'purchased',
  Owned: 'owned',
  Failed: 'failed',
} as const;
/** A purchase button state. */
export type PurchaseState = (typeof PurchaseState)[keyof typeof PurchaseState];

/** The state each host status leads to; any other status: `failed`. */
const STATE_AFTER: Partial<Record<PurchaseOutcome['status'], PurchaseState>> = {
  succeeded: PurchaseState.Purchased,
  'already-purchased': PurchaseState.Owned,
  'not-purchased': PurchaseState.Idle,
};

/** One purchase of one product: `purchasing` until the host answers, then the state it led to. */
export interface Purchase {
  readonly productId: string;
  readonly state: PurchaseState;
}

/** Told when a purchase starts and when it ends (read its `state`). */
export type PurchaseSubscriber = (purchase: Purchase) => void;

/**
 * The owner of every purchase on the page: the one in flight for each product, the guard while a
 * `store-purchase-request` is being dispatched, and the buttons to tell when either changes.
 */
export class PurchaseRegistry {
  readonly #inFlight = new Map<string, Purchase>();
  /** Products whose `store-purchase-request` is being dispatched. */
  readonly #requesting = new Set<string>();
  readonly #subscribers = new Set<PurchaseSubscriber>();

  /** The purchase of `productId` in flight, if any. */
  inFlight(productId: string): Purchase | undefined {
    return this.#inFlight.get(productId);
  }

  /** Whether `productId` may not be bought now: a purchase of it is in flight, or being requested. */
  isBusy(productId: string): boolean {
    return this.#inFlight.has(productId) || this.#requesting.has(productId);
  }

  /**
   * Runs `dispatch` (the dispatch of `store-purchase-request`) with `productId` busy: a listener
   * that activates a button of this product (the same one included) starts nothing.
   */
  whileRequesting<T>(productId: string, dispatch: () => T): T {
    this.#requesting.add(productId);
    try {
      return dispatch();
    } finally {
      this.#requesting.delete(productId);
    }
  }

  /**
   * Buys `productId` with `purchase` (the host's call), telling every subscriber when it starts
   * and when it ends. The caller must have checked {@link isBusy} first. Resolves with the host's
   * outcome once every subscriber has heard the final state: a listener of the events that follow
   * sees the buttons as they end.
   */
  buy(productId: string, purchase: () => Promise<PurchaseOutcome>): Promise<PurchaseOutcome> {
    const record: { productId: string; state: PurchaseState } = { productId, state: PurchaseState.Purchasing };
    this.#inFlight.set(productId, record);
    this.#notify(record);
    const settle = (state: PurchaseState) => {
      record.state = state;
      this.#inFlight.delete(productId);
      this.#notify(record);
    };
    // A host that throws at once fails like one that rejects (and never stays in flight).
    return new Promise<PurchaseOutcome>((resolve) => resolve(purchase())).then(
      (outcome) => {
        settle(STATE_AFTER[outcome.status] ?? PurchaseState.Failed);
        return outcome;
      },
      (error: unknown) => {
        settle(PurchaseState.Failed);
        throw error;
      },
    );
  }

  /** Calls `subscriber` at the start and end of every purchase; returns how to stop. */
  subscribe(subscriber: PurchaseSubscriber): () => void {
    this.#subscribers.add(subscriber);
    return () => this.#subscribers.delete(subscriber);
  }

  #notify(purchase: Purchase) {
    for (const subscriber of this.#subscribers) subscriber(purchase);
  }
}

/** The page's purchases, shared by every button (of this copy of the library). */
export const purchases = new PurchaseRegistry();
