import { html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { StoreOffersError, type ErrorCode } from '../../core/errors.js';
import { detectHost } from '../../core/host/detect-host.js';
import { hostError } from '../../core/host/host-results.js';
import { claimReceipt } from '../../core/host/purchase-outcome.js';
import type { PurchaseOutcome, StoreHost, StoreOffer } from '../../core/types.js';
import { StoreOffersErrorEvent } from '../../events/store-offers-error.js';
import { StorePurchaseCompleteEvent } from '../../events/store-purchase-complete.js';
import { StorePurchaseErrorEvent, type StorePurchaseErrorDetail } from '../../events/store-purchase-error.js';
import { StorePurchaseRequestEvent, type StorePurchaseRequestDetail } from '../../events/store-purchase-request.js';
import type { StoreContext } from '../../internal/context.js';
import { PurchaseState, purchases, type Purchase } from '../../internal/purchases.js';
import { StoreElement } from '../../internal/store-element.js';
import type { Strings } from '../../internal/strings.js';
import { styles } from './store-purchase-button.styles.js';

export { PurchaseState } from '../../internal/purchases.js';

/** The offer of `context` that contains `productId` (with `trackingId`, when given). */
function findOffer(context: StoreContext | undefined, productId: string, trackingId?: string): StoreOffer | undefined {
  const matches = (offer: StoreOffer) => offer.offers.includes(productId) && (!trackingId || offer.trackingId === trackingId);
  return context?.offers.find(matches);
}

/** Every state, in the order of their labels. */
const STATES: PurchaseState[] = ['idle', 'purchasing', 'purchased', 'owned', 'failed'];

/** What the live region says after a purchase, by outcome status: done, or why not in plain words. */
const OUTCOME: Record<StorePurchaseErrorDetail['status'] | 'succeeded' | 'already-purchased', keyof Strings> = {
  succeeded: 'saySucceeded',
  'already-purchased': 'sayOwned',
  'not-purchased': 'sayNotCompleted',
  'not-fulfilled': 'sayFailed',
  'network-error': 'sayNetworkError',
  'server-error': 'sayServerError',
  unavailable: 'sayUnavailable',
};

/** The error code of each unsuccessful host status; any other: `purchase-failed`. */
const ERROR_CODE: Partial<Record<PurchaseOutcome['status'], ErrorCode>> = {
  'network-error': 'network',
  'server-error': 'server',
  // Windows reports a cancel and some failures alike (NotPurchased): not a failure to show.
  'not-purchased': 'purchase-not-completed',
};

/**
 * Activation fires the cancelable `store-purchase-request`, then asks the host to
 * `purchase`. While the Store dialog is open the button is busy (`aria-busy`, a spinner, the
 * accessible name "Purchasing…") and every button for the same product on the page is busy too;
 * further activations do nothing. `not-purchased` (the user cancelled, or the Store could not
 * tell) returns to `idle` without error UI, but still fires `store-purchase-error`, with the code
 * `purchase-not-completed` (not `purchase-failed`: apps that show errors should not show this one). Without a host
 * the button says purchases are unavailable (`aria-disabled="true"`, still focusable) and
 * activating it fires `store-purchase-error` with status `unavailable`. Inside `<store-offers>`
 * with `claims="auto"`, a `succeeded` purchase of a product that is in an offer is queued for its
 * claim; when the host gave no orderId or receipt (or cannot claim, like the Digital Goods path)
 * the purchase still completes and `store-offers-error` reports `claim-unavailable`.
 *
 * After a purchase, a polite live region says how it went ("Purchase complete.", "Purchase not
 * completed. You can try again.", or why it failed, in words a user understands); the reason also
 * describes the "Try again" button. The button is as wide as its widest state's label, so it never
 * changes width.
 *
 * @summary Buys one add-on through the host, one purchase in flight per product across the page.
 *
 * @attr {string} product-id - The add-on's product id (`InAppOfferToken`).
 * @attr {string} tracking-id - The offer's tracking id; when unset, found from the offers.
 * @attr {string} product-name - The product's name: the button's accessible description.
 *
 * @slot - The label while idle (default "Buy").
 *
 * @event {StorePurchaseRequestEvent} store-purchase-request - Before the purchase; cancelable (`preventDefault()` stops it). `detail: { productId, trackingId }`.
 * @event {StorePurchaseCompleteEvent} store-purchase-complete - Bought or already owned. `detail: { productId, trackingId, status: 'succeeded' | 'already-purchased', orderId?, receipt? }`.
 * @event {StorePurchaseErrorEvent} store-purchase-error - Cancelled, failed or unavailable. `detail: { productId, trackingId, status, error: StoreOffersError }`.
 * @event {StoreOffersErrorEvent} store-offers-error - A successful purchase could not be claimed (`claim-unavailable`). `detail: { error }`.
 *
 * @csspart base - The native button.
 * @csspart label - The label.
 * @csspart spinner - The busy indicator (while purchasing).
 *
 * @cssproperty --store-offer-purchase-button-accent - Fill (default `--store-offer-accent`, then `--colorBrandBackground`, #0067c0 light / #4cc2ff dark; set it to `AccentColor` to follow the system accent).
 * @cssproperty --store-offer-purchase-button-accent-hover - Fill on hover (default `--store-offer-accent-hover`, then `--colorBrandBackgroundHover`, the accent at 90 %).
 * @cssproperty --store-offer-purchase-button-accent-pressed - Fill when pressed (default `--store-offer-accent-pressed`, then `--colorBrandBackgroundPressed`, the accent at 80 %).
 * @cssproperty --store-offer-purchase-button-on-accent - Text on the fill (default `--store-offer-on-accent`, then `--colorNeutralForegroundOnBrand`; `AccentColorText` goes with `AccentColor`).
 * @cssproperty --store-offer-purchase-button-radius - Control radius (default `--store-offer-radius`, then `--borderRadiusMedium`, 4px).
 * @cssproperty --store-offer-purchase-button-font - Font family (default `--store-offer-font`, then `--fontFamilyBase`, Segoe UI Variable).
 * @cssproperty --store-offer-purchase-button-color-scheme - `light`, `dark` or `light dark` (the OS preference); default: inherited from the page (`--store-offer-color-scheme`).
 * @cssproperty --store-offer-purchase-button-text - Text (default `--store-offer-text`, then `--colorNeutralForeground1`).
 * @cssproperty --store-offer-purchase-button-text-secondary - Text when done, unavailable or pressed (default `--store-offer-text-secondary`, then `--colorNeutralForeground2`).
 * @cssproperty --store-offer-purchase-button-fill - Standard button fill (default `--store-offer-fill`, then `--colorNeutralBackground1`).
 * @cssproperty --store-offer-purchase-button-fill-hover - Standard button fill on hover (default `--store-offer-fill-hover`, then `--colorNeutralBackground1Hover`).
 * @cssproperty --store-offer-purchase-button-fill-pressed - Standard button fill when pressed (default `--store-offer-fill-pressed`, then `--colorNeutralBackground1Pressed`).
 * @cssproperty --store-offer-purchase-button-fill-disabled - Fill of a button that cannot be used, or done (default `--store-offer-fill-disabled`, then `--colorNeutralBackgroundDisabled`).
 * @cssproperty --store-offer-purchase-button-stroke - Border when done or unavailable (default `--store-offer-stroke`, then `--colorNeutralStroke1`, about 6 %).
 * @cssproperty --store-offer-purchase-button-focus-outer - Focus ring, 2 px outer stroke (default `--store-offer-focus-outer`, then `--colorStrokeFocus2`).
 * @cssproperty --store-offer-purchase-button-focus-inner - Focus ring, 1 px inner stroke (default `--store-offer-focus-inner`, then `--colorStrokeFocus1`).
 *
 * @cssstate idle - Ready to buy.
 * @cssstate purchasing - The purchase is in flight.
 * @cssstate purchased - Bought.
 * @cssstate owned - Already owned.
 * @cssstate failed - The last purchase failed; activating tries again.
 */
export class StorePurchaseButton extends StoreElement {
  static override styles = styles;
  // Focusing the element (the banner does after a dismiss) focuses its button.
  static override shadowRootOptions: ShadowRootInit = { ...StoreElement.shadowRootOptions, delegatesFocus: true };

  /** The add-on's product id (`InAppOfferToken`). Required unless the button is inside a banner. */
  @property({ attribute: 'product-id' }) productId = '';

  /** The offer's tracking id; when unset, found from the offers that contain the product. */
  @property({ attribute: 'tracking-id' }) trackingId?: string;

  /**
   * The product's name, when the label ("Buy") does not say it: the button's accessible
   * description, so that two "Buy" buttons on a page can be told apart (the banner sets it to
   * the product title).
   */
  @property({ attribute: 'product-name' }) productName?: string;

  /**
   * The purchase this button shows, owned by the page's purchase registry: of this button's
   * product, the one in flight or the last one it saw end. `undefined`: none (idle).
   */
  #purchase?: Purchase;
  #unsubscribe?: () => void;

  /** What the live region says about this button's last purchase. */
  #outcome?: keyof Strings;
  #internals = this.attachInternals?.();
  /** The state last put in the custom state set (`:state(purchasing)`…). */
  #stateInSet?: PurchaseState;
  /** The host detected for a button outside `<store-offers>`; `undefined` until first asked for. */
  #detected?: { host: StoreHost | undefined };
  /** The provider of the last purchase this button started (its events go there if the button left the page). */
  #provider?: HTMLElement;

  /** `idle` · `purchasing` · `purchased` · `owned` · `failed` (read-only; also CSS custom states). */
  get state(): PurchaseState {
    return this.#purchase?.state ?? PurchaseState.Idle;
  }

  override connectedCallback() {
    super.connectedCallback();
    this.#unsubscribe = purchases.subscribe(this.#show);
    // A purchase of this product may have started while the button was out of the page.
    this.#purchase = purchases.inFlight(this.productId) ?? this.#purchase;
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.#unsubscribe?.();
  }

  override willUpdate(changed: PropertyValues<this>) {
    // Another product (a banner showing the next offer): that product's purchase, not the last one's.
    if (changed.has('productId')) this.#purchase = purchases.inFlight(this.productId);
  }

  override updated() {
    const { state } = this;
    // Only when it changed: a clear and an add restyle the button, and it updates far more often.
    if (state === this.#stateInSet) return;
    this.#stateInSet = state;
    const states = this.#internals?.states;
    states?.clear();
    try {
      states?.add(state);
    } catch {
      // Chromium before 125 takes only the `--state` spelling.
      states!.add(`--${state}`);
    }
  }

  /** Every purchase of this product shows here, whichever button started it. */
  #show = (purchase: Purchase) => {
    if (purchase.productId !== this.productId) return;
    this.#purchase = purchase;
    this.requestUpdate();
  };

  get #host(): StoreHost | undefined {
    if (this.context) return this.context.host;
    this.#detected ??= { host: detectHost() };
    return this.#detected.host;
  }

  /** Whether an activation may start a purchase now. */
  #mayBuy(): boolean {
    const { state } = this;
    const ready = state === PurchaseState.Idle || state === PurchaseState.Failed;
    return ready && !purchases.isBusy(this.productId);
  }

  #fail(request: StorePurchaseRequestDetail, status: StorePurchaseErrorDetail['status'], error: StoreOffersError) {
    this.emit(new StorePurchaseErrorEvent({ ...request, status, error }));
  }

  async #activate() {
    if (!this.#mayBuy()) return;
    const { productId, trackingId, context } = this;
    const offer = findOffer(context, productId, trackingId);
    const request: StorePurchaseRequestDetail = { productId, trackingId: trackingId ?? offer?.trackingId };
    const host = this.#host;
    if (!host) return this.#fail(request, 'unavailable', hostError('host-unavailable', 'is missing'));
    const go = purchases.whileRequesting(productId, () => this.emit(new StorePurchaseRequestEvent(request)));
    if (!go) return;
    this.#provider = context?.provider;

    let outcome: PurchaseOutcome;
    try {
      // The trackingId is journaled with the outcome by a journaling host: a later page can claim it.
      const options = request.trackingId ? { trackingId: request.trackingId } : undefined;
      outcome = await purchases.buy(productId, () => host.purchase(productId, options));
    } catch (error) {
      return this.#fail(request, 'unavailable', error as StoreOffersError);
    }
    const { status, orderId, receipt } = outcome;
    if (status !== 'succeeded' && status !== 'already-purchased') {
      // Nothing to claim: a journaling host may forget its entry.
      this.#acknowledge(host, outcome);
      const code = ERROR_CODE[status] ?? 'purchase-failed';
      return this.#fail(request, status, new StoreOffersError(code, `Purchase of ${productId}: ${status}`));
    }
    // The claim is written to storage first, in the task that brought the result: no listener of
    // store-purchase-complete (one that reloads or removes the page, say) can come in between.
    let unclaimable: StoreOffersError | undefined;
    // The provider as it is now (the offers may have arrived, or the queue been replaced, during
    // the Store dialog); the one of the activation when this button has left it since.
    const now = this.context ?? context;
    const claimed = findOffer(now, productId, trackingId) ?? offer;
    const claims = now?.claims;
    if (status === 'succeeded' && claimed && claims) {
      // Without a receipt (or on a host that cannot claim) the queue throws `claim-unavailable`.
      const claimWith = host.canClaim === false ? '' : (claimReceipt(outcome) ?? '');
      try {
        claims.enqueue({ storeOffer: claimed, productId, receipt: claimWith });
        // Written: a journaling host may forget its entry (the next page need not find it).
        this.#acknowledge(host, outcome);
      } catch (error) {
        unclaimable = error as StoreOffersError;
      }
    }
    if (status === 'already-purchased') this.#acknowledge(host, outcome);
    // The offer may have arrived during the dialog.
    const complete = { ...request, trackingId: request.trackingId ?? claimed?.trackingId };
    this.emit(new StorePurchaseCompleteEvent({ ...complete, status, orderId, receipt }));
    if (unclaimable) this.emit(new StoreOffersErrorEvent({ error: unclaimable }));
  }

  /**
   * Acknowledges the journal entry of a purchase (`ackPurchase`, when the host gave a
   * `purchaseId`) once its claim is written, or when there is nothing to claim: the next page
   * does not find it in `takePurchases`. A purchase whose claim could not be written stays in the
   * journal, for the next page; a failed acknowledgement too (the queue's key recognises it).
   */
  #acknowledge(host: StoreHost, outcome: PurchaseOutcome) {
    if (!outcome.purchaseId || !host.ackPurchase) return;
    host.ackPurchase(outcome.purchaseId).catch(() => undefined);
  }

  /**
   * Dispatches `event`; an outcome of this button's purchase is also said in its live region. A
   * button removed (or re-rendered away) during the Store dialog dispatches its purchase's events
   * from the provider it belonged to when that is still in the page, else from the document: the
   * app always hears what the user paid for, once (the event bubbles and is composed as ever).
   */
  protected override emit(event: Event): boolean {
    if (event instanceof StorePurchaseCompleteEvent || event instanceof StorePurchaseErrorEvent) {
      this.#outcome = OUTCOME[event.detail.status];
      this.requestUpdate();
    }
    if (this.isConnected) return super.emit(event);
    const provider = this.context?.provider ?? this.#provider;
    const target: EventTarget = provider?.isConnected ? provider : document;
    return target.dispatchEvent(event);
  }

  /** The label of `state`: "Purchases unavailable" when idle without a host, else the slotted one (default "Buy"). */
  #label(state: PurchaseState, unavailable: boolean) {
    if (state !== PurchaseState.Idle) return this.t(state);
    if (unavailable) return this.t('unavailable');
    return html`<slot>${this.t('buy')}</slot>`;
  }

  override render() {
    const { state } = this;
    const unavailable = !this.#host;
    const done = state === 'purchased' || state === 'owned';
    const outcome = this.#outcome;
    // The failure's reason (in words) also describes the "Try again" button.
    const reason = state === 'failed' && outcome ? this.t(outcome) : '';
    const described = [this.productName ? 'product' : '', reason ? 'reason' : ''].filter(Boolean).join(' ');
    // Every state's label is laid out in one grid cell, only the current one visible: the button
    // is as wide as its widest state and keeps that width (no re-wrap of the text around it).
    return html`<button
        part="base"
        aria-disabled=${ifDefined(unavailable || done ? 'true' : undefined)}
        aria-busy=${ifDefined(state === 'purchasing' ? 'true' : undefined)}
        aria-describedby=${ifDefined(described || undefined)}
        @click=${this.#activate}
      >
        <span class="labels">
          ${STATES.map((s) =>
            s === state
              ? html`<span class="current"
                  >${s === 'purchasing' ? html`<span part="spinner" class="spinner"></span>` : nothing}<span part="label"
                    >${this.#label(s, unavailable)}</span
                  ></span
                >`
              : html`<span class="sizer" aria-hidden="true"
                  >${s === 'purchasing' ? html`<span class="spinner-space"></span>` : nothing}<span>${this.#label(s, unavailable)}</span></span
                >`,
          )}
        </span>
      </button>
      <span id="product" hidden>${this.productName}</span>
      <span id="reason" hidden>${reason}</span>
      <span class="visually-hidden" role="status">${outcome ? this.t(outcome) : ''}</span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'store-purchase-button': StorePurchaseButton;
  }
}
