import { ContextProvider } from '@lit/context';
import { Task, TaskStatus } from '@lit/task';
import { html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { createClaimQueue, type ClaimQueue, type ClaimQueueOptions } from '../../core/claims/claim-queue.js';
import { takeJournaledPurchases } from '../../core/claims/purchase-journal.js';
import type { StoreOffersError } from '../../core/errors.js';
import { detectHost } from '../../core/host/detect-host.js';
import { functionHost } from '../../core/host/function-host.js';
import type { OffersClient } from '../../core/offers-client.js';
import type { Claim, StoreHost, StoreOffer, TokenSource } from '../../core/types.js';
import { StoreClaimChangeEvent } from '../../events/store-claim-change.js';
import { StoreOffersErrorEvent } from '../../events/store-offers-error.js';
import { StoreOffersLoadEvent } from '../../events/store-offers-load.js';
import { storeContext, type OffersStatus, type StoreContext } from '../../internal/context.js';
import { inBackground } from '../../internal/background-task.js';
import { ignore } from '../../core/ignore.js';
import { createProductsLoader, type ProductsLoader } from '../../internal/products-loader.js';
import { StoreElement } from '../../internal/store-element.js';
import { createStoreCalls } from '../../internal/store-calls.js';
import { styles } from './store-offers.styles.js';

/** No offers: before the first load, and at once after the token, endpoint or host changed. */
const NO_OFFERS: readonly StoreOffer[] = Object.freeze([]);

/**
 * What the host said of the signed-in account: `none` (it does not announce `getAccount`: no
 * accounts, every claim is current), `asking` (not known yet: claims wait), or the account.
 */
type HostAccount =
  | { readonly kind: 'none' }
  | { readonly kind: 'asking' }
  | { readonly kind: 'known'; readonly account: string | null };

/** The account claims and offers belong to now; `known: false` while the host is being asked. */
type CurrentAccount = { readonly known: false } | { readonly known: true; readonly account: string | null | undefined };

/** The host in use and the `host` property it was made from. */
interface HostInUse {
  /** The `host` property; `undefined`: none was set, `host` was detected. */
  readonly given: StoreHost | undefined;
  /** `given` checked by `functionHost`, or the detected host; `undefined` when there is none. */
  readonly host: StoreHost | undefined;
  /** Product data from `host`, batched for all the banners. */
  readonly products: ProductsLoader;
}

/**
 * What the offers load from, made again whenever `token`, `endpoint` or the host changes: a client
 * (which waits when no token can be had yet: nothing may be sent then), or the configuration error.
 */
type OffersSource =
  | { readonly kind: 'can-load' | 'waiting-for-token'; readonly client: OffersClient; readonly products: ProductsLoader }
  | { readonly kind: 'invalid'; readonly error: unknown };

/**
 * What one run of the offers task ended with. Not @lit/task's `initialState` for "nothing asked":
 * a run that ends in it never settles `taskComplete`, which `refresh()` waits for.
 */
type OffersLoad = { readonly kind: 'loaded'; readonly offers: StoreOffer[] } | { readonly kind: 'nothing-asked' };

/**
 * When the host announces `storeRequest` (in its `hello`) and the app set neither `token` nor
 * `endpoint`, every offers GET and claim POST is carried by the host, which sends it with its own
 * token: the page never asks for nor holds one (no CORS either). Otherwise no request is sent
 * before there is a token: the `token` property, or the host's `getToken`. With neither, the
 * provider waits (`status` `idle`) until a token is set. Changing `token`, `endpoint` or `host`
 * drops the offers from memory and fetches again. Offers are never stored. Product data for the
 * banners inside is asked from the host in one `getProducts` call: at once when every banner has
 * a `product-id`, else as soon as the offers arrive. What does not depend on the host's `hello`
 * does not wait for it (docs/host-protocol.md "Before hello"): on a slow host the start-up
 * requests overlap.
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
 * @event {StoreOffersErrorEvent} store-offers-error - Loading failed, or a purchase inside could not be claimed (`claim-unavailable`), or a journaled purchase matched no offer (`purchase-unmatched`); `detail: { error: StoreOffersError }`.
 * @event {StoreClaimChangeEvent} store-claim-change - A claim of the current account changed state (this tab's or another's), once per change, with or without a `<store-claim-status>`. `detail: { claim: { id, trackingId, productId, state, attempts, error? } }`.
 *
 * @csspart base - The wrapper around the slot.
 */
export class StoreOffers extends StoreElement {
  static override styles = styles;

  /**
   * The offers URL (default `https://manage.devcenter.microsoft.com/v2.0/my/storeoffers/user`).
   * Only `https:`, or `http:` on localhost / 127.0.0.1 / [::1]; anything else is an
   * `invalid-config` error (`status` `error`). `null` (the attribute removed) is the default again.
   */
  @property() endpoint?: string | null;

  /**
   * The MSA token: a string, or an async function (called with `{ forceRefresh: true }` after a
   * 401). Property only: never an attribute, never reflected, kept in memory only. When unset, the
   * host's `getToken` is used.
   */
  @property({ attribute: false }) token?: TokenSource;

  /** The native bridge (`StoreHost`). Property only; detected with `detectHost()` when unset. */
  @property({ attribute: false }) host?: StoreHost;

  /** `auto`: claim every successful purchase of an offer (queued, retried, durable); `off`: never claim. */
  @property() claims: 'auto' | 'off' = 'auto';

  /**
   * Options of the claim queue (storage `key`, `retry` backoff…). Property only; read when the
   * element connects, and once more at its first update (frameworks set properties after inserting
   * the element).
   */
  @property({ attribute: false }) claimOptions?: ClaimQueueOptions;

  /**
   * The opaque id of the signed-in Store user (a hash, never an e-mail; `null`: nobody is signed
   * in). Property only. When unset, the host's `getAccount` and its `account-changed` event say it
   * (when the host announces them); set by the app, it wins over the host. Claims are sent and
   * shown only for the current account; when it changes, the offers on screen are dropped at
   * once and fetched again.
   */
  @property({ attribute: false }) account?: string | null;

  /** `undefined`: not connected yet, or let go a task after a removal. */
  #hostInUse?: HostInUse;
  #source?: OffersSource;
  /** Aborted when the signed-in account changes: `#source`'s calls then send nothing more. */
  #sourceRetired = new AbortController();
  /** The offers of the last load from `#source`: kept while a refresh() loads or fails. */
  #offers: readonly StoreOffer[] = NO_OFFERS;
  #queue?: ClaimQueue;
  /** The `claimOptions` `#queue` was made with. */
  #queueOptions?: ClaimQueueOptions;
  /** What the host in use said of the account. */
  #hostAccount: HostAccount = { kind: 'none' };
  /** The account last applied to the queue and the offers; `undefined`: none known yet. */
  #applied?: { readonly account: string | null | undefined };
  /** Stops listening to the host's `account-changed`. */
  #unlistenAccount?: () => void;
  /** Whether `#offers` are a finished load for the current account (the journal's purchases are matched to them). */
  #offersLoaded = false;
  /** Whether the host's purchase journal is to be read: at start, and after the account changed. */
  #journalDue = true;
  /** Whether a read of the journal is to start in a coming task (`#takeJournal`): one at a time. */
  #journalScheduled = false;

  /** Shares the state with every element inside (the nearest provider wins). */
  readonly #context = new ContextProvider(this, { context: storeContext });

  /**
   * Loads the offers whenever the source changes (and on `refresh()`); a newer load aborts the one
   * under way, whose result is dropped.
   */
  readonly #load = new Task(this, {
    args: () => [this.#source] as const,
    task: async ([source], { signal }): Promise<OffersLoad> => {
      if (!source || source.kind === 'waiting-for-token') return { kind: 'nothing-asked' };
      if (source.kind === 'invalid') throw source.error;
      const offers = await source.client.getOffers({ signal });
      // Product data is on its way before the banners render: a banner without product-id asks
      // for one of these; those with one asked already, before the offers arrived.
      // (`map().flat()`: EdgeHTML 18 has no flatMap, the legacy shims give it `flat`.)
      source.products.offersArrived(offers.map((offer) => offer.offers).flat());
      return { kind: 'loaded', offers };
    },
    onComplete: (load) => {
      if (load.kind === 'nothing-asked') return;
      this.#offers = load.offers;
      this.#offersLoaded = true;
      this.#takeJournal();
      void this.#announce(new StoreOffersLoadEvent({ offers: load.offers }));
    },
    onError: (error) => void this.#announce(new StoreOffersErrorEvent({ error: error as StoreOffersError })),
  });

  /** The current offers (read-only; empty until `status` is `ready`, and after the token changes). */
  get offers(): readonly StoreOffer[] {
    return this.#offers;
  }

  /** `idle` (no token yet) · `loading` · `ready` · `empty` (no offers for this user) · `error`. Read-only. */
  get status(): OffersStatus {
    // Decided at once, not when the task's run that asks nothing has ended.
    if (!this.#source || this.#source.kind === 'waiting-for-token') return 'idle';
    switch (this.#load.status) {
      case TaskStatus.PENDING:
        return 'loading';
      case TaskStatus.COMPLETE:
        return this.#offers.length ? 'ready' : 'empty';
      case TaskStatus.ERROR:
        return 'error';
      default:
        return 'idle';
    }
  }

  override connectedCallback() {
    // A move (disconnected and connected in one task) keeps it all: the offers, the host, the queue.
    if (!this.#queue) {
      this.#queue = this.#createQueue();
      this.#configure();
    }
    // Before the provider announces itself: the elements inside get a value when they ask.
    this.#share();
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
    const requeue = !this.hasUpdated && this.#queue !== undefined && this.claimOptions !== this.#queueOptions;
    if (requeue) {
      // No timer of the first queue has fired yet: nothing is cut.
      this.#queue!.dispose();
      this.#queue = this.#createQueue();
    }
    if (changed.has('token') || changed.has('endpoint') || changed.has('host')) this.#configure();
    else if (requeue || changed.has('claims')) this.#connectQueue();
    if (changed.has('account')) this.#accountChanged();
    // claims="auto" again, or a new queue: a journal not read yet is read now.
    this.#takeJournal();
  }

  override updated() {
    this.#share();
  }

  #createQueue(): ClaimQueue {
    this.#queueOptions = this.claimOptions;
    const queue = createClaimQueue(this.#queueOptions);
    // Once per change of every claim of the current account (the queue says each change once);
    // disposing the queue ends its subscriptions.
    queue.subscribe((claim) => void this.#announceClaim(claim));
    return queue;
  }

  /**
   * Dispatches `store-claim-change` after the update that follows the change: the elements inside
   * (a `<store-claim-status>`) already show it when a listener looks.
   */
  async #announceClaim(claim: Claim) {
    if (this.claims === 'off') return;
    this.requestUpdate();
    await this.updateComplete;
    this.emit(new StoreClaimChangeEvent({ claim }));
  }

  /** Gives the elements inside the state as it is now (a new object: each of them updates). */
  #share() {
    const value: StoreContext = {
      status: this.status,
      offers: this.#offers,
      host: this.#hostInUse?.host,
      claims: this.claims === 'off' ? undefined : this.#queue,
      strings: this.strings,
      products: this.#hostInUse?.products,
      provider: this,
    };
    this.#context.setValue(value);
  }

  /** (Re)builds the source of the offers, and the host and products loader when `host` changed; drops the offers. */
  #configure() {
    const given = this.host;
    if (!this.#hostInUse || given !== this.#hostInUse.given) {
      this.#dropHost();
      // A host set by the app is checked like a detected one (native spellings, malformed answers, timeouts).
      const host = given ? functionHost(given) : detectHost();
      const inUse: HostInUse = { given, host, products: createProductsLoader(host) };
      this.#hostInUse = inUse;
      this.#journalDue = true;
      void this.#askAccount(inUse);
    }
    this.#dropOffers();
    this.#source = this.#createSource(this.#hostInUse);
    this.#connectQueue();
  }

  #createSource({ host, products }: HostInUse): OffersSource {
    // null is "no token yet" too (a framework's initial state), as the token provider reads it.
    const token = this.token ?? undefined;
    try {
      // null: the attribute was removed (Lit sets null), which means the default endpoint again.
      const endpoint = this.endpoint ?? undefined;
      // Host-carried when the host announces storeRequest and the app set neither token nor endpoint.
      const client = createStoreCalls({ host, token, endpoint, retired: this.#sourceRetired.signal });
      const kind = token === undefined && !host ? 'waiting-for-token' : 'can-load';
      return { kind, client, products };
    } catch (error) {
      return { kind: 'invalid', error };
    }
  }

  /** Lets go of the host, disposing it when it was detected (one set by the app stays the app's). */
  #dropHost() {
    const inUse = this.#hostInUse;
    if (inUse && !inUse.given) inUse.host?.dispose?.();
    this.#hostInUse = undefined;
    this.#unlistenAccount?.();
    this.#unlistenAccount = undefined;
    this.#hostAccount = { kind: 'none' };
  }

  /**
   * Sets the queue's account and submitter. While the account is being asked, nothing is sent: a
   * claim of another user must not go with this user's token.
   */
  #connectQueue() {
    const source = this.#source;
    const client = source && source.kind !== 'invalid' ? source.client : null;
    const current = this.#currentAccount();
    if (current.known) this.#queue?.setAccount(current.account);
    this.#queue?.connect(this.claims === 'off' || !current.known ? null : client);
  }

  /** The account now: the app's `account` when set, else what the host said. */
  #currentAccount(): CurrentAccount {
    if (this.account !== undefined) return { known: true, account: this.account };
    const said = this.#hostAccount;
    if (said.kind == 'asking') return { known: false };
    return { known: true, account: said.kind == 'known' ? said.account : undefined };
  }

  /**
   * Asks the host for the account at start and listens to its `account-changed` events (when it
   * announces `getAccount`). An event that arrives before the answer wins. A failed `getAccount`
   * leaves the account unknown: claims wait (stored, untouched) until the host says who it is.
   */
  async #askAccount(inUse: HostInUse) {
    const { host } = inUse;
    if (!host?.getAccount) return;
    this.#hostAccount = { kind: 'asking' };
    this.#unlistenAccount = host.onAccountChanged?.((account) => this.#hostSaid(inUse, account));
    const supported = (await host.supports?.('getAccount')) ?? true;
    if (this.#hostInUse !== inUse || this.#hostAccount.kind != 'asking') return;
    if (!supported) {
      this.#hostAccount = { kind: 'none' };
      this.#accountChanged();
      return;
    }
    try {
      const account = await host.getAccount();
      if (this.#hostAccount.kind == 'asking') this.#hostSaid(inUse, account);
    } catch (error) {
      if (this.#hostInUse === inUse) this.emit(new StoreOffersErrorEvent({ error: error as StoreOffersError }));
    }
  }

  /** The host said who is signed in (its answer or its event). */
  #hostSaid(inUse: HostInUse, account: string | null) {
    if (this.#hostInUse !== inUse) return;
    this.#hostAccount = { kind: 'known', account };
    this.#accountChanged();
  }

  /**
   * Applies the current account: the queue sends and shows its claims only. When it is another
   * account than the one applied before, the offers on screen are dropped now (in this task) and
   * fetched again.
   */
  #accountChanged() {
    const current = this.#currentAccount();
    const previous = this.#applied;
    const switched = current.known && this.isConnected && previous !== undefined && previous.account !== current.account;
    // A new source, so a new token provider: the one it replaces caches the previous user's
    // token, which would fetch this user's offers and send this user's waiting claims.
    // Its requests still under way go no further either (a claim POST answered 401 must not be
    // sent again with this user's token): they fail, and wait for their own account.
    if (switched && this.#source && this.#hostInUse) {
      this.#sourceRetired.abort();
      this.#sourceRetired = new AbortController();
      this.#source = this.#createSource(this.#hostInUse);
    }
    this.#connectQueue();
    if (!current.known || !this.isConnected) return;
    this.#applied = { account: current.account };
    if (switched && this.#source) {
      this.#dropOffers();
      this.#journalDue = true;
      void this.#load.run();
    }
    this.#takeJournal();
    this.#share();
    this.requestUpdate();
  }

  /** Forgets the offers of the last load (nothing of a previous user or configuration stays). */
  #dropOffers() {
    this.#offers = NO_OFFERS;
    this.#offersLoaded = false;
  }

  /**
   * Reads the host's purchase journal once it is due and the offers of the current account are
   * known (a journaled purchase is matched to its offer by `trackingId`): claims every succeeded
   * purchase not claimed yet (never twice: the queue's key), then acknowledges it. A purchase
   * that cannot be claimed is reported once as `store-offers-error` (`purchase-unmatched`,
   * `claim-unavailable`). Nothing when `claims="off"` (the journal keeps them).
   *
   * The read starts in a background task, and what it reads with is taken when it starts: coming
   * due as the offers arrive, it would otherwise run in their task, before the banners' product data
   * can be answered, or (in a plain next task) between that answer and the frame that shows the offer.
   */
  #takeJournal() {
    if (this.#journalScheduled || !this.#journalReadable()) return;
    this.#journalScheduled = true;
    inBackground(() => {
      this.#journalScheduled = false;
      // Still due, for the state as it is now (an account change or a removal since: its own turn).
      const readable = this.#journalReadable();
      if (!readable) return;
      this.#journalDue = false;
      const report = (error: unknown) => this.emit(new StoreOffersErrorEvent({ error: error as StoreOffersError }));
      takeJournaledPurchases({ ...readable, offers: this.#offers, onUnclaimable: report }).catch(report);
    });
  }

  /** The host to read the journal of and the queue its purchases go to, when it is due and can be read now. */
  #journalReadable(): { host: StoreHost; queue: ClaimQueue } | undefined {
    const queue = this.claims === 'off' ? undefined : this.#queue;
    const host = this.#hostInUse?.host;
    if (!this.#journalDue || !this.#offersLoaded || !queue || !host || !this.#currentAccount().known) return undefined;
    return { host, queue };
  }

  /**
   * Dispatches a load's event after the update that shares its result: the elements inside have
   * it first, so a listener may click a button at once.
   */
  async #announce(event: Event) {
    this.requestUpdate();
    await this.updateComplete;
    // A newer load started meanwhile: this result is no longer the provider's.
    if (this.#load.status === TaskStatus.PENDING) return;
    this.emit(event);
  }

  /**
   * Fetches the offers again (aborting a load under way); resolves when done (see `status`), also
   * when a later call superseded it.
   */
  async refresh(): Promise<void> {
    await this.#load.run();
    // Superseded by a newer load (another refresh(), a new token…): resolve when that one is done.
    // Its error is the load's own, reported as store-offers-error.
    if (this.#load.status === TaskStatus.PENDING) await this.#load.taskComplete.catch(ignore);
    // Its store-offers-load or store-offers-error has been dispatched.
    await this.updateComplete;
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
