import { hostStyles } from '../../internal/styles.js';

/** `<store-offers>` only wraps its children. */
export const styles = hostStyles;
