import { Task, initialState } from '@lit/task';
import { html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { ProductInfo } from '../../core/types.js';
import { StoreOfferDismissEvent } from '../../events/store-offer-dismiss.js';
import { StoreOfferImpressionEvent } from '../../events/store-offer-impression.js';
import { dismiss, isDismissed } from '../../internal/dismissals.js';
import { CLOSE, icon } from '../../internal/icons.js';
import { purchases, type Purchase } from '../../internal/purchases.js';
import { StoreElement } from '../../internal/store-element.js';
// The tag it renders (the class module: no registration, that is the define modules' job).
import '../store-purchase-button/store-purchase-button.js';
import { styles } from './store-offer-banner.styles.js';

/** Image URLs the banner shows; anything else (`http:`, `javascript:`, relative…) shows no image. */
const SAFE_IMAGE = /^(https:|ms-appx:|ms-appx-web:|data:image\/)/i;

/** What can take keyboard focus in the page (a purchase button delegates focus to its button). */
const FOCUSABLE =
  'a[href],button:not([disabled]),input:not([disabled]):not([type=hidden]),select:not([disabled]),textarea:not([disabled]),[tabindex]:not([tabindex="-1"]),store-purchase-button';

/**
 * Focuses the first focusable element after `banner` in the document (else the last one before
 * it, else the provider around it), so that a keyboard user closing the banner is not sent back
 * to the top of the page (`<body>`).
 */
function moveFocusOnFrom(banner: HTMLElement) {
  const candidates = [...document.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) => !banner.contains(el) && !el.contains(banner) && el.getClientRects().length > 0 && !el.closest('[inert]'),
  );
  const after = candidates.filter((el) => banner.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
  const before = candidates.filter((el) => banner.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_PRECEDING);
  for (const target of [...after, ...before.reverse()]) {
    target.focus();
    if (document.activeElement === target) return;
  }
  const provider = banner.closest<HTMLElement>('store-offers');
  if (provider) {
    if (!provider.hasAttribute('tabindex')) provider.tabIndex = -1;
    provider.focus();
  }
}

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
 * @attr {string} product-id - Show the offer that contains this product id; default: the first product of the first offer.
 * @attr {boolean} dismissible - Adds a close button; a dismissed offer stays hidden for `dismiss-days`.
 * @attr {number} dismiss-days - How long a dismissed offer stays hidden, in days (default 7).
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
 * @cssproperty --store-offer-banner-surface - Card background (default `--store-offer-surface`, then `--colorNeutralBackground1`, white / #2b2b2b).
 * @cssproperty --store-offer-banner-stroke - Card border and close button border (default `--store-offer-stroke`, then `--colorNeutralStroke1`, about 6 %).
 * @cssproperty --store-offer-banner-bone - Skeleton bones (default `--store-offer-bone`, then `--colorNeutralStencil1`).
 * @cssproperty --store-offer-banner-text - Text (default `--store-offer-text`, then `--colorNeutralForeground1`).
 * @cssproperty --store-offer-banner-text-secondary - Description (default `--store-offer-text-secondary`, then `--colorNeutralForeground2`).
 * @cssproperty --store-offer-banner-fill - Standard button fill (default `--store-offer-fill`, then `--colorNeutralBackground1`).
 * @cssproperty --store-offer-banner-fill-hover - Standard button fill on hover (default `--store-offer-fill-hover`, then `--colorNeutralBackground1Hover`).
 * @cssproperty --store-offer-banner-fill-pressed - Standard button fill when pressed (default `--store-offer-fill-pressed`, then `--colorNeutralBackground1Pressed`).
 * @cssproperty --store-offer-banner-fill-disabled - Fill of a button that cannot be used, or done (default `--store-offer-fill-disabled`, then `--colorNeutralBackgroundDisabled`).
 * @cssproperty --store-offer-banner-focus-outer - Focus ring, 2 px outer stroke (default `--store-offer-focus-outer`, then `--colorStrokeFocus2`).
 * @cssproperty --store-offer-banner-focus-inner - Focus ring, 1 px inner stroke (default `--store-offer-focus-inner`, then `--colorStrokeFocus1`).
 * @cssproperty --store-offer-banner-radius - Control radius; the card uses twice it (default `--store-offer-radius`, then `--borderRadiusMedium`, 4px).
 * @cssproperty --store-offer-banner-font - Font family (default `--store-offer-font`, then `--fontFamilyBase`, Segoe UI Variable).
 * @cssproperty --store-offer-banner-color-scheme - `light`, `dark` or `light dark` (the OS preference); default: inherited from the page (`--store-offer-color-scheme`).
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
   * The product data of the offer shown, from the provider's batched loader. With a `product-id`
   * it is asked at once, before the offers arrived (the product is known: the two round trips
   * overlap). No abort signal goes to the loader: its one `getProducts` call serves every banner;
   * the task drops a stale answer.
   */
  readonly #product = new Task(this, {
    args: () => [this.context?.products, this.productId || this.#shown?.productId] as const,
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

  #unsubscribe?: () => void;

  override connectedCallback() {
    super.connectedCallback();
    this.#observer.observe(this);
    this.#unsubscribe = purchases.subscribe(this.#onPurchase);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.#unsubscribe?.();
    this.#observer.disconnect();
    this.#visible = false;
    this.#watch();
  }

  override willUpdate() {
    // Without a product-id the product is the offers' own: the loader keeps the banners' batch for
    // them, so that all the products still go in one getProducts call.
    if (!this.productId) this.context?.products?.holdForOffers();
    // With no host (or none that can purchase) an offer is an ad nobody can act on: hidden.
    const purchasable = Boolean(this.context?.host);
    this.#shown = purchasable ? this.#findOffer() : undefined;
    this.hidden = !purchasable || (!this.#shown && this.context?.status !== 'loading');
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

  /** A purchase started or ended: the dismiss button of its offer is inert while it is in flight. */
  #onPurchase = (purchase: Purchase) => {
    if (purchase.productId === this.#shown?.productId) this.requestUpdate();
  };

  /** Whether the offer shown is being bought (the Store dialog is open): it may not be dismissed. */
  get #purchasing(): boolean {
    const productId = this.#shown?.productId;
    return productId !== undefined && purchases.inFlight(productId) !== undefined;
  }

  #dismiss() {
    // Dismissing would remove the button whose purchase the user is paying for.
    if (this.#purchasing) return;
    dismiss(this.#shown!.key, this.dismissDays);
    this.emit(new StoreOfferDismissEvent(this.#detail()));
    const focused = this.matches(':focus-within');
    this.requestUpdate();
    // The close button goes away with the banner: keyboard users go on from where it was.
    if (focused) this.updateComplete.then(() => moveFocusOnFrom(this));
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
    // Loaded: a group named by its heading. The skeleton has the offer's layout (image, heading,
    // description and price lines, the actions row with the real buttons, invisible): no shift.
    return html`<div
      part="base"
      class=${loading ? 'loading' : 'offer'}
      role=${loading ? 'status' : 'group'}
      aria-label=${ifDefined(loading ? this.t('loading') : undefined)}
      aria-labelledby=${ifDefined(loading ? undefined : 'heading')}
    >
      ${loading
        ? html`<span class="bone image"></span>
            <span class="text skeleton"
              ><span class="bone line heading-line">&nbsp;</span><span class="bone line heading-2"></span
              ><span class="bone line"></span><span class="bone line description-2"></span
              ><span class="bone line description-3"></span><span class="bone line description-4"></span
              ><span class="bone line short"></span
            ></span>`
        : safeImage || this.querySelector('[slot=image]')
          ? html`<div part="image" class="image"><slot name="image">${safeImage ? html`<img src=${safeImage} alt="">` : nothing}</slot></div>`
          : nothing}
      <div class="text" ?hidden=${loading}>
        <div part="heading" id="heading" role="heading" aria-level="2"><slot name="heading">${product?.title || this.t('offer')}</slot></div>
        <div part="description"><slot name="description">${product?.description}</slot></div>
        ${product?.formattedPrice ? html`<div part="price">${product.formattedPrice}</div>` : nothing}
      </div>
      <div part="actions" .inert=${loading} aria-hidden=${ifDefined(loading ? 'true' : undefined)}>
        <store-purchase-button
          product-id=${ifDefined(productId)}
          tracking-id=${ifDefined(trackingId)}
          .productName=${product?.title}
          .strings=${this.strings}
          exportparts="base:purchase-button__base,label:purchase-button__label,spinner:purchase-button__spinner"
        ></store-purchase-button>
        ${this.dismissible
          ? html`<button
              part="dismiss-button"
              class="dismiss"
              aria-label=${this.t('dismiss')}
              aria-disabled=${ifDefined(this.#purchasing ? 'true' : undefined)}
              @click=${this.#dismiss}
            >
              ${icon(CLOSE)}
            </button>`
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
