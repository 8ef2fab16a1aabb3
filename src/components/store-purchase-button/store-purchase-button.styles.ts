import { css } from 'lit';
import { hostStyles, sharedStyles, themed } from '../../internal/styles.js';

/** Fluent accent button; neutral (standard button) once done or when unavailable. */
export const styles = themed(
  'purchase-button',
  hostStyles,
  sharedStyles,
  css`
    :host {
      display: inline-block;
    }
    [part~='base']:not([aria-disabled]) {
      min-width: 96px;
      border-color: transparent;
      background: var(--_accent);
      color: var(--_on-accent);
    }
    [part~='base']:not([aria-disabled]):hover {
      background: color-mix(in srgb, var(--_accent) 90%, transparent);
    }
    [aria-busy] {
      cursor: progress;
    }
  `,
);
