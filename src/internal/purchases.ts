/**
 * One product, one purchase in flight, across the whole page (every button, every provider):
 * the Store shows one purchase dialog at a time, and a second request for the same product must
 * not start a second payment. Page-level state on purpose; it holds no service to replace in tests.
 */
import type { PurchaseOutcome } from '../core/types.js';

type Listener = (productId: string, purchase: Promise<PurchaseOutcome>) => void;

const inFlight = new Map<string, Promise<PurchaseOutcome>>();
const listeners = new Set<Listener>();

/** The purchase of `productId` in flight, if any. */
export const purchaseInFlight = (productId: string) => inFlight.get(productId);

/**
 * Starts `purchase` for `productId` and tells every listener (buttons for the same product show
 * it as busy). The caller must have checked {@link purchaseInFlight} first.
 */
export function startPurchase(productId: string, purchase: () => Promise<PurchaseOutcome>): Promise<PurchaseOutcome> {
  const promise = purchase().finally(() => inFlight.delete(productId));
  inFlight.set(productId, promise);
  for (const listener of listeners) listener(productId, promise);
  return promise;
}

/** Calls `listener` whenever a purchase starts; returns the unsubscribe. */
export function onPurchaseStart(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
