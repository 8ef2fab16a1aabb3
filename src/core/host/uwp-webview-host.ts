/** `uwpWebViewHost`: the message protocol over EdgeHTML's `window.external.notify` and `InvokeScriptAsync`. */
import type { StoreHost } from '../types.js';
import { hostUnavailable } from './host-results.js';
import { createMessageHost, type MessageHostOptions } from './message-host.js';

/** The globals the UWP WebView path uses. */
export type UwpGlobal = {
  external?: { notify?(json: string): void };
  storeOffersReceive?: (json: string) => void;
};

/** Whether `target` has EdgeHTML's `external.notify` (checked with `in`: old engines report odd `typeof`s). */
export const hasNotify = (target: UwpGlobal) => 'notify' in Object(target.external);

/**
 * A host in a UWP XAML WebView: requests go out as JSON strings through `window.external.notify`;
 * the host answers by calling the global `storeOffersReceive(responseJson)` with
 * `InvokeScriptAsync`. The global is installed while the host lives; an existing one keeps being
 * called, and `dispose()` restores it. Without `notify`, calls reject with `host-unavailable`.
 */
export function uwpWebViewHost(options: MessageHostOptions & { target?: Window } = {}): StoreHost {
  const target = (options.target ?? globalThis) as UwpGlobal;
  return createMessageHost(
    {
      send(message) {
        if (!hasNotify(target)) throw hostUnavailable('window.external.notify');
        target.external!.notify!(JSON.stringify(message));
      },
      subscribe(listener) {
        const previous = target.storeOffersReceive;
        // Still called after dispose when another script chained onto it: the disposed host ignores it.
        const receive = (json: string) => {
          listener(json);
          previous?.(json);
        };
        target.storeOffersReceive = receive;
        return () => {
          if (target.storeOffersReceive == receive) {
            if (previous) target.storeOffersReceive = previous;
            else delete target.storeOffersReceive;
          }
        };
      },
    },
    options,
  );
}
