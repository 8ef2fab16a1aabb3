import { css } from 'lit';
import { sharedStyles, tokens } from '../../internal/styles.js';

/** An icon, a label and (when failed) a standard button, in one row. */
export const styles = [
  tokens('claim-status', ['color-scheme', 'font', 'radius', 'text', 'text-secondary', 'fill', 'stroke', 'success', 'critical']),
  sharedStyles,
  css`
    :host {
      display: block;
    }
    [part~='base'] {
      display: flex;
      align-items: center;
      gap: 8px;
    }
    [part~='icon'] {
      display: inline-flex;
      color: var(--_text-secondary);
    }
    .claimed [part~='icon'] {
      color: var(--_success);
    }
    .failed [part~='icon'] {
      color: var(--_critical);
    }
    @media (forced-colors: active) {
      [part~='icon'] {
        color: CanvasText !important;
      }
    }
  `,
];
