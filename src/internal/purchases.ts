/**
 * One product, one purchase in flight, across the whole page (every button, every provider):
 * the Store shows one purchase dialog at a time, and a second request for the same product must
 * not start a second payment. Page-level state on purpose; it holds no service to replace in tests.
 */
import type { PurchaseOutcome } from '../core/types.js';

const inFlight = new Map<string, Promise<PurchaseOutcome>>();

/** Products whose `store-purchase-request` is being dispatched: an activation from a listener of it must not start a second purchase. */
export const requesting = new Set<string>();

/** The connected purchase buttons: each updates when a purchase starts, and shows it when it is its product's. */
export const purchaseButtons = new Set<{ requestUpdate(): void }>();

/** The purchase of `productId` in flight, if any. */
export const purchaseInFlight = (productId: string) => inFlight.get(productId);

/**
 * Starts `purchase` of `productId` and updates every button. The caller must have checked
 * {@link purchaseInFlight} first.
 */
export function startPurchase(productId: string, purchase: Promise<PurchaseOutcome>): Promise<PurchaseOutcome> {
  const promise = purchase.finally(() => inFlight.delete(productId));
  inFlight.set(productId, promise);
  purchaseButtons.forEach((button) => button.requestUpdate());
  return promise;
}
