/** `detectHost`: finds the host the page runs in. */
import type { StoreHost } from '../types.js';
import { digitalGoodsHost, type DigitalGoodsGlobal } from './digital-goods-host.js';
import { functionHost } from './function-host.js';
import { hostObjectTransport, type StoreOffersHostObject } from './host-object-host.js';
import { createMessageHost, type HostTransport } from './message-host.js';
import { hasNotify, uwpWebViewHost, type UwpGlobal } from './uwp-webview-host.js';
import { webViewTransport, type WebViewGlobal } from './webview2-host.js';

/**
 * The host of `target` (default `window`), first found in this order: the host object
 * `chrome.webview.hostObjects.storeOffers` → WebView2 messages (`chrome.webview`) → UWP
 * `external.notify` → `window.storeOffersHost` (a plain `StoreHost`) → Digital Goods
 * (`getDigitalGoodsService`) → `undefined` (no host: purchases are unavailable).
 *
 * WebView2 answers every name under `hostObjects` with a host object proxy, a promise that is
 * rejected when the app added no object by that name; so in WebView2 the first request finds out
 * which way requests go: through the host object when it resolves, else as web messages.
 */
export function detectHost(target: Window = window): StoreHost | undefined {
  const scope = target as Window & WebViewGlobal & UwpGlobal & DigitalGoodsGlobal & { storeOffersHost?: StoreHost };
  const webview = scope.chrome?.webview;
  if (webview) {
    const messages = webViewTransport(webview);
    const proxy = webview.hostObjects?.storeOffers as StoreOffersHostObject | undefined;
    if (!proxy) return createMessageHost(messages);
    /** Which way requests go, found at the first one. */
    let chosen: Promise<HostTransport> | undefined;
    const choose = () => {
      chosen ??= Promise.resolve(proxy).then(
        () => hostObjectTransport(proxy),
        () => messages,
      );
      return chosen;
    };
    return createMessageHost({ ...messages, send: async (message) => (await choose()).send(message) });
  }
  if (hasNotify(scope)) return uwpWebViewHost({ target });
  if (scope.storeOffersHost) return functionHost(scope.storeOffersHost);
  if (typeof scope.getDigitalGoodsService === 'function') return digitalGoodsHost({ target: scope });
  return undefined;
}
