/** store-offer-elements: classes, core API and types. No side effects. */
export * from './core/errors.js';
export * from './core/types.js';
export { DEFAULT_ENDPOINT, validateEndpoint } from './core/endpoint.js';
export { createTokenProvider, isTokenProvider, type TokenProvider } from './core/token-provider.js';
export { parseOffers } from './core/offers-parser.js';
export {
  createOffersClient,
  type OffersClient,
  type OffersClientOptions,
  type OffersFetch,
} from './core/offers-client.js';
export {
  createClaimQueue,
  type ClaimQueue,
  type ClaimQueueOptions,
  type ClaimSubmitter,
} from './core/claims/claim-queue.js';
export {
  storeRequestTransport,
  usesHostCarriedCalls,
  type CarriedTransport,
  type StoreCallChoice,
} from './core/host-carried.js';
export {
  takeJournaledPurchases,
  type PurchaseJournalOptions,
  type PurchaseJournalReport,
} from './core/claims/purchase-journal.js';
export {
  decodeStoreIdKey,
  getStoreIdKey,
  storeIdKeyState,
  type GetStoreIdKeyOptions,
  type StoreIdKeyInfo,
  type StoreIdKeyState,
  type StoreIdKeyStateOptions,
} from './core/store-id-key.js';
export * from './core/host/index.js';
export { StoreOffers } from './components/store-offers/store-offers.js';
export { StoreOfferBanner } from './components/store-offer-banner/store-offer-banner.js';
export { StorePurchaseButton, PurchaseState } from './components/store-purchase-button/store-purchase-button.js';
export { StoreClaimStatus } from './components/store-claim-status/store-claim-status.js';
export type { OffersStatus } from './internal/context.js';
export type { Strings } from './internal/strings.js';
export { StoreEvent } from './events/store-event.js';
export { StoreOffersLoadEvent } from './events/store-offers-load.js';
export { StoreOffersErrorEvent } from './events/store-offers-error.js';
export { StorePurchaseRequestEvent, type StorePurchaseRequestDetail } from './events/store-purchase-request.js';
export { StorePurchaseCompleteEvent, type StorePurchaseCompleteDetail } from './events/store-purchase-complete.js';
export { StorePurchaseErrorEvent, type StorePurchaseErrorDetail } from './events/store-purchase-error.js';
export { StoreClaimChangeEvent } from './events/store-claim-change.js';
export { StoreOfferDismissEvent } from './events/store-offer-dismiss.js';
export { StoreOfferImpressionEvent } from './events/store-offer-impression.js';
