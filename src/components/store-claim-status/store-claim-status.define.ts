import { StoreClaimStatus } from './store-claim-status.js';

customElements.get('store-claim-status') || customElements.define('store-claim-status', StoreClaimStatus);
