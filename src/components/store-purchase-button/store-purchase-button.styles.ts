import { css } from 'lit';
import { hostStyles, sharedStyles, themed } from '../../internal/styles.js';

/**
 * Fluent accent button (rest, hover, pressed); neutral (standard button) once done or when
 * unavailable, with no hover or pressed look then. Every state's label shares one grid cell, so
 * the button keeps the width of the widest.
 */
export const styles = themed(
  'purchase-button',
  hostStyles,
  sharedStyles,
  css`
    :host {
      display: inline-block;
      position: relative;
    }
    [part~='base']:not([aria-disabled]) {
      min-width: 96px;
      border-color: transparent;
      background: var(--_accent);
      color: var(--_on-accent);
    }
    [part~='base']:not([aria-disabled]):hover {
      background: var(--_accent-hover);
    }
    [part~='base']:not([aria-disabled]):active {
      background: var(--_accent-pressed);
      color: color-mix(in srgb, var(--_on-accent) 70%, transparent);
    }
    [aria-busy] {
      cursor: progress;
    }
    .labels {
      display: inline-grid;
    }
    .current,
    .sizer {
      grid-area: 1 / 1;
      display: inline-flex;
      align-items: center;
      justify-content: center;
      gap: 8px;
      white-space: nowrap;
    }
    .sizer {
      visibility: hidden;
    }
    .spinner-space {
      width: 16px;
    }
    /* WinUI's high-contrast accent button: Highlight / HighlightText, inverted on hover. */
    @media (forced-colors: active) {
      [part~='base']:not([aria-disabled]) {
        forced-color-adjust: none;
        border-color: Highlight;
        background: Highlight;
        color: HighlightText;
      }
      [part~='base']:not([aria-disabled]):hover,
      [part~='base']:not([aria-disabled]):active {
        border-color: Highlight;
        background: HighlightText;
        color: Highlight;
      }
      [part~='base']:not([aria-disabled]) .spinner {
        color: inherit;
      }
    }
  `,
);
