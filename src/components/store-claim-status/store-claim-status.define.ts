import { StoreClaimStatus } from './store-claim-status.js';

// Another copy of the library may have registered the tag already: the first one keeps it.
if (!customElements.get('store-claim-status')) customElements.define('store-claim-status', StoreClaimStatus);
