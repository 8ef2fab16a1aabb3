import { StorePurchaseButton } from './store-purchase-button.js';

customElements.get('store-purchase-button') || customElements.define('store-purchase-button', StorePurchaseButton);
