/**
 * Shared styles and the theming tokens. Every element maps its public, fully qualified custom
 * properties `--store-offer-<element>-<thing>` onto private `--_<thing>` variables on `:host`,
 * falling back to the global `--store-offer-<thing>`, then to the Windows 11 (Fluent) default.
 * Rules use only the private variables. Colours use `light-dark()`, resolved by the
 * `color-scheme` of each element's `base` part (default `light dark`: the user's preference).
 */
import { css, unsafeCSS, type CSSResult } from 'lit';

/** The global tokens and their defaults (Fluent, light and dark). */
const DEFAULTS: Record<string, string> = {
  'color-scheme': 'light dark',
  font: "'Segoe UI Variable Text','Segoe UI',system-ui,sans-serif",
  radius: '4px',
  accent: 'light-dark(#0067c0,#4cc2ff)',
  'on-accent': 'light-dark(#fff,#000)',
  text: 'light-dark(#1b1b1b,#fff)',
  'text-secondary': 'light-dark(#5d5d5d,#c8c8c8)',
  surface: 'light-dark(#fff,#2b2b2b)',
  fill: 'light-dark(#fbfbfb,#373737)',
  stroke: 'light-dark(#0000001f,#ffffff1f)',
  success: 'light-dark(#0f7b0f,#6ccb5f)',
  critical: 'light-dark(#c42b1c,#ff99a4)',
};

/**
 * `sheets` after the `:host` declarations of the private variables they use:
 * `--_<t>: var(--store-offer-<element>-<t>, var(--store-offer-<t>, default))` for each global
 * token `t` (a name that is no token stays undefined); where `light-dark()` is unsupported
 * (EdgeHTML, Chromium before 123) the light defaults.
 */
export function themed(element: string, ...sheets: CSSResult[]): CSSResult[] {
  const names = [...new Set(sheets.join('').match(/--_[\w-]+/g))].map((name) => name.slice(3)).filter((t) => DEFAULTS[t]);
  const block = (light?: boolean) =>
    `:host{${names
      .map((t) => `--_${t}:var(--store-offer-${element}-${t},var(--store-offer-${t},${light ? DEFAULTS[t]!.replace(/light-dark\(([^,]+),[^)]+\)/, '$1') : DEFAULTS[t]}))`)
      .join(';')}}`;
  return [unsafeCSS(`${block()}@supports not (color:light-dark(#000,#fff)){${block(true)}}`), ...sheets];
}

/** Every element's `:host`: a block, hidden by `hidden`. */
export const hostStyles = css`
  :host {
    display: block;
  }
  :host([hidden]) {
    display: none !important;
  }
`;

/**
 * Shared rules: the `base` part's scheme and font, `button` (Fluent standard button), the focus
 * ring, `.spinner`, reduced motion and forced colours.
 */
export const sharedStyles = css`
  [part~='base'] {
    color-scheme: var(--_color-scheme);
    font: 14px/20px var(--_font);
    color: var(--_text);
  }
  button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 8px;
    min-height: 32px;
    padding: 5px 12px 6px;
    border: 1px solid var(--_stroke);
    border-radius: var(--_radius);
    background: var(--_fill);
    color: var(--_text);
    font: inherit;
    cursor: pointer;
  }
  button:hover {
    background: color-mix(in srgb, var(--_fill) 94%, var(--_text));
  }
  button:focus-visible {
    outline: 2px solid var(--_text);
    outline-offset: 1px;
  }
  [aria-disabled='true'] {
    cursor: default;
    color: var(--_text-secondary);
  }
  .spinner {
    flex: none;
    width: 16px;
    height: 16px;
    box-sizing: border-box;
    border: 2px solid;
    border-inline-end-color: transparent;
    border-radius: 50%;
    animation: spin 1s linear infinite;
  }
  @keyframes spin {
    to {
      transform: rotate(1turn);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    * {
      animation: none !important;
    }
  }
  @media (forced-colors: active) {
    button {
      border-color: ButtonText;
    }
    button:focus-visible {
      outline-color: Highlight;
    }
    [aria-disabled='true'] {
      color: GrayText;
      border-color: GrayText;
    }
    /* Keeps the gap that makes it a spinner, drawn in the system colour (its inherited colour is the author's). */
    .spinner {
      forced-color-adjust: none;
      color: CanvasText;
    }
    button .spinner {
      color: ButtonText;
    }
  }
`;
