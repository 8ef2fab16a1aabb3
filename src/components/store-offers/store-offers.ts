import { html, type PropertyValues } from 'lit';
import { createClaimQueue, type ClaimQueue, type ClaimQueueOptions } from '../../core/claims/claim-queue.js';
import type { StoreOffersError } from '../../core/errors.js';
import { detectHost } from '../../core/host/detect-host.js';
import { functionHost } from '../../core/host/function-host.js';
import { createOffersClient, type OffersClient } from '../../core/offers-client.js';
import { createTokenProvider } from '../../core/token-provider.js';
import type { StoreHost, StoreOffer, TokenSource } from '../../core/types.js';
import { StoreOffersErrorEvent } from '../../events/store-offers-error.js';
import { StoreOffersLoadEvent } from '../../events/store-offers-load.js';
import { provideStoreContext, type OffersStatus } from '../../internal/context.js';
import { createProductsLoader, type ProductsLoader } from '../../internal/products-loader.js';
import { StoreElement } from '../../internal/store-element.js';
import { styles } from './store-offers.styles.js';

/**
 * No request is sent before there is a token: the `token` property, or the host's
 * `getToken`. With neither, the provider waits (`status` `idle`) until a token is set. Changing
 * `token`, `endpoint` or `host` drops the offers from memory and fetches again. Offers are never
 * stored. Product data for the offers' products is asked from the host in one `getProducts` call
 * as soon as the offers arrive, for the banners inside.
 *
 * @summary Holds the configuration, fetches the offers once and shares them, the host, the
 * product data and the claim queue with every element inside it.
 *
 * @attr {string} endpoint - The offers URL (`https:`, or `http:` on localhost).
 * @attr {'auto' | 'off'} claims - `auto` (default): claim after every successful purchase of an offer; `off`.
 *
 * @slot - The banners, buttons and claim statuses that show the offers.
 *
 * @event {StoreOffersLoadEvent} store-offers-load - The offers arrived; `detail: { offers: StoreOffer[] }` (empty when the user has none).
 * @event {StoreOffersErrorEvent} store-offers-error - Loading failed, or a purchase inside could not be claimed (`claim-unavailable`); `detail: { error: StoreOffersError }`.
 *
 * @csspart base - The wrapper around the slot.
 */
export class StoreOffers extends StoreElement {
  static override styles = styles;
  static override properties = {
    endpoint: {},
    token: { attribute: false },
    host: { attribute: false },
    claims: {},
    claimOptions: { attribute: false },
  };

  /**
   * The offers URL (default `https://manage.devcenter.microsoft.com/v2.0/my/storeoffers/user`).
   * Only `https:`, or `http:` on localhost / 127.0.0.1 / [::1]; anything else is an
   * `invalid-config` error (`status` `error`). `null` (the attribute removed) is the default again.
   */
  declare endpoint?: string | null;

  /**
   * The MSA token: a string, or an async function (called with `{ forceRefresh: true }` after a
   * 401). Property only: never an attribute, never reflected, kept in memory only. When unset, the
   * host's `getToken` is used.
   */
  declare token?: TokenSource;

  /** The native bridge (`StoreHost`). Property only; detected with `detectHost()` when unset. */
  declare host?: StoreHost;

  /** `auto`: claim every successful purchase of an offer (queued, retried, durable); `off`: never claim. */
  claims: 'auto' | 'off' = 'auto';

  /**
   * Options of the claim queue (storage `key`, `retry` backoff…). Property only; read when the
   * element connects, and once more at its first update (frameworks set properties after inserting
   * the element).
   */
  declare claimOptions?: ClaimQueueOptions;

  #status: OffersStatus = 'idle';
  #offers: StoreOffer[] = [];
  #host?: StoreHost;
  /** The `host` property `#host` was made from (`null`: none made yet, or dropped on disconnect). */
  #given?: StoreHost | null = null;
  #client?: OffersClient;
  #configError?: unknown;
  #product?: ProductsLoader;
  #queue?: ClaimQueue;
  /** The `claimOptions` `#queue` was made with. */
  #queueOptions?: ClaimQueueOptions;

  /** Aborts the load under way. */
  #loading?: AbortController;
  /** Set by `#configure`: the next update loads the offers with the new client. */
  #reload = false;

  constructor() {
    super();
    provideStoreContext(this, () => ({
      status: this.#status,
      offers: this.#offers,
      host: this.#host,
      claims: this.claims === 'off' ? undefined : this.#queue,
      strings: this.strings,
      product: this.#product!,
    }));
  }

  /** The current offers (read-only; empty until `status` is `ready`, and after the token changes). */
  get offers(): readonly StoreOffer[] {
    return this.#offers;
  }

  /** `idle` (no token yet) · `loading` · `ready` · `empty` (no offers for this user) · `error`. Read-only. */
  get status(): OffersStatus {
    return this.#status;
  }

  override connectedCallback() {
    // A move (disconnected and connected in one task) keeps it all: the offers, the host, the queue.
    if (!this.#queue) {
      this.#queue = createClaimQueue((this.#queueOptions = this.claimOptions));
      this.#configure();
    }
    super.connectedCallback();
    this.requestUpdate();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    // Not when only moved (a re-parenting, a reorder): that must cut no claim POST, no purchase.
    // (A promise, not queueMicrotask: EdgeHTML 18 has none.)
    void Promise.resolve().then(() => {
      if (this.isConnected) return;
      this.#queue?.dispose();
      this.#queue = undefined;
      this.#dropHost();
    });
  }

  override willUpdate(changed: PropertyValues<this>) {
    // Also before the first update: frameworks (React's layout effects, @lit/react) and upgrades
    // set properties after connectedCallback configured the provider.
    const requeue = !this.hasUpdated && this.#queue && this.claimOptions !== this.#queueOptions;
    if (requeue) {
      // No timer of the first queue has fired yet: nothing is cut.
      this.#queue!.dispose();
      this.#queue = createClaimQueue((this.#queueOptions = this.claimOptions));
    }
    if (changed.has('token') || changed.has('endpoint') || changed.has('host')) this.#configure();
    else if (requeue || changed.has('claims')) this.#connectQueue();
    if (this.#reload) {
      this.#reload = false;
      this.refresh();
    }
  }

  /** (Re)builds the client, and host and product loader when `host` changed; drops the offers. */
  #configure() {
    const given = this.host;
    if (given !== this.#given) {
      this.#dropHost();
      this.#given = given;
      // A host set by the app is checked like a detected one (native spellings, malformed answers, timeouts).
      this.#product = createProductsLoader((this.#host = given ? functionHost(given) : detectHost()));
    }
    this.#offers = [];
    this.#client = this.#configError = undefined;
    try {
      // null: the attribute was removed (Lit sets null), which means the default endpoint again.
      this.#client = createOffersClient({ endpoint: this.endpoint ?? undefined, token: createTokenProvider(this.token ?? undefined, this.#host) });
    } catch (error) {
      this.#configError = error;
    }
    this.#reload = true;
    this.#connectQueue();
  }

  /** Lets go of the host, disposing it when it was detected (one set by the app stays the app's). */
  #dropHost() {
    if (!this.#given) this.#host?.dispose?.();
    this.#given = null;
    this.#host = undefined;
  }

  #connectQueue() {
    this.#queue?.connect(this.claims === 'off' ? null : (this.#client ?? null));
  }

  /** Fetches the offers again (aborting a load under way); resolves when done (see `status`), also when a later call superseded it. */
  refresh(): Promise<void> {
    return (this.#refreshing = this.#load());
  }

  /** The last `refresh()`: what a superseded one resolves with. */
  #refreshing?: Promise<void>;

  async #load(): Promise<void> {
    this.#loading?.abort();
    const { signal } = (this.#loading = new AbortController());
    const configError = this.#configError;
    this.requestUpdate();
    // null is "no token yet" too (a framework's initial state), as the token provider reads it.
    if (!configError && this.token == null && !this.#host) {
      this.#status = 'idle';
      return;
    }
    this.#status = 'loading';
    try {
      if (configError) throw configError;
      const offers = await this.#client!.getOffers({ signal });
      if (signal.aborted) return this.#refreshing;
      this.#offers = offers;
      // Product data is on its way before the banners render (they ask for these same products).
      // (`map().flat()`: EdgeHTML 18 has no flatMap, the legacy shims give it `flat`.)
      this.#product!.prefetch(offers.map((offer) => offer.offers).flat());
      this.#status = offers.length ? 'ready' : 'empty';
      // The elements inside get the offers first: a listener may click a button right away.
      this.requestUpdate();
      await this.updateComplete;
      if (signal.aborted) return this.#refreshing;
      this.emit(new StoreOffersLoadEvent({ offers }));
    } catch (error) {
      if (signal.aborted) return this.#refreshing;
      this.#status = 'error';
      this.requestUpdate();
      this.emit(new StoreOffersErrorEvent({ error: error as StoreOffersError }));
    }
  }

  override render() {
    return html`<div part="base"><slot></slot></div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'store-offers': StoreOffers;
  }
}
