import { defineElement } from '../../internal/define-element.js';
import { StoreClaimStatus } from './store-claim-status.js';

defineElement('store-claim-status', StoreClaimStatus);
