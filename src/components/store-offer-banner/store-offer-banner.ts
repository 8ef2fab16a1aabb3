import { Task, initialState } from '@lit/task';
import { html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { ProductInfo } from '../../core/types.js';
import { StoreOfferDismissEvent } from '../../events/store-offer-dismiss.js';
import { StoreOfferImpressionEvent } from '../../events/store-offer-impression.js';
import { dismiss, isDismissed } from '../../internal/dismissals.js';
import { CLOSE, icon } from '../../internal/icons.js';
import { StoreElement } from '../../internal/store-element.js';
import { styles } from './store-offer-banner.styles.js';

/** Image URLs the banner shows; anything else (`http:`, `javascript:`, relative…) shows no image. */
const SAFE_IMAGE = /^(https:|ms-appx:|ms-appx-web:|data:image\/)/i;

/** Offers (`trackingId\nproductId`) whose impression was reported on this page. */
const impressions = new Set<string>();

/** An impression counts when at least this share of the banner is visible… */
const IMPRESSION_VISIBLE_RATIO = 0.5;
/** …for this long. */
const IMPRESSION_DELAY_MS = 1000;

/** What the banner shows of the product task: the skeleton until the product data is in, then the data. */
type ProductView = { readonly loading: true } | { readonly loading: false; readonly product: ProductInfo | undefined };
const SKELETON: ProductView = { loading: true };

/** The offer a banner shows: its events' detail, and its dismissal and impression key. */
interface ShownOffer {
  readonly productId: string;
  readonly trackingId: string;
  /** `trackingId\nproductId`. */
  readonly key: string;
}

/**
 * Must be inside `<store-offers>`. Shows the offer containing `product-id` (default:
 * the first product of the first offer). Product data comes from the host's `getProducts`,
 * asked once for all the banners on the page; without it the heading is "Special offer". Shows a
 * loading skeleton while offers or product data load; when there is no offer, on error, or once
 * dismissed, it renders nothing and is `hidden`. All text from the host is rendered as text;
 * images only from `https:`, `ms-appx:`, `ms-appx-web:` or `data:image/` URLs. Slots are read
 * when the banner renders.
 *
 * @summary Shows one targeted offer: heading, description, price and image from the host's
 * product data, and a purchase button.
 *
 * @slot heading - Replaces the product title.
 * @slot description - Replaces the product description.
 * @slot image - Replaces the product image.
 *
 * @event {StoreOfferDismissEvent} store-offer-dismiss - The user closed the banner. `detail: { productId, trackingId }`.
 * @event {StoreOfferImpressionEvent} store-offer-impression - At least half of the banner was visible for one second; once per offer per page. `detail: { productId, trackingId }`.
 *
 * @csspart base - The card (also the skeleton).
 * @csspart image - The image box.
 * @csspart heading - The title.
 * @csspart description - The description.
 * @csspart price - The price, exactly as the host formatted it.
 * @csspart actions - The box of the purchase and dismiss buttons.
 * @csspart dismiss-button - The close button (with `dismissible`).
 * @csspart purchase-button__base - The purchase button's native button.
 * @csspart purchase-button__label - The purchase button's label.
 * @csspart purchase-button__spinner - The purchase button's spinner.
 *
 * @cssproperty --store-offer-banner-surface - Card background (default `--store-offer-surface`, white / #2b2b2b).
 * @cssproperty --store-offer-banner-stroke - Card border and skeleton (default `--store-offer-stroke`).
 * @cssproperty --store-offer-banner-text - Text (default `--store-offer-text`).
 * @cssproperty --store-offer-banner-text-secondary - Description (default `--store-offer-text-secondary`).
 * @cssproperty --store-offer-banner-fill - Close button hover (default `--store-offer-fill`).
 * @cssproperty --store-offer-banner-radius - Control radius; the card uses twice it (default `--store-offer-radius`, 4px).
 * @cssproperty --store-offer-banner-font - Font family (default `--store-offer-font`).
 * @cssproperty --store-offer-banner-color-scheme - `light dark` (default `--store-offer-color-scheme`), `light` or `dark`.
 */
export class StoreOfferBanner extends StoreElement {
  static override styles = styles;

  /** Show the offer that contains this product id; default: the first product of the first offer. */
  @property({ attribute: 'product-id' }) productId?: string;

  /** Adds a close button; a dismissed offer stays hidden for `dismiss-days` across reloads (localStorage). */
  @property({ type: Boolean, reflect: true }) dismissible = false;

  /** How long a dismissed offer stays hidden, in days. */
  @property({ type: Number, attribute: 'dismiss-days' }) dismissDays = 7;

  /** The offer shown; `undefined`: none. */
  #shown?: ShownOffer;

  /**
   * The product data of the offer shown, from the provider's batched loader. No abort signal goes
   * to the loader: its one `getProducts` call serves every banner; the task drops a stale answer.
   */
  readonly #product = new Task(this, {
    args: () => [this.context?.products, this.#shown?.productId] as const,
    task: ([products, productId]) => (products && productId ? products(productId) : initialState),
  });

  #visible = false;
  #observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) this.#visible = entry.intersectionRatio >= IMPRESSION_VISIBLE_RATIO;
      this.#watch();
    },
    { threshold: IMPRESSION_VISIBLE_RATIO },
  );
  /** The key the impression timer runs for. */
  #timing?: string;
  #timer?: ReturnType<typeof setTimeout>;

  override connectedCallback() {
    super.connectedCallback();
    this.#observer.observe(this);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.#observer.disconnect();
    this.#visible = false;
    this.#watch();
  }

  override willUpdate() {
    this.#shown = this.#findOffer();
    this.hidden = !this.#shown && this.context?.status !== 'loading';
  }

  override updated() {
    this.#watch();
  }

  /** The offer to show: the one containing `productId` (default: the first one's first product), unless dismissed. */
  #findOffer(): ShownOffer | undefined {
    const { context, productId: wanted } = this;
    // On error (a refresh() that failed too) it shows nothing, like before the first load.
    if (!context || context.status === 'error') return undefined;
    const offer = context.offers.find((o) => (wanted ? o.offers.includes(wanted) : o.offers.length > 0));
    const productId = wanted || offer?.offers[0];
    if (!offer || !productId) return undefined;
    const key = `${offer.trackingId}\n${productId}`;
    return isDismissed(key) ? undefined : { productId, trackingId: offer.trackingId, key };
  }

  /** The product task's state, as the banner shows it. */
  get #productView(): ProductView {
    return this.#product.render({
      initial: () => SKELETON,
      pending: () => SKELETON,
      complete: (product) => ({ loading: false, product }),
      // The loader answers `undefined` for a failed call; a failure here means the same.
      error: () => ({ loading: false, product: undefined }),
    });
  }

  /** Whether the skeleton shows instead of the offer: no offer yet, or its product data still loading. */
  get #loading() {
    return !this.#shown || this.#productView.loading;
  }

  /** Runs the one-second impression timer while the offer shown is visible and not reported yet. */
  #watch() {
    const shown = this.#shown;
    const key = shown && this.#visible && !this.#loading && !impressions.has(shown.key) ? shown.key : undefined;
    if (key === this.#timing) return;
    clearTimeout(this.#timer);
    this.#timing = key;
    if (key) this.#timer = setTimeout(() => this.#reportImpression(key), IMPRESSION_DELAY_MS);
  }

  #reportImpression(key: string) {
    // Another banner of the same offer may have reported it meanwhile.
    if (impressions.has(key)) return;
    impressions.add(key);
    this.emit(new StoreOfferImpressionEvent(this.#detail()));
  }

  /** The events' detail: the offer shown. */
  #detail() {
    const { productId, trackingId } = this.#shown!;
    return { productId, trackingId };
  }

  #dismiss() {
    dismiss(this.#shown!.key, this.dismissDays);
    this.emit(new StoreOfferDismissEvent(this.#detail()));
    this.requestUpdate();
  }

  override render() {
    if (this.hidden) return nothing;
    // One template for the skeleton and the offer: the text and the purchase button exist (hidden)
    // while the product data loads, so showing the offer only fills in text.
    const loading = this.#loading;
    const view = this.#productView;
    const { productId, trackingId } = this.#shown ?? {};
    const product = !loading && !view.loading ? view.product : undefined;
    const image = product?.imageUrl?.trim();
    const safeImage = image && SAFE_IMAGE.test(image) ? image : undefined;
    return html`<div part="base" role=${loading ? 'status' : nothing} aria-label=${loading ? this.t('loading') : nothing}>
      ${loading
        ? html`<span class="bone image"></span>
            <span class="text"><span class="bone line">&nbsp;</span><span class="bone line short"></span></span>`
        : safeImage || this.querySelector('[slot=image]')
          ? html`<div part="image" class="image"><slot name="image">${safeImage ? html`<img src=${safeImage} alt="">` : nothing}</slot></div>`
          : nothing}
      <div class="text" ?hidden=${loading}>
        <div part="heading"><slot name="heading">${product?.title || this.t('offer')}</slot></div>
        <div part="description"><slot name="description">${product?.description}</slot></div>
        ${product?.formattedPrice ? html`<div part="price">${product.formattedPrice}</div>` : nothing}
      </div>
      <div part="actions" ?hidden=${loading}>
        <store-purchase-button
          product-id=${productId ?? nothing}
          tracking-id=${trackingId ?? nothing}
          .strings=${this.strings}
          exportparts="base:purchase-button__base,label:purchase-button__label,spinner:purchase-button__spinner"
        ></store-purchase-button>
        ${this.dismissible
          ? html`<button part="dismiss-button" class="dismiss" aria-label=${this.t('dismiss')} @click=${this.#dismiss}>${icon(CLOSE)}</button>`
          : nothing}
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'store-offer-banner': StoreOfferBanner;
  }
}
