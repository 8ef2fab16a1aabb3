import '../store-purchase-button/store-purchase-button.define.js';
import { StoreOfferBanner } from './store-offer-banner.js';

customElements.get('store-offer-banner') || customElements.define('store-offer-banner', StoreOfferBanner);
