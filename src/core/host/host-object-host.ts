/** `hostObjectHost`: the message protocol through a host object's `invoke(requestJson)`. */
import type { StoreHost } from '../types.js';
import { HOST_CHANNEL, createMessageHost, type MessageHostOptions } from './message-host.js';

/** A WebView2 host object (`chrome.webview.hostObjects.storeOffers`) or a UWP `AddWebAllowedObject` object. */
export interface StoreOffersHostObject {
  /** Takes a request as JSON, resolves with the response as JSON. */
  invoke(requestJson: string): PromiseLike<string>;
}

/**
 * A host behind a host object: each request is passed as a JSON string to `proxy.invoke`, whose
 * result is the response JSON (same protocol, same id matching). A rejected or throwing `invoke`
 * becomes an error answer (`host-error`).
 */
export function hostObjectHost(proxy: StoreOffersHostObject, options?: MessageHostOptions): StoreHost {
  let deliver: (data: unknown) => void = () => {};
  return createMessageHost(
    {
      send(message) {
        new Promise<string>((resolve) => resolve(proxy.invoke(JSON.stringify(message)))).then(
          (answer) => deliver(answer),
          (error) => deliver({ channel: HOST_CHANNEL, v: 1, id: message.id, error: { code: 'invoke-failed', message: String(error) } }),
        );
      },
      subscribe(listener) {
        deliver = listener;
        return () => (deliver = () => {});
      },
    },
    options,
  );
}
