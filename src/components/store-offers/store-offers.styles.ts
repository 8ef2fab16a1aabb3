import { css } from 'lit';

/** `<store-offers>` only wraps its children. */
export const styles = css`
  :host {
    display: block;
  }
  :host([hidden]) {
    display: none;
  }
`;
