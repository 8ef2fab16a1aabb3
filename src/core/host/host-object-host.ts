/** `hostObjectHost`: the message protocol through a host object's `invoke(requestJson)`. */
import type { StoreHost } from '../types.js';
import { createMessageHost, type HostTransport, type MessageHostOptions } from './message-host.js';

/** A WebView2 host object (`chrome.webview.hostObjects.storeOffers`) or a UWP `AddWebAllowedObject` object. */
export interface StoreOffersHostObject {
  /** Takes a request as JSON, resolves with the response as JSON. */
  invoke(requestJson: string): PromiseLike<string>;
}

/**
 * A host behind a host object: each request is passed as a JSON string to `proxy.invoke`, whose
 * result is the response JSON (same protocol, same id matching). A rejected or throwing `invoke`
 * fails the call with `host-error` (its error is the `cause`).
 */
export function hostObjectHost(proxy: StoreOffersHostObject, options?: MessageHostOptions): StoreHost {
  return createMessageHost(hostObjectTransport(proxy), options);
}

/**
 * The transport through `proxy.invoke`: the answer is its result (`detectHost` picks it, or web
 * messages, in WebView2).
 */
export function hostObjectTransport(proxy: StoreOffersHostObject): HostTransport {
  return { send: (message) => proxy.invoke(JSON.stringify(message)) };
}
