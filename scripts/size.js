// Size measurements shared by the budget test, the benchmark and `npm run size`, which prints
// every bundle's min/gzip/brotli sizes and what each module costs in the full bundle.
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { transform } from 'esbuild';
import { bundleOptions, buildInMemory, modernBundle } from './build-bundles.js';

/** The budgets of issue 6 (bytes, brotli quality 11): the targets, printed beside every figure. */
export const BUDGETS = { full: 15 * 1024, own: 6 * 1024 };

/**
 * What CI enforces today: a ratchet at the measured size plus a little room. On 2026-11-22 the
 * fixes found by reviewing the money paths, the host side, the elements and the claim status took
 * it from 16525 / 11595 B to 17056 / 12193 B. On 2026-12-01 issue 16 (page colour scheme, Fluent 2
 * token fallbacks and states, the offer-shaped skeleton, fixed-width button labels, announcements,
 * focus after dismiss, Fluent icon glyphs, the claim status' quiet second) took it to 19044 / 14213 B.
 * The targets above are not met yet (see issue 6); lower these as the code shrinks,
 * never raise them without saying why in the commit. README.md states them (test/node/readme.test.js checks).
 */
export const CEILINGS = { full: 18.7 * 1024, own: 14 * 1024 };

/** Built files the measurements read. */
export const BUILT = {
  full: 'dist/store-offer-elements.bundle.js',
  legacy: 'dist/legacy/store-offer-elements.legacy.js',
};

/** Size of `code` minified as given, gzipped (level 9) and brotli-compressed (quality 11). */
export function sizes(code) {
  const bytes = Buffer.from(code);
  return {
    min: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }).length,
  };
}

/** Bytes as KiB with one decimal. */
export function kib(bytes) {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

/** Reads a built file, or fails with the command that builds it. */
export function readBuilt(path) {
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`npm run build\` first`);
  return readFileSync(path, 'utf8');
}

/** Our own code alone: the full bundle's pipeline with Lit external. */
export function buildOwnCode(overrides = {}) {
  return buildInMemory(modernBundle({ external: true, file: undefined, ...overrides }));
}

/** Lit alone, as the full bundle gets it (production build), everything exported, minified alike. */
export function buildLitAlone() {
  return buildSource("export * from 'lit';");
}

/** Bundles a module given as source text, with the full bundle's pipeline. */
export function buildSource(source) {
  const id = '\0entry';
  const options = bundleOptions({ input: id });
  options.plugins.unshift({ name: 'entry', resolveId: (s) => (s === id ? id : null), load: (s) => (s === id ? source : null) });
  return buildInMemory(options);
}

/** Minifies a third-party file the way our bundle is minified (esbuild), for a like-for-like size. */
export async function minifyForeign(code) {
  return (await transform(code, { minify: true, legalComments: 'none', target: 'es2022' })).code;
}

/**
 * What each module costs: its tree-shaken code (rollup's rendered length), then minified and
 * brotli-compressed on its own. Standalone compression overstates each row a little (no shared
 * dictionary, top-level names not mangled), so the share column is the fair comparison.
 * Dependencies are grouped by package, our modules listed by file.
 */
export async function moduleCosts(modules) {
  const groups = new Map();
  for (const [id, info] of Object.entries(modules)) {
    if (!info.code) continue;
    const name = moduleGroup(id);
    groups.set(name, (groups.get(name) ?? '') + info.code + '\n');
  }
  const rows = [];
  for (const [name, code] of groups) {
    const min = (await transform(code, { minify: true, format: 'esm', target: 'es2022', legalComments: 'none' })).code;
    rows.push({ module: name, ...sizes(min) });
  }
  const total = rows.reduce((sum, r) => sum + r.brotli, 0);
  for (const row of rows) row.share = row.brotli / total;
  return rows.sort((a, b) => b.brotli - a.brotli);
}

function moduleGroup(id) {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(id);
  if (pkg) return pkg[1];
  return relative(process.cwd(), id.replace(/^\0/, ''));
}

/** A plain-text table. */
export function table(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

async function main() {
  const full = sizes(readBuilt(BUILT.full));
  const legacy = sizes(readBuilt(BUILT.legacy));
  const own = await buildOwnCode();
  const ownSizes = sizes(own.code);
  const row = (name, s, budget) => [name, s.min, s.gzip, s.brotli, kib(s.brotli), budget ? kib(budget) : ''];
  console.log(
    table(
      ['bundle', 'min', 'gzip', 'brotli', 'brotli KiB', 'budget'],
      [row('full bundle', full, BUDGETS.full), row('own code (deps external)', ownSizes, BUDGETS.own), row('legacy bundle', legacy)],
    ),
  );
  const { modules } = await buildInMemory(modernBundle({ file: undefined }));
  console.log('\nWhat each module costs in the full bundle (each minified and compressed alone):');
  const costs = await moduleCosts(modules);
  console.log(
    table(
      ['module', 'min', 'brotli', 'share'],
      costs.map((r) => [r.module, r.min, r.brotli, `${(r.share * 100).toFixed(1)} %`]),
    ),
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
