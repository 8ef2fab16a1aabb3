import '../store-purchase-button/store-purchase-button.define.js';
import { StoreOfferBanner } from './store-offer-banner.js';

// Another copy of the library may have registered the tag already: the first one keeps it.
if (!customElements.get('store-offer-banner')) customElements.define('store-offer-banner', StoreOfferBanner);
