/** `webView2Host`: the message protocol over `chrome.webview.postMessage` and `message` events. */
import type { StoreHost } from '../types.js';
import { hostUnavailable } from './host-results.js';
import { createMessageHost, type HostTransport, type MessageHostOptions } from './message-host.js';

/** The part of WebView2's `window.chrome.webview` this library uses. */
export interface ChromeWebView {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  /** Host objects added with `AddHostObjectToScript`. */
  hostObjects?: Record<string, unknown>;
}

/** Where WebView2 puts its page-side API. */
export type WebViewGlobal = { chrome?: { webview?: ChromeWebView } };

/**
 * A host answering over WebView2 web messages (`PostWebMessageAsJson`): requests go out with
 * `chrome.webview.postMessage(object)`, answers arrive as `message` events whose `data` is the
 * parsed object. `webview` defaults to `window.chrome.webview`; without one, calls reject with
 * `host-unavailable`.
 */
export function webView2Host(options: MessageHostOptions & { webview?: ChromeWebView } = {}): StoreHost {
  return createMessageHost(webViewTransport(options.webview ?? (globalThis as WebViewGlobal).chrome?.webview), options);
}

/** The web-message transport of `webview` (`detectHost` sends through a host object instead when the app added one). */
export function webViewTransport(webview: ChromeWebView | undefined): HostTransport {
  return {
    send(message) {
      if (!webview) throw hostUnavailable('chrome.webview');
      webview.postMessage(message);
    },
    subscribe(listener) {
      const onMessage = (event: MessageEvent) => listener(event.data);
      webview?.addEventListener('message', onMessage);
      return () => webview?.removeEventListener('message', onMessage);
    },
  };
}
