import { StorePurchaseButton } from './store-purchase-button.js';

// Another copy of the library may have registered the tag already: the first one keeps it.
if (!customElements.get('store-purchase-button')) customElements.define('store-purchase-button', StorePurchaseButton);
