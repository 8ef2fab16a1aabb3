// Bundles: the self-contained, minified bundle for a WebView page with no bundler.
import { nodeResolve } from '@rollup/plugin-node-resolve';
import esbuild from 'rollup-plugin-esbuild';

export default [
  {
    input: 'src/bundle.ts',
    output: { file: 'dist/store-offer-elements.bundle.js', format: 'es', sourcemap: true },
    plugins: [nodeResolve({ exportConditions: ['production'] }), esbuild({ target: 'es2022', minify: true, legalComments: 'none' })],
  },
];
