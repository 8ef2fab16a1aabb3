import { StoreOffers } from './store-offers.js';

customElements.get('store-offers') || customElements.define('store-offers', StoreOffers);
