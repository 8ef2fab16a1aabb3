/**
 * The legacy bundle's entry (EdgeHTML 18): the missing built-ins, lit's polyfill-support hooks
 * (installed before Lit loads), then everything the modern bundle has. The page loads
 * `@webcomponents/webcomponentsjs` before this bundle.
 */
import './shims.js';
import 'lit/polyfill-support.js';
export * from '../bundle.js';
