import type { StoreOffersError } from '../core/errors.js';
import { StoreEvent } from './store-event.js';

/**
 * `store-offers-error`: loading the offers failed, or a successful purchase could not be claimed
 * (`claim-unavailable`).
 */
export class StoreOffersErrorEvent extends StoreEvent<{ error: StoreOffersError }> {
  constructor(detail: { error: StoreOffersError }) {
    super('store-offers-error', detail);
  }
}

declare global {
  interface HTMLElementEventMap {
    'store-offers-error': StoreOffersErrorEvent;
  }
  /** Also on `document` and `window`, where the event arrives (it bubbles and is composed). */
  interface GlobalEventHandlersEventMap {
    'store-offers-error': StoreOffersErrorEvent;
  }
}
