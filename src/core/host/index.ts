/** The host bridge: every adapter, the message protocol and purchase outcome normalisation. */
export { normalizePurchaseOutcome, orderIdFromExtendedJson, claimReceipt } from './purchase-outcome.js';
export { functionHost, type UncheckedHost } from './function-host.js';
export {
  createMessageHost,
  HOST_CHANNEL,
  type HostRequest,
  type HostTransport,
  type MessageHostOptions,
} from './message-host.js';
export { webView2Host, type ChromeWebView } from './webview2-host.js';
export { hostObjectHost, type StoreOffersHostObject } from './host-object-host.js';
export { uwpWebViewHost } from './uwp-webview-host.js';
export {
  digitalGoodsHost,
  STORE_BILLING,
  type DigitalGoodsGlobal,
  type DigitalGoodsHostOptions,
} from './digital-goods-host.js';
export { detectHost } from './detect-host.js';
