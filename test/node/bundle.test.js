// The shipped bundles: self-contained, the whole public API, Lit's production build, the legacy
// bundle's ES2017 syntax, no legacy cost in the modern bundle, and per-element entry points that
// carry only their element. Reads dist/, so `npm run build` must have run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as acorn from 'acorn';
import { buildInMemory, bundleOptions, legacyBundle, modernBundle } from '../../scripts/build-bundles.js';
import { BUILT, buildOwnCode, kib, readBuilt, sizes } from '../../scripts/size.js';

const TAGS = ['store-offers', 'store-offer-banner', 'store-purchase-button', 'store-claim-status'];

/** Strings that only lit's polyfill-support contains. */
const LEGACY_ONLY = ['prepareTemplateStyles', 'ScopingShim', '__scoped'];

function parse(code, ecmaVersion) {
  return acorn.parse(code, { ecmaVersion, sourceType: 'module' });
}

function exportNames(program) {
  return program.body
    .filter((node) => node.type === 'ExportNamedDeclaration')
    .flatMap((node) => node.specifiers.map((s) => s.exported.name))
    .sort();
}

function imports(program) {
  const found = [];
  (function walk(node) {
    if (!node || typeof node.type !== 'string') return;
    if (['ImportDeclaration', 'ImportExpression', 'ExportAllDeclaration'].includes(node.type)) found.push(node.type);
    if (node.type === 'ExportNamedDeclaration' && node.source) found.push('export from');
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === 'object') walk(value);
    }
  })(program);
  return found;
}

test('bundle: the full bundle is self-contained (no imports) and ships a source map', () => {
  const code = readBuilt(BUILT.full);
  assert.deepEqual(imports(parse(code, 'latest')), []);
  assert.match(code, /\/\/# sourceMappingURL=store-offer-elements\.bundle\.js\.map\s*$/);
  const map = JSON.parse(readFileSync(`${BUILT.full}.map`, 'utf8'));
  assert.ok(map.sources.some((s) => s.startsWith('../src/components/')), 'the map points at our sources');
});

test('bundle: the full bundle exports the whole public API (everything src/index.ts exports)', async () => {
  const { exports: api } = await buildInMemory(bundleOptions({ input: 'src/index.ts', minifier: 'none' }));
  assert.ok(api.length > 0);
  assert.deepEqual(exportNames(parse(readBuilt(BUILT.full), 'latest')), [...api].sort());
});

test('bundle: the full bundle registers every tag and uses Lit’s production build', () => {
  const code = readBuilt(BUILT.full);
  for (const tag of TAGS) assert.ok(code.includes(`"${tag}"`), `${tag} is registered`);
  assert.ok(!code.includes('Lit is in dev mode'), 'no dev-mode Lit');
});

test('bundle: the full bundle is what the minifying pipeline makes of today’s sources', async () => {
  const shipped = readBuilt(BUILT.full).replace(/\n\/\/# sourceMappingURL=.*\s*$/, '');
  const { code } = await buildInMemory(modernBundle({ file: undefined }));
  assert.ok(shipped === code.trimEnd(), 'dist is stale: run `npm run build`');
  const own = (await buildOwnCode()).code;
  const ownUnminified = (await buildOwnCode({ minifier: 'none' })).code;
  assert.ok(own.length < ownUnminified.length * 0.7, `own code minified: ${own.length} B vs ${ownUnminified.length} B`);
});

test('bundle: the legacy bundle parses as ES2017 and exports the same API', () => {
  const legacy = parse(readBuilt(BUILT.legacy), 2017);
  assert.deepEqual(imports(legacy), []);
  assert.deepEqual(exportNames(legacy), exportNames(parse(readBuilt(BUILT.full), 'latest')));
});

test('bundle: the modern bundle carries no polyfill code and is not lowered to ES2017', async () => {
  const code = readBuilt(BUILT.full);
  for (const marker of LEGACY_ONLY) assert.ok(!code.includes(marker), `no "${marker}"`);
  assert.throws(() => parse(code, 2017), SyntaxError, 'modern syntax kept');
  const { modules } = await buildInMemory(modernBundle({ file: undefined }));
  const legacyModules = Object.keys(modules).filter((id) => /polyfill-support|webcomponents|src\/legacy\//.test(id));
  assert.deepEqual(legacyModules, []);
  // …and the legacy bundle does carry them (so the markers above mean something).
  const legacy = readBuilt(BUILT.legacy);
  for (const marker of LEGACY_ONLY) assert.ok(legacy.includes(marker), `legacy has "${marker}"`);
  const { modules: legacyBuild } = await buildInMemory(legacyBundle({ file: undefined }));
  assert.ok(Object.keys(legacyBuild).some((id) => id.includes('polyfill-support')));
});

/** package.json entries that lead to one element's registration module. */
function elementEntries() {
  const { exports } = JSON.parse(readFileSync('package.json', 'utf8'));
  return Object.entries(exports)
    .map(([key, target]) => [key, typeof target === 'string' ? target : target.default])
    .filter(([, target]) => /^\.\/dist\/components\//.test(target));
}

test('bundle: every element has its own entry point, and each resolves to a built file', () => {
  const entries = elementEntries();
  assert.deepEqual(entries.map(([key]) => key).sort(), TAGS.map((tag) => `./${tag}.js`).sort());
  for (const [key, target] of entries) assert.ok(existsSync(target), `${key} → ${target} exists`);
});

test('bundle: the button-only entry does not pull in the banner, the provider or the claim status', async (t) => {
  const [, target] = elementEntries().find(([key]) => key === './store-purchase-button.js');
  const { code, modules } = await buildInMemory(bundleOptions({ input: target }));
  const ours = Object.keys(modules).filter((id) => !id.includes('node_modules'));
  for (const other of ['store-offer-banner', 'store-claim-status', 'components/store-offers/']) {
    assert.deepEqual(ours.filter((id) => id.includes(other)), [], `no ${other}`);
  }
  const button = sizes(code);
  const full = sizes(readBuilt(BUILT.full));
  t.diagnostic(`button only, deps included: ${button.brotli} B brotli (${kib(button.brotli)}); full bundle ${kib(full.brotli)}`);
  assert.ok(button.brotli < full.brotli);
});
