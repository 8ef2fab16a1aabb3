import { StoreEvent } from './store-event.js';

/** `store-offer-impression`: a banner has been at least half visible for one second (once per offer per page). */
export class StoreOfferImpressionEvent extends StoreEvent<{ productId: string; trackingId: string }> {
  constructor(detail: { productId: string; trackingId: string }) {
    super('store-offer-impression', detail);
  }
}

declare global {
  interface HTMLElementEventMap {
    'store-offer-impression': StoreOfferImpressionEvent;
  }
  /** Also on `document` and `window`, where the event arrives (it bubbles and is composed). */
  interface GlobalEventHandlersEventMap {
    'store-offer-impression': StoreOfferImpressionEvent;
  }
}
