import { html } from 'lit';

/** One icon: its Segoe Fluent Icons code point and the SVG path drawn where that font is missing. */
export interface Icon {
  /** The glyph in Segoe Fluent Icons (Windows 11; most also in Segoe MDL2 Assets, Windows 10). */
  glyph: string;
  /** A 16 px stroked path (user units are pixels). */
  path: string;
}

/** Whether Segoe Fluent Icons is installed (measured once, on first use). */
let fluentFont: boolean | undefined;

/**
 * Whether the system has Segoe Fluent Icons: a private-use glyph is as wide in that font as in
 * the fallback font only when the font is missing (a canvas measures both, no layout needed).
 */
export function hasFluentIconsFont(): boolean {
  if (fluentFont === undefined) {
    const context = document.createElement('canvas').getContext('2d');
    const width = (font: string) => {
      context!.font = font;
      return context!.measureText('\uE73E\uE711\uE73E').width;
    };
    fluentFont = !!context && width("16px 'Segoe Fluent Icons',monospace") !== width('16px monospace');
  }
  return fluentFont;
}

/**
 * A 16 px icon, hidden from assistive tech (its control carries the name): the Segoe Fluent
 * Icons glyph where the font is present (as in WinUI), else the SVG.
 */
export const icon = ({ glyph, path }: Icon) =>
  hasFluentIconsFont()
    ? html`<span class="glyph" aria-hidden="true">${glyph}</span>`
    : html`<svg width="16" height="16" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linecap="round" aria-hidden="true">
        <path d=${path}></path>
      </svg>`;

const CIRCLE = 'M8 1.5a6.5 6.5 0 1 0 0 13a6.5 6.5 0 1 0 0-13';
/** ✕ (Cancel). */
export const CLOSE: Icon = { glyph: '\uE711', path: 'M4 4l8 8M12 4l-8 8' };
/** ✓ (CheckMark). */
export const CHECK: Icon = { glyph: '\uE73E', path: 'M3 8.5l3.2 3L13 4.5' };
/** A clock (Clock). */
export const CLOCK: Icon = { glyph: '\uE917', path: `${CIRCLE}M8 4.5V8l2.5 1.5` };
