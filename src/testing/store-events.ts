import type {} from '../index.js';

/**
 * Every event type the library fires (SPEC.md "Events"), for logging and listening in tests and
 * tools. Checked against `HTMLElementEventMap`, so a renamed event fails to compile here.
 */
export const STORE_EVENTS = [
  'store-offers-load',
  'store-offers-error',
  'store-purchase-request',
  'store-purchase-complete',
  'store-purchase-error',
  'store-claim-change',
  'store-offer-dismiss',
  'store-offer-impression',
] as const satisfies readonly (keyof HTMLElementEventMap)[];
