/** store-offer-elements: classes, core API and types. No side effects. */
export * from './core/errors.js';
export * from './core/types.js';
export { DEFAULT_ENDPOINT, validateEndpoint } from './core/endpoint.js';
export { createTokenProvider, isTokenProvider, type TokenProvider } from './core/token-provider.js';
export { parseOffers } from './core/offers-parser.js';
export { createOffersClient, type OffersClient, type OffersClientOptions } from './core/offers-client.js';
export { createClaimQueue, type ClaimQueue, type ClaimQueueOptions, type ClaimSubmitter } from './core/claims/claim-queue.js';
export {
  decodeStoreIdKey,
  getStoreIdKey,
  storeIdKeyState,
  type StoreIdKeyInfo,
  type StoreIdKeyState,
  type StoreIdKeyStateOptions,
} from './core/store-id-key.js';
export * from './core/host/index.js';
