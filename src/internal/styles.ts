/**
 * Shared styles and the theming tokens. Every element maps its public, fully qualified custom
 * properties `--store-offer-<element>-<thing>` onto private `--_<thing>` variables on `:host`,
 * falling back to the global `--store-offer-<thing>`, then to the page's Fluent 2 design token
 * (`--colorBrandBackground`… as Fluent UI web components set them), then to the Windows 11
 * (Fluent) default. Rules use only the private variables.
 *
 * Light or dark follows the page: colours use `light-dark()`, resolved by the `color-scheme` of
 * each element's `base` part, which inherits the page's (`color-scheme: normal`, a page that says
 * nothing, is light even on a dark-mode PC) unless `--store-offer-color-scheme` (or the element's
 * own property) says `light`, `dark` or `light dark` (the operating system's preference).
 */
import { css, unsafeCSS, type CSSResult } from 'lit';

/** A global token: its Windows 11 default and the Fluent 2 web token it falls back to first. */
interface Token {
  value: string;
  fluent?: string;
}

/** The global tokens and their defaults (WinUI 3 / Fluent 2, light and dark). */
const TOKENS: Record<string, Token> = {
  // `inherit`: the page's scheme (a fallback that is a CSS-wide keyword applies as that keyword).
  'color-scheme': { value: 'inherit' },
  font: { value: "'Segoe UI Variable Text','Segoe UI',system-ui,sans-serif", fluent: 'fontFamilyBase' },
  radius: { value: '4px', fluent: 'borderRadiusMedium' },
  // AccentFillColorDefault; hover and pressed: its Secondary (90 %) and Tertiary (80 %).
  accent: { value: 'light-dark(#0067c0,#4cc2ff)', fluent: 'colorBrandBackground' },
  'accent-hover': { value: 'color-mix(in srgb,var(--_accent) 90%,transparent)', fluent: 'colorBrandBackgroundHover' },
  'accent-pressed': { value: 'color-mix(in srgb,var(--_accent) 80%,transparent)', fluent: 'colorBrandBackgroundPressed' },
  'on-accent': { value: 'light-dark(#fff,#000)', fluent: 'colorNeutralForegroundOnBrand' },
  text: { value: 'light-dark(#1b1b1b,#fff)', fluent: 'colorNeutralForeground1' },
  'text-secondary': { value: 'light-dark(#5d5d5d,#c8c8c8)', fluent: 'colorNeutralForeground2' },
  surface: { value: 'light-dark(#fff,#2b2b2b)', fluent: 'colorNeutralBackground1' },
  // ControlFillColorDefault / Secondary (hover) / Tertiary (pressed) / Disabled, over the card.
  fill: { value: 'light-dark(#fbfbfb,#373737)', fluent: 'colorNeutralBackground1' },
  'fill-hover': { value: 'light-dark(#f6f6f6,#3c3c3c)', fluent: 'colorNeutralBackground1Hover' },
  'fill-pressed': { value: 'light-dark(#f5f5f5,#323232)', fluent: 'colorNeutralBackground1Pressed' },
  'fill-disabled': { value: 'light-dark(#f5f5f5,#323232)', fluent: 'colorNeutralBackgroundDisabled' },
  // CardStrokeColorDefault / ControlStrokeColorDefault: about 6 %.
  stroke: { value: 'light-dark(#0000000f,#ffffff14)', fluent: 'colorNeutralStroke1' },
  // The skeleton's bones.
  bone: { value: 'light-dark(#e6e6e6,#484848)', fluent: 'colorNeutralStencil1' },
  // The two-stroke focus ring: FocusStrokeColorOuter (2 px) and FocusStrokeColorInner (1 px).
  'focus-outer': { value: 'light-dark(#000000e4,#fff)', fluent: 'colorStrokeFocus2' },
  'focus-inner': { value: 'light-dark(#ffffffb3,#000000b3)', fluent: 'colorStrokeFocus1' },
  success: { value: 'light-dark(#0f7b0f,#6ccb5f)', fluent: 'colorStatusSuccessForeground1' },
  critical: { value: 'light-dark(#c42b1c,#ff99a4)', fluent: 'colorStatusDangerForeground1' },
};

/** `light-dark(a,b)` → `a` (where `light-dark()` is unsupported). */
const lightOnly = (value: string) => value.replace(/light-dark\(([^,]+),[^)]+\)/, '$1');

/**
 * `sheets` after the `:host` declarations of the private variables they use:
 * `--_<t>: var(--store-offer-<element>-<t>, var(--store-offer-<t>, var(--<fluent token>, default)))`
 * for each global token `t` (a name that is no token stays undefined); where `light-dark()` is
 * unsupported (EdgeHTML, Chromium before 123) the light defaults.
 */
export function themed(element: string, ...sheets: CSSResult[]): CSSResult[] {
  const text = sheets.join('');
  const used = new Set<string>();
  // A token's default may read another private variable (hover reads the accent): that one too.
  const add = (name: string) => {
    if (used.has(name) || !TOKENS[name]) return;
    used.add(name);
    for (const inner of TOKENS[name]!.value.match(/--_[\w-]+/g) ?? []) add(inner.slice(3));
  };
  for (const name of text.match(/--_[\w-]+/g) ?? []) add(name.slice(3));
  const declaration = (t: string, light: boolean) => {
    const { value, fluent } = TOKENS[t]!;
    const fallback = light ? lightOnly(value) : value;
    return `--_${t}:var(--store-offer-${element}-${t},var(--store-offer-${t},${fluent ? `var(--${fluent},${fallback})` : fallback}))`;
  };
  const block = (light: boolean) => `:host{${[...used].map((t) => declaration(t, light)).join(';')}}`;
  return [unsafeCSS(`${block(false)}@supports not (color:light-dark(#000,#fff)){${block(true)}}`), ...sheets];
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
 * Shared rules: the `base` part's scheme and font, `button` (the WinUI standard button: 32 px
 * high, 11 px side padding, rest / hover / pressed / disabled fills), the two-stroke focus ring,
 * `.spinner` (a ProgressRing), `.visually-hidden`, reduced motion and forced colours.
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
    box-sizing: border-box;
    min-height: 32px;
    padding: 5px 11px;
    border: 1px solid var(--_stroke);
    border-radius: var(--_radius);
    background: var(--_fill);
    color: var(--_text);
    font: inherit;
    cursor: pointer;
  }
  button:not([aria-disabled='true']):hover {
    background: var(--_fill-hover);
  }
  button:not([aria-disabled='true']):active {
    background: var(--_fill-pressed);
    color: var(--_text-secondary);
  }
  /* Fluent's focus visual: 2 px outer stroke, 1 px contrasting inner stroke between it and the control. */
  :focus-visible {
    outline: 2px solid var(--_focus-outer);
    outline-offset: 1px;
    box-shadow: 0 0 0 1px var(--_focus-inner);
  }
  [aria-disabled='true'] {
    cursor: default;
    background: var(--_fill-disabled);
    color: var(--_text-secondary);
  }
  /* A Segoe Fluent Icons glyph, 16 px, as WinUI draws icons. */
  .glyph {
    display: inline-block;
    width: 16px;
    height: 16px;
    font: 16px/1 'Segoe Fluent Icons', 'Segoe MDL2 Assets';
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  /* A ProgressRing: a quarter-to-three-quarters arc turning; still (a ring with a gap) with reduced motion. */
  .spinner {
    flex: none;
    width: 16px;
    height: 16px;
    box-sizing: border-box;
    border: 2px solid;
    border-block-end-color: transparent;
    border-inline-start-color: transparent;
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
    :focus-visible {
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
