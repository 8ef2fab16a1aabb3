import { css } from 'lit';
import { hostStyles, sharedStyles, themed } from '../../internal/styles.js';

/** An icon, a label and (when failed) a standard button, in one row. */
export const styles = themed(
  'claim-status',
  hostStyles,
  sharedStyles,
  css`
    [part~='base'] {
      border-radius: var(--_radius);
      display: flex;
      flex-wrap: wrap;
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
    @media (forced-colors: active) {
      [part~='icon'] {
        color: CanvasText !important;
      }
    }
  `,
);
