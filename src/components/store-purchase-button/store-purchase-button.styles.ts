import { css } from 'lit';
import { sharedStyles, tokens } from '../../internal/styles.js';

/** Fluent accent button; neutral (standard button) once done or when unavailable. */
export const styles = [
  tokens('purchase-button', [
    'color-scheme',
    'font',
    'radius',
    'accent',
    'on-accent',
    'text',
    'text-secondary',
    'fill',
    'stroke',
  ]),
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
    [part~='base'][aria-busy] {
      cursor: progress;
    }
  `,
];
