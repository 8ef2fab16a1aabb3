import { html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { ClaimQueue } from '../../core/claims/claim-queue.js';
import type { Claim } from '../../core/types.js';
import { StoreClaimChangeEvent } from '../../events/store-claim-change.js';
import { ALERT, CHECK, CLOCK, icon } from '../../internal/icons.js';
import { StoreElement } from '../../internal/store-element.js';
import type { Strings } from '../../internal/strings.js';
import { styles } from './store-claim-status.styles.js';

const LABEL: Record<Claim['state'], keyof Strings> = {
  pending: 'claimPending',
  submitting: 'claimSubmitting',
  claimed: 'claimed',
  failed: 'claimFailed',
};

/** The icon of each state but `submitting` (which shows a spinner). */
const ICON: Record<Exclude<Claim['state'], 'submitting'>, string> = {
  pending: CLOCK,
  claimed: CHECK,
  failed: ALERT,
};

/**
 * Must be inside `<store-offers>` (with `claims="auto"`). Shows nothing when there is
 * no claim. The `base` part is an `aria-live="polite"` status region, so changes are announced.
 * Claims made in other tabs show too (the queue is shared through storage).
 *
 * @summary Shows the claim that follows a purchase: "Claim pending", "Submitting…", "Claimed", or
 * "Claim failed" with a retry button.
 *
 * @event {StoreClaimChangeEvent} store-claim-change - The shown claim changed state. `detail: { claim: { id, trackingId, productId, state, attempts, error? } }`.
 *
 * @csspart base - The live region.
 * @csspart icon - The state icon (a spinner while submitting).
 * @csspart label - The state text.
 * @csspart retry-button - The retry button (when failed).
 *
 * @cssproperty --store-offer-claim-status-success - Claimed icon (default `--store-offer-success`, #0f7b0f / #6ccb5f).
 * @cssproperty --store-offer-claim-status-critical - Failed icon (default `--store-offer-critical`, #c42b1c / #ff99a4).
 * @cssproperty --store-offer-claim-status-text - Text (default `--store-offer-text`).
 * @cssproperty --store-offer-claim-status-text-secondary - Pending icon (default `--store-offer-text-secondary`).
 * @cssproperty --store-offer-claim-status-fill - Retry button fill (default `--store-offer-fill`).
 * @cssproperty --store-offer-claim-status-stroke - Retry button border (default `--store-offer-stroke`).
 * @cssproperty --store-offer-claim-status-radius - Retry button radius (default `--store-offer-radius`).
 * @cssproperty --store-offer-claim-status-font - Font family (default `--store-offer-font`).
 * @cssproperty --store-offer-claim-status-color-scheme - `light dark` (default `--store-offer-color-scheme`), `light` or `dark`.
 */
export class StoreClaimStatus extends StoreElement {
  static override styles = styles;

  /** Show the latest claim of this offer; default: the latest claim of all. */
  @property({ attribute: 'tracking-id' }) trackingId?: string;

  #queue?: ClaimQueue;
  #unsubscribe?: () => void;

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.#subscribe(undefined);
  }

  override willUpdate() {
    const claims = this.context?.claims;
    if (claims !== this.#queue) this.#subscribe(claims);
  }

  #subscribe(queue: ClaimQueue | undefined) {
    this.#unsubscribe?.();
    this.#queue = queue;
    this.#unsubscribe = queue?.subscribe((claim) => {
      this.requestUpdate();
      if (this.#latest()?.id === claim.id) this.emit(new StoreClaimChangeEvent({ claim }));
    });
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

  override render() {
    const claim = this.#latest();
    const state = claim?.state;
    // tabindex -1: Retry moves focus here before it goes away, so keyboard users keep their place.
    return html`<div part="base" class=${state} role="status" aria-live="polite" tabindex="-1">
      ${claim
        ? html`<span part="icon">
              ${state === 'submitting'
                ? html`<span class="spinner"></span>`
                : icon(ICON[state as keyof typeof ICON])}
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
