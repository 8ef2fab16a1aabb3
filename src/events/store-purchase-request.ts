import { StoreEvent } from './store-event.js';

/** What a purchase is about. */
export interface StorePurchaseRequestDetail {
  /** The add-on's product id (`InAppOfferToken`). */
  productId: string;
  /** The offer's tracking id; `undefined` when the product is in no known offer. */
  trackingId: string | undefined;
}

/** `store-purchase-request`: the user asked to buy; cancelable: `preventDefault()` stops the purchase. */
export class StorePurchaseRequestEvent extends StoreEvent<StorePurchaseRequestDetail> {
  constructor(detail: StorePurchaseRequestDetail) {
    super('store-purchase-request', detail, true);
  }
}

declare global {
  interface HTMLElementEventMap {
    'store-purchase-request': StorePurchaseRequestEvent;
  }
  /** Also on `document` and `window`, where the event arrives (it bubbles and is composed). */
  interface GlobalEventHandlersEventMap {
    'store-purchase-request': StorePurchaseRequestEvent;
  }
}
