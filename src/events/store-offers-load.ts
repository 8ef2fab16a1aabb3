import type { StoreOffer } from '../core/types.js';
import { StoreEvent } from './store-event.js';

/** `store-offers-load`: the offers arrived (possibly none). */
export class StoreOffersLoadEvent extends StoreEvent<{ offers: StoreOffer[] }> {
  constructor(detail: { offers: StoreOffer[] }) {
    super('store-offers-load', detail);
  }
}

declare global {
  interface HTMLElementEventMap {
    'store-offers-load': StoreOffersLoadEvent;
  }
  /** Also on `document` and `window`, where the event arrives (it bubbles and is composed). */
  interface GlobalEventHandlersEventMap {
    'store-offers-load': StoreOffersLoadEvent;
  }
}
