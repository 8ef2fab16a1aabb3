import { StoreEvent } from './store-event.js';

/** `store-offer-dismiss`: the user closed a banner. */
export class StoreOfferDismissEvent extends StoreEvent<{ productId: string; trackingId: string }> {
  constructor(detail: { productId: string; trackingId: string }) {
    super('store-offer-dismiss', detail);
  }
}

declare global {
  interface HTMLElementEventMap {
    'store-offer-dismiss': StoreOfferDismissEvent;
  }
  /** Also on `document` and `window`, where the event arrives (it bubbles and is composed). */
  interface GlobalEventHandlersEventMap {
    'store-offer-dismiss': StoreOfferDismissEvent;
  }
}
