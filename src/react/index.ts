/**
 * `store-offer-elements/react`: React components for the four elements, made with `@lit/react`
 * (React and `@lit/react` are optional peer dependencies: only this entry needs them). Props
 * that are element properties (`token`, `host`, `productId`, `strings`…) are set as properties,
 * never as attributes; events are typed `on…` props (`onStorePurchaseComplete`…). Importing this
 * module registers the tags. It also types the raw tags for JSX (`jsx.ts`).
 *
 * Every event bubbles and is composed, so a parent receives the events of the elements inside it:
 * `<StoreOffers onStorePurchaseComplete={…}>` hears every purchase button within.
 */
import { createComponent, type EventName } from '@lit/react';
import * as React from 'react';
import '../define.js';
import { StoreClaimStatus as StoreClaimStatusElement } from '../components/store-claim-status/store-claim-status.js';
import { StoreOfferBanner as StoreOfferBannerElement } from '../components/store-offer-banner/store-offer-banner.js';
import { StoreOffers as StoreOffersElement } from '../components/store-offers/store-offers.js';
import { StorePurchaseButton as StorePurchaseButtonElement } from '../components/store-purchase-button/store-purchase-button.js';
import type { StoreClaimChangeEvent } from '../events/store-claim-change.js';
import type { StoreOfferDismissEvent } from '../events/store-offer-dismiss.js';
import type { StoreOfferImpressionEvent } from '../events/store-offer-impression.js';
import type { StoreOffersErrorEvent } from '../events/store-offers-error.js';
import type { StoreOffersLoadEvent } from '../events/store-offers-load.js';
import type { StorePurchaseCompleteEvent } from '../events/store-purchase-complete.js';
import type { StorePurchaseErrorEvent } from '../events/store-purchase-error.js';
import type { StorePurchaseRequestEvent } from '../events/store-purchase-request.js';

export type { StoreElementsIntrinsicElements } from './jsx.js';

/** The purchase events, fired by a button (also the one inside a banner). */
const purchaseEvents = {
  onStorePurchaseRequest: 'store-purchase-request' as EventName<StorePurchaseRequestEvent>,
  onStorePurchaseComplete: 'store-purchase-complete' as EventName<StorePurchaseCompleteEvent>,
  onStorePurchaseError: 'store-purchase-error' as EventName<StorePurchaseErrorEvent>,
  /** A successful purchase that cannot be claimed (`claim-unavailable`). */
  onStoreOffersError: 'store-offers-error' as EventName<StoreOffersErrorEvent>,
};

/** The banner's own events. */
const bannerEvents = {
  onStoreOfferDismiss: 'store-offer-dismiss' as EventName<StoreOfferDismissEvent>,
  onStoreOfferImpression: 'store-offer-impression' as EventName<StoreOfferImpressionEvent>,
};

/** The claim status' event. */
const claimEvents = {
  onStoreClaimChange: 'store-claim-change' as EventName<StoreClaimChangeEvent>,
};

/** `<store-offers>`: every event of the library, its own and those of the elements inside it. */
export const StoreOffers = createComponent({
  react: React,
  tagName: 'store-offers',
  elementClass: StoreOffersElement,
  displayName: 'StoreOffers',
  events: {
    onStoreOffersLoad: 'store-offers-load' as EventName<StoreOffersLoadEvent>,
    ...purchaseEvents,
    ...bannerEvents,
    ...claimEvents,
  },
});

/** `<store-offer-banner>`: dismiss and impression, and the purchase events of its button. */
export const StoreOfferBanner = createComponent({
  react: React,
  tagName: 'store-offer-banner',
  elementClass: StoreOfferBannerElement,
  displayName: 'StoreOfferBanner',
  events: { ...bannerEvents, ...purchaseEvents },
});

/** `<store-purchase-button>`: request (cancelable), complete, error. */
export const StorePurchaseButton = createComponent({
  react: React,
  tagName: 'store-purchase-button',
  elementClass: StorePurchaseButtonElement,
  displayName: 'StorePurchaseButton',
  events: purchaseEvents,
});

/** `<store-claim-status>`: claim changes. */
export const StoreClaimStatus = createComponent({
  react: React,
  tagName: 'store-claim-status',
  elementClass: StoreClaimStatusElement,
  displayName: 'StoreClaimStatus',
  events: claimEvents,
});
