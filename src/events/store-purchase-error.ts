import type { StoreOffersError } from '../core/errors.js';
import type { StorePurchaseRequestDetail } from './store-purchase-request.js';
import { StoreEvent } from './store-event.js';

/** A purchase that did not go through. */
export interface StorePurchaseErrorDetail extends StorePurchaseRequestDetail {
  /**
   * The host's status, or `unavailable` when there is no host or the host failed (then `error`
   * has the host's code: `host-unavailable`, `host-timeout`, `host-error`).
   */
  status: 'not-purchased' | 'not-fulfilled' | 'network-error' | 'server-error' | 'unavailable';
  error: StoreOffersError;
}

/** `store-purchase-error`: the purchase was cancelled (`not-purchased`), failed, or is unavailable. */
export class StorePurchaseErrorEvent extends StoreEvent<StorePurchaseErrorDetail> {
  constructor(detail: StorePurchaseErrorDetail) {
    super('store-purchase-error', detail);
  }
}

declare global {
  interface HTMLElementEventMap {
    'store-purchase-error': StorePurchaseErrorEvent;
  }
  /** Also on `document` and `window`, where the event arrives (it bubbles and is composed). */
  interface GlobalEventHandlersEventMap {
    'store-purchase-error': StorePurchaseErrorEvent;
  }
}
