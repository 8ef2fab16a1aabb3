/**
 * JSX typing of the raw tags for React consumers (`<store-offers>` in a `.tsx` file), active as
 * soon as anything is imported from `store-offer-elements/react`. Only attributes are typed:
 * React 17 and 18 set every prop of a custom element as an attribute, so properties (`token`,
 * `host`, `strings`) and events need a ref, or the wrapper components of this entry.
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { StoreClaimStatus } from '../components/store-claim-status/store-claim-status.js';
import type { StoreOfferBanner } from '../components/store-offer-banner/store-offer-banner.js';
import type { StoreOffers } from '../components/store-offers/store-offers.js';
import type { StorePurchaseButton } from '../components/store-purchase-button/store-purchase-button.js';

/** React's props of an element, plus its own attributes. */
type Tag<E extends HTMLElement, Attributes> = DetailedHTMLProps<HTMLAttributes<E>, E> & Attributes;

/** The library's tags as JSX intrinsic elements, with their attributes. */
export interface StoreElementsIntrinsicElements {
  'store-offers': Tag<StoreOffers, { endpoint?: string; claims?: 'auto' | 'off' }>;
  'store-offer-banner': Tag<StoreOfferBanner, { 'product-id'?: string; dismissible?: boolean; 'dismiss-days'?: number }>;
  'store-purchase-button': Tag<StorePurchaseButton, { 'product-id'?: string; 'tracking-id'?: string; 'product-name'?: string }>;
  'store-claim-status': Tag<StoreClaimStatus, { 'tracking-id'?: string }>;
}

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements extends StoreElementsIntrinsicElements {}
  }
}
