import type { Claim } from '../core/types.js';
import { StoreEvent } from './store-event.js';

/** `store-claim-change`: the claim a `<store-claim-status>` shows changed state. */
export class StoreClaimChangeEvent extends StoreEvent<{ claim: Claim }> {
  constructor(detail: { claim: Claim }) {
    super('store-claim-change', detail);
  }
}

declare global {
  interface HTMLElementEventMap {
    'store-claim-change': StoreClaimChangeEvent;
  }
  /** Also on `document` and `window`, where the event arrives (it bubbles and is composed). */
  interface GlobalEventHandlersEventMap {
    'store-claim-change': StoreClaimChangeEvent;
  }
}
