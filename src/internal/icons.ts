import { html } from 'lit';

/**
 * A 16 px stroked icon of one SVG path (user units are pixels), hidden from assistive tech (its
 * control carries the name).
 */
export const icon = (path: string) =>
  html`<svg width="16" height="16" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linecap="round" aria-hidden="true">
    <path d=${path}></path>
  </svg>`;

const CIRCLE = 'M8 1.5a6.5 6.5 0 1 0 0 13a6.5 6.5 0 1 0 0-13';
/** ✕ */
export const CLOSE = 'M4 4l8 8M12 4l-8 8';
/** ✓ */
export const CHECK = 'M3 8.5l3.2 3L13 4.5';
/** A clock. */
export const CLOCK = `${CIRCLE}M8 4.5V8l2.5 1.5`;
/** A circled exclamation mark. */
export const ALERT = `${CIRCLE}M8 4.5v4.2M8 11v.1`;
