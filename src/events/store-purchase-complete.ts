import type { StorePurchaseRequestDetail } from './store-purchase-request.js';
import { StoreEvent } from './store-event.js';

/** A purchase that went through, or was not needed. */
export interface StorePurchaseCompleteDetail extends StorePurchaseRequestDetail {
  status: 'succeeded' | 'already-purchased';
  /** The order id, when the host gave one. */
  orderId?: string;
  /** The legacy receipt XML, when the host gave one. */
  receipt?: string;
}

/** `store-purchase-complete`: the user bought the product (`succeeded`) or already owns it (`already-purchased`). */
export class StorePurchaseCompleteEvent extends StoreEvent<StorePurchaseCompleteDetail> {
  constructor(detail: StorePurchaseCompleteDetail) {
    super('store-purchase-complete', detail);
  }
}

declare global {
  interface HTMLElementEventMap {
    'store-purchase-complete': StorePurchaseCompleteEvent;
  }
  /** Also on `document` and `window`, where the event arrives (it bubbles and is composed). */
  interface GlobalEventHandlersEventMap {
    'store-purchase-complete': StorePurchaseCompleteEvent;
  }
}
