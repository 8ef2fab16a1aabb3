/** The self-contained bundle: registers the tags and exports the whole public API. */
import './define.js';
export * from './index.js';
