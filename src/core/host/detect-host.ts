/** `detectHost`: finds the host the page runs in. */
import type { StoreHost } from '../types.js';
import { digitalGoodsHost, type DigitalGoodsGlobal } from './digital-goods-host.js';
import { functionHost } from './function-host.js';
import { hostObjectHost, type StoreOffersHostObject } from './host-object-host.js';
import { hasNotify, uwpWebViewHost, type UwpGlobal } from './uwp-webview-host.js';
import { webView2Host, type WebViewGlobal } from './webview2-host.js';

/**
 * The host of `target` (default `window`), first found in this order: the host object
 * `chrome.webview.hostObjects.storeOffers` → WebView2 messages (`chrome.webview`) → UWP
 * `external.notify` → `window.storeOffersHost` (a plain `StoreHost`) → Digital Goods
 * (`getDigitalGoodsService`) → `undefined` (no host: purchases are unavailable).
 */
export function detectHost(target: Window = window): StoreHost | undefined {
  const scope = target as Window & WebViewGlobal & UwpGlobal & DigitalGoodsGlobal & { storeOffersHost?: StoreHost };
  const webview = scope.chrome?.webview;
  const proxy = webview?.hostObjects?.storeOffers as StoreOffersHostObject | undefined;
  if (proxy) return hostObjectHost(proxy);
  if (webview) return webView2Host({ webview });
  if (hasNotify(scope)) return uwpWebViewHost({ target });
  if (scope.storeOffersHost) return functionHost(scope.storeOffersHost);
  if (typeof scope.getDigitalGoodsService === 'function') return digitalGoodsHost({ target: scope });
  return undefined;
}
