import { html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { ClaimQueue } from '../../core/claims/claim-queue.js';
import type { Claim } from '../../core/types.js';
import { CHECK, CLOCK, icon, type Icon } from '../../internal/icons.js';
import { StoreElement } from '../../internal/store-element.js';
import type { Strings } from '../../internal/strings.js';
import { styles } from './store-claim-status.styles.js';

/**
 * How long a claim in progress shows nothing: most claims are done in less, and then the only
 * change is "Offer registered" (a failure or a retry still shows after it).
 */
const QUIET_MS = 1000;

const LABEL: Record<Claim['state'], keyof Strings> = {
  pending: 'claimPending',
  submitting: 'claimSubmitting',
  claimed: 'claimed',
  failed: 'claimFailed',
};

/** The icon of a settled claim (one in progress shows a spinner). */
const ICON: Record<'claimed' | 'failed', Icon> = {
  claimed: CHECK,
  failed: CLOCK,
};

/**
 * Must be inside `<store-offers>` (with `claims="auto"`). Shows nothing when there is
 * no claim. The `base` part is an `aria-live="polite"` status region, so changes are announced.
 * Claims made in other tabs show too (the queue is shared through storage).
 *
 * The claim is the app's business with the Store (it says the purchase came from the offer), so
 * its words never suggest the purchase failed. A claim in progress shows nothing for its first
 * second, so a fast claim makes one visible change ("Offer registered").
 *
 * @summary Shows the claim that follows a purchase: "Registering the offer…" (after a second),
 * "Offer registered", or "Offer not registered yet" with a button to try again.
 *
 * @attr {string} tracking-id - Show the latest claim of this offer; default: the latest claim of all.
 *
 * It only renders: `store-claim-change` is dispatched by `<store-offers>`, once per change.
 *
 * @csspart base - The live region.
 * @csspart icon - The state icon (a spinner while in progress, a clock when not registered yet).
 * @csspart label - The state text.
 * @csspart retry-button - The retry button (when failed).
 *
 * @cssproperty --store-offer-claim-status-success - Registered icon (default `--store-offer-success`, then `--colorStatusSuccessForeground1`, #0f7b0f / #6ccb5f).
 * @cssproperty --store-offer-claim-status-text - Text (default `--store-offer-text`, then `--colorNeutralForeground1`).
 * @cssproperty --store-offer-claim-status-text-secondary - In-progress and not-registered icons (default `--store-offer-text-secondary`, then `--colorNeutralForeground2`).
 * @cssproperty --store-offer-claim-status-fill - Standard button fill (default `--store-offer-fill`, then `--colorNeutralBackground1`).
 * @cssproperty --store-offer-claim-status-fill-hover - Standard button fill on hover (default `--store-offer-fill-hover`, then `--colorNeutralBackground1Hover`).
 * @cssproperty --store-offer-claim-status-fill-pressed - Standard button fill when pressed (default `--store-offer-fill-pressed`, then `--colorNeutralBackground1Pressed`).
 * @cssproperty --store-offer-claim-status-fill-disabled - Fill of a button that cannot be used, or done (default `--store-offer-fill-disabled`, then `--colorNeutralBackgroundDisabled`).
 * @cssproperty --store-offer-claim-status-stroke - Button border (default `--store-offer-stroke`, then `--colorNeutralStroke1`, about 6 %).
 * @cssproperty --store-offer-claim-status-focus-outer - Focus ring, 2 px outer stroke (default `--store-offer-focus-outer`, then `--colorStrokeFocus2`).
 * @cssproperty --store-offer-claim-status-focus-inner - Focus ring, 1 px inner stroke (default `--store-offer-focus-inner`, then `--colorStrokeFocus1`).
 * @cssproperty --store-offer-claim-status-radius - Control radius of the button (default `--store-offer-radius`, then `--borderRadiusMedium`, 4px).
 * @cssproperty --store-offer-claim-status-font - Font family (default `--store-offer-font`, then `--fontFamilyBase`, Segoe UI Variable).
 * @cssproperty --store-offer-claim-status-color-scheme - `light`, `dark` or `light dark` (the OS preference); default: inherited from the page (`--store-offer-color-scheme`).
 */
export class StoreClaimStatus extends StoreElement {
  static override styles = styles;

  /** Show the latest claim of this offer; default: the latest claim of all. */
  @property({ attribute: 'tracking-id' }) trackingId?: string;

  #queue?: ClaimQueue;
  #unsubscribe?: () => void;

  override disconnectedCallback() {
    super.disconnectedCallback();
    clearTimeout(this.#quietTimer);
    this.#subscribe(undefined);
  }

  override willUpdate() {
    const claims = this.context?.claims;
    if (claims !== this.#queue) this.#subscribe(claims);
  }

  #subscribe(queue: ClaimQueue | undefined) {
    this.#unsubscribe?.();
    this.#queue = queue;
    this.#earlier = new Set(queue?.claims().map((claim) => claim.id));
    this.#unsubscribe = queue?.subscribe(() => this.requestUpdate());
  }

  /** Retries `claim`, first moving focus to the status: Retry goes away, keyboard users keep their place. */
  #retry(event: Event, claim: Claim) {
    const status = (event.target as Element).parentNode as HTMLElement;
    status.focus();
    this.#queue?.retry(claim.id);
  }

  #latest(): Claim | undefined {
    return this.#queue
      ?.claims()
      .filter((claim) => !this.trackingId || claim.trackingId === this.trackingId)
      .pop();
  }

  /** The claim in progress (`pending` or `submitting`) not shown yet, and since when it is. */
  #quiet?: { id: string; since: number };
  /** Claims that were in the queue when this element started showing it (stored earlier): shown at once. */
  #earlier = new Set<string>();
  #quietTimer?: ReturnType<typeof setTimeout>;

  /**
   * Whether `claim` is in progress for less than {@link QUIET_MS}: shown as nothing yet, so a fast
   * claim makes one visible change (nothing → "Offer registered"), not three.
   */
  #isQuiet(claim: Claim | undefined): boolean {
    if (!claim || (claim.state !== 'pending' && claim.state !== 'submitting') || this.#earlier.has(claim.id)) return false;
    const now = performance.now();
    if (this.#quiet?.id !== claim.id) this.#quiet = { id: claim.id, since: now };
    const left = this.#quiet.since + QUIET_MS - now;
    if (left <= 0) return false;
    clearTimeout(this.#quietTimer);
    this.#quietTimer = setTimeout(() => this.requestUpdate(), left);
    return true;
  }

  override render() {
    const latest = this.#latest();
    const claim = this.#isQuiet(latest) ? undefined : latest;
    const state = claim?.state;
    // tabindex -1: Retry moves focus here before it goes away, so keyboard users keep their place.
    return html`<div part="base" class=${state ?? ''} role="status" aria-live="polite" tabindex="-1">
      ${claim
        ? html`<span part="icon">
              ${state === 'claimed' || state === 'failed'
                ? icon(ICON[state])
                : html`<span class="spinner"></span>`}
            </span>
            <span part="label">${this.t(LABEL[state!])}</span>
            ${state === 'failed'
              ? html`<button part="retry-button" @click=${(e: Event) => this.#retry(e, claim)}>${this.t('retry')}</button>`
              : nothing}`
        : nothing}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'store-claim-status': StoreClaimStatus;
  }
}
