import '../store-purchase-button/store-purchase-button.define.js';
import { defineElement } from '../../internal/define-element.js';
import { StoreOfferBanner } from './store-offer-banner.js';

defineElement('store-offer-banner', StoreOfferBanner);
