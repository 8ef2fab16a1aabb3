import { css } from 'lit';
import { hostStyles, sharedStyles, themed } from '../../internal/styles.js';

/**
 * A Fluent card: image, text, actions. The skeleton is the same layout (an image box, heading,
 * description and price lines, the real actions row made invisible), so the offer arriving only
 * fills it in.
 */
export const styles = themed(
  'banner',
  hostStyles,
  sharedStyles,
  css`
    :host {
      container-type: inline-size;
    }
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
      align-self: flex-start;
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
      flex: 1 1 9em;
      min-width: 0;
    }
    [part~='heading'] {
      margin: 0;
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
    /* Loading: the real buttons hold their place, unseen (and inert). */
    .loading [part~='actions'] {
      visibility: hidden;
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
      background: var(--_bone);
    }
    /* A column of 20 px text lines (12 px bars, 4 px above and below; flex: no margin collapse). */
    .skeleton {
      display: flex;
      flex-direction: column;
    }
    .line {
      color: transparent;
      width: 80%;
      height: 12px;
      margin: 4px 0;
    }
    .heading-line {
      width: 60%;
    }
    .short {
      width: 25%;
    }
    /* How many lines a typical offer's title (about 30 characters) and description (about 50, a
       fifth more in French) take at this card width: one and one on a wide card; the description
       takes two once the column narrows (the actions, the real buttons, wrap below by themselves
       when they no longer fit); under 360 px the title takes two and a French description three;
       under 300 px (a phone) the description one more. */
    .heading-2,
    .description-2,
    .description-3,
    .description-4 {
      display: none;
    }
    @container (max-width: 699px) {
      .description-2 {
        display: block;
        width: 50%;
      }
    }
    @container (max-width: 359px) {
      .heading-2 {
        display: block;
        width: 40%;
      }
      :host(:lang(fr)) .description-3 {
        display: block;
        width: 45%;
      }
    }
    /* A phone (the card under 300 px): one line more again. */
    @container (max-width: 299px) {
      .description-3 {
        display: block;
        width: 45%;
      }
      :host(:lang(fr)) .description-4 {
        display: block;
        width: 30%;
      }
    }
    @media (forced-colors: active) {
      [part~='base'] {
        border-color: CanvasText;
      }
      /* An icon button: no border of its own, like WinUI's subtle buttons (a border on hover). */
      .dismiss {
        forced-color-adjust: none;
        border-color: transparent;
        color: ButtonText;
      }
      .dismiss:hover {
        border-color: Highlight;
        color: Highlight;
      }
      .bone {
        forced-color-adjust: none;
        background: GrayText;
      }
    }
  `,
);
