// A TypeScript consumer of the package without a framework: the tags, their properties, typed
// events and the testing entry, as an app developer writes them. Compiled by test/node/types.test.js;
// each `@ts-expect-error` must be an error, or the compilation fails.
import 'store-offer-elements/define.js';
import {
  ErrorCode,
  isStoreOffersError,
  webView2Host,
  type OffersStatus,
  type PurchaseState,
  type StoreOffer,
  type StorePurchaseCompleteDetail,
} from 'store-offer-elements';
import { createMockStore, installMockWebView, mockStoreMiddleware } from 'store-offer-elements/testing';

const provider = document.querySelector('store-offers')!;
provider.host = webView2Host();
provider.token = async ({ forceRefresh } = {}) => (forceRefresh ? 'fresh' : 'cached');
provider.endpoint = 'https://manage.devcenter.microsoft.com/v2.0/my/storeoffers/user';
const status: OffersStatus = provider.status;
const offers: readonly StoreOffer[] = provider.offers;
provider.addEventListener('store-offers-load', (event) => event.detail.offers.map((offer) => offer.trackingId));
provider.addEventListener('store-offers-error', (event) => event.detail.error.code === ErrorCode.Unauthorized);

const button = document.createElement('store-purchase-button');
button.productId = 'remove-ads';
const state: PurchaseState = button.state;
button.addEventListener('store-purchase-request', (event) => event.preventDefault());
button.addEventListener('store-purchase-complete', (event) => {
  const orderId: string | undefined = event.detail.orderId;
  return orderId;
});
document.addEventListener('store-purchase-error', (event) => isStoreOffersError(event.detail.error) && event.detail.status);
window.addEventListener('store-claim-change', (event) => event.detail.claim.state === 'claimed');
document.querySelector('store-offer-banner')!.addEventListener('store-offer-dismiss', (event) => event.detail.trackingId);
document.querySelector('store-claim-status')!.trackingId = '5de5dd29-6dce-4e68-b45e-d8ee6c2cd203';

const mock = installMockWebView({ purchase: { status: 'AlreadyPurchased' } });
mock.uninstall();
const middleware = mockStoreMiddleware(createMockStore());

// @ts-expect-error a token is a string or a function returning a promise, never a number
provider.token = 42;
// @ts-expect-error `state` is read-only
button.state = 'idle';
// @ts-expect-error `status` of a completed purchase is never a failure
const failed: StorePurchaseCompleteDetail['status'] = 'not-purchased';
// @ts-expect-error no such tag in the library
const unknown: HTMLElementTagNameMap['store-offer'] = provider;

export { failed, middleware, offers, state, status, unknown };
