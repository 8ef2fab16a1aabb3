import { StoreOffers } from './store-offers.js';

// Another copy of the library may have registered the tag already: the first one keeps it.
if (!customElements.get('store-offers')) customElements.define('store-offers', StoreOffers);
