/**
 * The one context of this library: what `<store-offers>` shares with the elements inside it,
 * carried by @lit/context (`ContextProvider` in the provider, `ContextConsumer` in `StoreElement`).
 */
import { createContext } from '@lit/context';
import type { ClaimQueue } from '../core/claims/claim-queue.js';
import type { StoreHost, StoreOffer } from '../core/types.js';
import type { ProductsLoader } from './products-loader.js';
import type { Strings } from './strings.js';

/** The status of `<store-offers>`. */
export type OffersStatus = 'idle' | 'loading' | 'ready' | 'empty' | 'error';

/** What `<store-offers>` shares. A new object after every update of the provider. */
export interface StoreContext {
  /** The provider's `status`. */
  readonly status: OffersStatus;
  /** The provider's `offers`: empty until loaded, and at once after the token, endpoint or host changed. */
  readonly offers: readonly StoreOffer[];
  /** The host purchases go through; `undefined` when there is none. */
  readonly host: StoreHost | undefined;
  /** The claim queue; `undefined` when `claims="off"`. */
  readonly claims: ClaimQueue | undefined;
  /** The provider's string overrides. */
  readonly strings: Partial<Strings> | undefined;
  /** Product data from the host, batched for all the banners; `undefined` before the provider connects. */
  readonly products: ProductsLoader | undefined;
  /**
   * The provider itself: a purchase's events are dispatched from it when the element that started
   * the purchase left the page during the Store dialog (SPEC.md: they always reach the app).
   */
  readonly provider: HTMLElement;
}

/**
 * The context key. A string rather than a symbol, and the same string as the library's earlier
 * hand-made protocol: two copies of the library on one page (an app and a plugin, each bundling
 * its own) still find each other's provider.
 */
export const storeContext = createContext<StoreContext>('store-offers');
