// The rollup settings of every bundle, shared by rollup.config.js (what ships), the size budget
// test and the benchmark (which rebuild the same pipeline in memory, e.g. with the deps external).
import { readFileSync } from 'node:fs';
import { rollup } from 'rollup';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';
import { minifyTemplates } from './minify-templates.js';

/**
 * The packages of the runtime dependencies (package.json `dependencies`) and the ones Lit brings
 * along: what "own code (deps external)" leaves out.
 */
const RUNTIME_PACKAGES = [
  ...Object.keys(JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).dependencies),
  'lit-html',
  'lit-element',
  '@lit/reactive-element',
];

/** True for an import of a runtime dependency (or of one of its modules). */
export function isRuntimeDep(id) {
  return RUNTIME_PACKAGES.some((name) => id === name || id.startsWith(`${name}/`));
}

/**
 * The minifier of the modern bundles, chosen by measurement (`npm run bench` prints both):
 * terser (compress passes 2, ecma 2020, toplevel, no property mangling) comes out about 3 %
 * smaller than esbuild after brotli. esbuild still compiles the TypeScript.
 */
export const DEFAULT_MINIFIER = 'terser';

/**
 * Rollup options for an ES-module bundle of `input`.
 * @param {object} o
 * @param {string|string[]|Record<string,string>} o.input entry module(s)
 * @param {string} [o.file] output file (omit for in-memory builds)
 * @param {string} [o.target] esbuild syntax target (default es2022)
 * @param {'esbuild'|'terser'|'none'} [o.minifier]
 * @param {boolean} [o.external] leave Lit as imports
 */
export function bundleOptions({ input, file, target = 'es2022', minifier = DEFAULT_MINIFIER, external = false }) {
  const plugins = [
    nodeResolve({ exportConditions: ['production'] }),
    // Compiles TypeScript; with the esbuild minifier it also minifies (and lowers to `target`)
    // each output chunk, dependencies included.
    esbuild({ target, minify: minifier === 'esbuild', legalComments: 'none' }),
    // Our Lit templates' static text (css: comments, whitespace; html: indentation).
    minifyTemplates(),
  ];
  if (minifier === 'terser') {
    plugins.push(
      terser({
        ecma: 2020,
        module: true,
        toplevel: true,
        compress: { passes: 2 },
        format: { comments: false },
      }),
    );
  }
  return {
    input,
    external: external ? isRuntimeDep : undefined,
    plugins,
    onwarn(warning, warn) {
      // Lit's UMD polyfill-support uses `this` at top level (rewritten to undefined: harmless).
      if (warning.code === 'THIS_IS_UNDEFINED') return;
      warn(warning);
    },
    output: { file, format: 'es', sourcemap: Boolean(file) },
  };
}

/** The self-contained modern bundle: registers the tags and exports the whole public API. */
export function modernBundle(overrides = {}) {
  return bundleOptions({ input: 'src/bundle.ts', file: 'dist/store-offer-elements.bundle.js', ...overrides });
}

/**
 * The EdgeHTML 18 bundle (src/legacy/bundle.ts): the same modules plus the missing built-ins and
 * lit's polyfill-support hooks, lowered to ES2017 syntax (esbuild lowers while it minifies).
 * The page loads `@webcomponents/webcomponentsjs` first.
 */
export function legacyBundle(overrides = {}) {
  return bundleOptions({
    input: 'src/legacy/bundle.ts',
    file: 'dist/legacy/store-offer-elements.legacy.js',
    target: 'es2017',
    minifier: 'esbuild',
    ...overrides,
  });
}

/**
 * Builds in memory and returns the single chunk's code, its export names and its modules
 * (rollup's per-module rendered code: after tree-shaking, before minification).
 */
export async function buildInMemory(options) {
  const bundle = await rollup({ ...options, output: undefined });
  try {
    const { output } = await bundle.generate({ ...options.output, file: undefined, sourcemap: false });
    const chunks = output.filter((o) => o.type === 'chunk');
    if (chunks.length !== 1) throw new Error(`expected one chunk, got ${chunks.length}`);
    return { code: chunks[0].code, exports: chunks[0].exports, modules: chunks[0].modules };
  } finally {
    await bundle.close();
  }
}
