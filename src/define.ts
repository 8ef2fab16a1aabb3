/** Registers every `store-*` tag. */
import './components/store-offers/store-offers.define.js';
import './components/store-purchase-button/store-purchase-button.define.js';
import './components/store-offer-banner/store-offer-banner.define.js';
import './components/store-claim-status/store-claim-status.define.js';
