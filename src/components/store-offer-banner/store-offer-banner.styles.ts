import { css } from 'lit';
import { hostStyles, sharedStyles, themed } from '../../internal/styles.js';

/** A Fluent card: image, text, actions; a still skeleton while loading. */
export const styles = themed(
  'banner',
  hostStyles,
  sharedStyles,
  css`
    [part~='base'] {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 12px 16px;
      padding: 12px 16px;
      border: 1px solid var(--_stroke);
      border-radius: calc(2 * var(--_radius));
      background: var(--_surface);
    }
    .image {
      flex: none;
      width: 64px;
      height: 64px;
      overflow: hidden;
      border-radius: var(--_radius);
    }
    img,
    ::slotted([slot='image']) {
      display: block;
      width: 100%;
      height: 100%;
      object-fit: cover;
    }
    .text {
      flex: 1 1 12em;
      min-width: 0;
    }
    /* The skeleton's first line holds transparent text in the heading's weight: its layout looks
       that font up, not the offer's first frame. */
    [part~='heading'],
    [part~='price'],
    .line {
      font-weight: 600;
    }
    [part~='description'] {
      color: var(--_text-secondary);
    }
    /* At the end of the row; right-aligned when the card wraps them onto a row of their own. */
    [part~='actions'] {
      display: flex;
      align-items: center;
      gap: 8px;
      margin-inline-start: auto;
    }
    [part~='actions'][hidden] {
      display: none;
    }
    .dismiss {
      width: 32px;
      padding: 0;
      border-color: transparent;
      background: transparent;
    }
    /* Still, on purpose: an animation (even a delayed one) makes the compositor draw every frame
       while the offers load, which delayed the offer's first frame by 3.5–5 ms in the bench. */
    .bone {
      display: block;
      border-radius: var(--_radius);
      background: var(--_stroke);
    }
    .line {
      color: transparent;
      width: 60%;
      height: 12px;
      margin: 6px 0;
    }
    .short {
      width: 35%;
    }
    @media (forced-colors: active) {
      [part~='base'] {
        border-color: CanvasText;
      }
      .bone {
        forced-color-adjust: none;
        background: GrayText;
      }
    }
  `,
);
