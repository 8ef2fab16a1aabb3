/**
 * A minimal implementation of the web components community context protocol
 * (`context-request` / `context-provider` events), for the one context of this library: the
 * services and state `<store-offers>` shares with the elements inside it. (This replaces
 * @lit/context, to keep Lit the only runtime dependency; it interoperates with it.)
 * The provider is `<store-offers>`; `StoreElement` is the consumer.
 */
import type { ReactiveControllerHost } from 'lit';
import type { ClaimQueue } from '../core/claims/claim-queue.js';
import type { ProductInfo, StoreHost, StoreOffer } from '../core/types.js';
import type { Strings } from './strings.js';

/** The status of `<store-offers>`. */
export type OffersStatus = 'idle' | 'loading' | 'ready' | 'empty' | 'error';

/** What `<store-offers>` shares. A new object after every change of the provider. */
export interface StoreContext {
  readonly status: OffersStatus;
  readonly offers: readonly StoreOffer[];
  /** The host purchases go through; `undefined` when there is none. */
  readonly host: StoreHost | undefined;
  /** The claim queue; `undefined` when `claims="off"`. */
  readonly claims: ClaimQueue | undefined;
  /** The provider's string overrides. */
  readonly strings: Partial<Strings> | undefined;
  /** Product data from the host, batched with every other request of the same task; `undefined` when unknown. */
  product(productId: string): Promise<ProductInfo | undefined>;
}

/** A consumer's callback: the value, and how to stop getting it. */
export type ContextCallback = (value: StoreContext, unsubscribe?: () => void) => void;

/** The protocol's events, as far as this library reads them. */
export interface ContextEvent extends Event {
  readonly context: unknown;
  readonly callback: ContextCallback;
  readonly subscribe?: boolean;
}

/** The context key (a string, so that two copies of the library still match). */
export const storeContext = 'store-offers';

/**
 * Dispatches the protocol's `context-request` (with `callback` and `subscribe`) or
 * `context-provider` event for this library's context from `target`.
 */
export function dispatchContextEvent(target: EventTarget, type: string, init?: Partial<ContextEvent>) {
  target.dispatchEvent(Object.assign(new Event(type, { bubbles: true, composed: true }), { context: storeContext, ...init }));
}

/**
 * Makes `host` the provider: it answers requests from inside it (never its own, like
 * @lit/context), announces itself when connected, and gives subscribers `value()` after each of
 * its updates.
 */
export function provideStoreContext(host: ReactiveControllerHost & HTMLElement, value: () => StoreContext) {
  const subscribers = new Set<ContextCallback>();
  const send = (callback: ContextCallback) => callback(value(), () => subscribers.delete(callback));
  host.addEventListener('context-request', (event) => {
    const { context, callback, subscribe } = event as ContextEvent;
    if (context !== storeContext || event.composedPath()[0] === host) return;
    event.stopPropagation();
    if (subscribe) subscribers.add(callback);
    send(callback);
  });
  host.addController({
    hostConnected: () => dispatchContextEvent(host, 'context-provider'),
    hostUpdated: () => subscribers.forEach(send),
  });
}
