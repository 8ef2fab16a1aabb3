/**
 * A minimal implementation of the web components community context protocol
 * (`context-request` / `context-provider` events), for the one context of this library: the
 * services and state `<store-offers>` shares with the elements inside it. (Runtime dependencies
 * stay lit, @lit/task and jwt-decode, so this replaces @lit/context; it interoperates with it.)
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
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

/** The context key (a string, so that two copies of the library still match). */
export const storeContext = 'store-offers';

type ContextCallback = (value: StoreContext, unsubscribe?: () => void) => void;

/** `context-request`: a consumer asks the nearest provider of `context` for its value. */
export class ContextRequestEvent extends Event {
  constructor(
    readonly context: unknown,
    readonly callback: ContextCallback,
    readonly subscribe?: boolean,
  ) {
    super('context-request', { bubbles: true, composed: true });
  }
}

/** `context-provider`: a provider appeared; consumers still without a value ask again. */
export class ContextProviderEvent extends Event {
  constructor(readonly context: unknown) {
    super('context-provider', { bubbles: true, composed: true });
  }
}

/** Answers context requests from inside `host` and tells subscribers after every update of `host`. */
export class StoreContextProvider implements ReactiveController {
  #subscribers = new Set<ContextCallback>();

  constructor(
    private host: ReactiveControllerHost & HTMLElement,
    private value: () => StoreContext,
  ) {
    host.addController(this);
    host.addEventListener('context-request', (event) => {
      const { context, callback, subscribe } = event as ContextRequestEvent;
      if (context !== storeContext) return;
      event.stopPropagation();
      if (subscribe) this.#subscribers.add(callback);
      callback(this.value(), () => this.#subscribers.delete(callback));
    });
  }

  hostConnected() {
    this.host.dispatchEvent(new ContextProviderEvent(storeContext));
  }

  hostUpdated() {
    const value = this.value();
    for (const callback of this.#subscribers) callback(value, () => this.#subscribers.delete(callback));
  }
}

/** Subscribes `host` to the nearest `<store-offers>`; `value` is `undefined` outside one. */
export class StoreContextConsumer implements ReactiveController {
  /** The provider's latest value. */
  value?: StoreContext;
  #unsubscribe?: () => void;

  constructor(private host: ReactiveControllerHost & HTMLElement) {
    host.addController(this);
  }

  hostConnected() {
    this.#request();
    addEventListener('context-provider', this.#onProvider);
  }

  hostDisconnected() {
    this.#unsubscribe?.();
    this.#unsubscribe = this.value = undefined;
    removeEventListener('context-provider', this.#onProvider);
  }

  #request() {
    this.host.dispatchEvent(
      new ContextRequestEvent(
        storeContext,
        (value, unsubscribe) => {
          this.value = value;
          this.#unsubscribe = unsubscribe;
          this.host.requestUpdate();
        },
        true,
      ),
    );
  }

  #onProvider = (event: Event) => {
    if (!this.value && (event as ContextProviderEvent).context === storeContext) this.#request();
  };
}
