import { defineElement } from '../../internal/define-element.js';
import { StorePurchaseButton } from './store-purchase-button.js';

defineElement('store-purchase-button', StorePurchaseButton);
