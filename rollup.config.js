// Bundles (settings in scripts/build-bundles.js, shared with the size budgets and the benchmark):
// the self-contained, minified modern bundle for a WebView page with no bundler, and the ES2017
// legacy bundle for EdgeHTML 18.
import { legacyBundle, modernBundle } from './scripts/build-bundles.js';

export default [modernBundle(), legacyBundle()];
