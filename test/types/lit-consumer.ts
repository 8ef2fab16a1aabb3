// A Lit app's template with every tag, attribute, property and event of the package, as a Lit
// user writes it in VS Code with lit-plugin. Compiled by test/node/types.test.js (against the
// built dist/); test/node/lit-analyzer.test.js runs `lit-analyzer --strict` on it, which must
// find nothing (it reads the attributes from the classes' `@attr` JSDoc).
import { html, LitElement } from 'lit';
import 'store-offer-elements/define.js';
import {
  functionHost,
  type StoreClaimChangeEvent,
  type StoreOfferDismissEvent,
  type StoreOfferImpressionEvent,
  type StoreOffersErrorEvent,
  type StoreOffersLoadEvent,
  type StorePurchaseCompleteEvent,
  type StorePurchaseErrorEvent,
  type StorePurchaseRequestEvent,
} from 'store-offer-elements';

export class ShopView extends LitElement {
  host = functionHost({ purchase: async () => ({ status: 'NotPurchased' }) });
  token = async () => 'token';

  override render() {
    return html`<store-offers
      endpoint="https://manage.devcenter.microsoft.com/v2.0/my/storeoffers/user"
      claims="auto"
      lang="fr"
      dir="ltr"
      .token=${this.token}
      .host=${this.host}
      .claimOptions=${{ key: 'shop-claims' }}
      .strings=${{ buy: 'Acheter maintenant' }}
      @store-offers-load=${(event: StoreOffersLoadEvent) => event.detail.offers.length}
      @store-offers-error=${(event: StoreOffersErrorEvent) => event.detail.error.code}
      @store-claim-change=${(event: StoreClaimChangeEvent) => event.detail.claim.state}
    >
      <store-offer-banner
        product-id="coins-100"
        dismissible
        dismiss-days="3"
        .dismissDays=${3}
        .productId=${'coins-100'}
        @store-offer-dismiss=${(event: StoreOfferDismissEvent) => event.detail.trackingId}
        @store-offer-impression=${(event: StoreOfferImpressionEvent) => event.detail.productId}
        @store-purchase-complete=${(event: StorePurchaseCompleteEvent) => event.detail.orderId}
      ></store-offer-banner>
      <store-purchase-button
        product-id="remove-ads"
        tracking-id="5de5dd29-6dce-4e68-b45e-d8ee6c2cd203"
        product-name="Remove ads"
        .productName=${'Remove ads'}
        .trackingId=${undefined}
        @store-purchase-request=${(event: StorePurchaseRequestEvent) => event.preventDefault()}
        @store-purchase-complete=${(event: StorePurchaseCompleteEvent) => event.detail.status}
        @store-purchase-error=${(event: StorePurchaseErrorEvent) => event.detail.error.code}
        >Remove ads</store-purchase-button
      >
      <store-claim-status tracking-id="5de5dd29-6dce-4e68-b45e-d8ee6c2cd203" .trackingId=${'5de5dd29-6dce-4e68-b45e-d8ee6c2cd203'}></store-claim-status>
    </store-offers>`;
  }
}
