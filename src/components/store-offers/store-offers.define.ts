import { defineElement } from '../../internal/define-element.js';
import { StoreOffers } from './store-offers.js';

defineElement('store-offers', StoreOffers);
