import { html, nothing, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
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
import { styles } from './store-purchase-button.styles.js';

export { PurchaseState } from '../../internal/purchases.js';

/** The error code of each failed host status; any other: `purchase-failed`. */
const ERROR_CODE: Partial<Record<PurchaseOutcome['status'], ErrorCode>> = {
  'network-error': 'network',
  'server-error': 'server',
};

/** The offer of `context` that contains `productId` (with `trackingId`, when given). */
function findOffer(context: StoreContext | undefined, productId: string, trackingId?: string): StoreOffer | undefined {
  const matches = (offer: StoreOffer) => offer.offers.includes(productId) && (!trackingId || offer.trackingId === trackingId);
  return context?.offers.find(matches);
}

/**
 * Activation fires the cancelable `store-purchase-request`, then asks the host to
 * `purchase`. While the Store dialog is open the button is busy (`aria-busy`, a spinner, the
 * accessible name "Purchasing…") and every button for the same product on the page is busy too;
 * further activations do nothing. `not-purchased` (the user cancelled, or the Store could not
 * tell) returns to `idle` without error UI, but still fires `store-purchase-error`. Without a host
 * the button says purchases are unavailable (`aria-disabled="true"`, still focusable) and
 * activating it fires `store-purchase-error` with status `unavailable`. Inside `<store-offers>`
 * with `claims="auto"`, a `succeeded` purchase of a product that is in an offer is queued for its
 * claim; when the host gave no orderId or receipt (or cannot claim, like the Digital Goods path)
 * the purchase still completes and `store-offers-error` reports `claim-unavailable`.
 *
 * @summary Buys one add-on through the host, one purchase in flight per product across the page.
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
 * @cssproperty --store-offer-purchase-button-accent - Fill (default `--store-offer-accent`, #0067c0 light / #4cc2ff dark).
 * @cssproperty --store-offer-purchase-button-on-accent - Text on the fill (default `--store-offer-on-accent`).
 * @cssproperty --store-offer-purchase-button-radius - Corner radius (default `--store-offer-radius`, 4px).
 * @cssproperty --store-offer-purchase-button-font - Font family (default `--store-offer-font`, Segoe UI Variable).
 * @cssproperty --store-offer-purchase-button-color-scheme - `light dark` (default `--store-offer-color-scheme`), `light` or `dark`.
 * @cssproperty --store-offer-purchase-button-text - Text when done or unavailable (default `--store-offer-text`).
 * @cssproperty --store-offer-purchase-button-text-secondary - Text when unavailable (default `--store-offer-text-secondary`).
 * @cssproperty --store-offer-purchase-button-fill - Fill when done or unavailable (default `--store-offer-fill`).
 * @cssproperty --store-offer-purchase-button-stroke - Border when done or unavailable (default `--store-offer-stroke`).
 *
 * @cssstate idle - Ready to buy.
 * @cssstate purchasing - The purchase is in flight.
 * @cssstate purchased - Bought.
 * @cssstate owned - Already owned.
 * @cssstate failed - The last purchase failed; activating tries again.
 */
export class StorePurchaseButton extends StoreElement {
  static override styles = styles;

  /** The add-on's product id (`InAppOfferToken`). Required unless the button is inside a banner. */
  @property({ attribute: 'product-id' }) productId = '';

  /** The offer's tracking id; when unset, found from the offers that contain the product. */
  @property({ attribute: 'tracking-id' }) trackingId?: string;

  /**
   * The purchase this button shows, owned by the page's purchase registry: of this button's
   * product, the one in flight or the last one it saw end. `undefined`: none (idle).
   */
  #purchase?: Purchase;
  #unsubscribe?: () => void;
  #internals = this.attachInternals?.();
  /** The host detected for a button outside `<store-offers>`; `undefined` until first asked for. */
  #detected?: { host: StoreHost | undefined };

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
    const states = this.#internals?.states;
    const { state } = this;
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

    let outcome: PurchaseOutcome;
    try {
      outcome = await purchases.buy(productId, () => host.purchase(productId));
    } catch (error) {
      return this.#fail(request, 'unavailable', error as StoreOffersError);
    }
    const { status, orderId, receipt } = outcome;
    if (status !== 'succeeded' && status !== 'already-purchased') {
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
      } catch (error) {
        unclaimable = error as StoreOffersError;
      }
    }
    // The offer may have arrived during the dialog.
    const complete = { ...request, trackingId: request.trackingId ?? claimed?.trackingId };
    this.emit(new StorePurchaseCompleteEvent({ ...complete, status, orderId, receipt }));
    if (unclaimable) this.emit(new StoreOffersErrorEvent({ error: unclaimable }));
  }

  /** The label: the state's, else "Purchases unavailable" without a host, else the slotted one (default "Buy"). */
  #label(unavailable: boolean) {
    const { state } = this;
    if (state !== PurchaseState.Idle) return this.t(state);
    if (unavailable) return this.t('unavailable');
    return html`<slot>${this.t('buy')}</slot>`;
  }

  override render() {
    const { state } = this;
    const unavailable = !this.#host;
    const done = state === 'purchased' || state === 'owned';
    return html`<button
      part="base"
      aria-disabled=${unavailable || done ? 'true' : nothing}
      aria-busy=${state === 'purchasing' ? 'true' : nothing}
      @click=${this.#activate}
    >
      ${state === 'purchasing' ? html`<span part="spinner" class="spinner"></span>` : nothing}
      <span part="label">${this.#label(unavailable)}</span>
    </button>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'store-purchase-button': StorePurchaseButton;
  }
}
