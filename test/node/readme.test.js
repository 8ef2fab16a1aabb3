// The README says only what is true: its elements API is generated from custom-elements.json and
// up to date; its HTML uses only tags, attributes and slots that exist, and no inline script; its
// CSS is the demo's stylesheet, verbatim, with custom properties that exist; its TS/TSX/JS blocks
// compile against the built package (the testing example is also a test that runs); its shell
// lines run npm scripts that exist; its links and images point at files that exist.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { renderApi, updateReadme } from '../../scripts/readme-api.js';
import { typecheck } from '../../scripts/typecheck.js';
import { CEILINGS, kib } from '../../scripts/size.js';

const readme = readFileSync('README.md', 'utf8');
const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const blocks = [...readme.matchAll(/^```(\w+)\n([\s\S]*?)^```$/gm)].map(([, lang, code]) => ({ lang, code }));
const of = (...langs) => blocks.filter((block) => langs.includes(block.lang));

const elements = new Map(
  manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.customElement && d.tagName).map((d) => [d.tagName, d]),
);
/** Attributes any element takes (HTML's global ones, plus the base element's `lang` and `dir`). */
const GLOBAL_ATTRIBUTES = ['id', 'class', 'style', 'slot', 'hidden', 'lang', 'dir', 'part', 'exportparts', 'title', 'tabindex'];

test('readme: the elements API section is generated from custom-elements.json and up to date', () => {
  assert.equal(updateReadme(readme, manifest), readme, 'stale: run node scripts/readme-api.js');
  const api = renderApi(manifest);
  for (const tag of ['store-offers', 'store-offer-banner', 'store-purchase-button', 'store-claim-status']) {
    assert.ok(elements.has(tag), tag);
    assert.match(api, new RegExp(`### \`<${tag}>\``));
  }
  assert.match(api, /\| `product-id` \| `productId` \|/);
  assert.match(api, /`store-purchase-complete`/);
  assert.match(api, /`:state\(purchasing\)`/);
});

test('readme: the generator fails loudly without its markers and escapes table cells', () => {
  assert.throws(() => updateReadme('# no markers', manifest), /api:start/);
  const odd = { modules: [{ declarations: [{ kind: 'class', customElement: true, tagName: 'store-x', name: 'X', attributes: [{ name: 'a', fieldName: 'a' }], members: [{ kind: 'field', name: 'a', type: { text: "'b' | 'c'" }, description: 'one\ntwo' }] }] }] };
  assert.match(renderApi(odd), /\| `a` \| `a` \| `'b' \\\| 'c'` \|  \| one two \|/);
});

test('readme: HTML blocks use only existing tags, attributes and slots, and no inline script', () => {
  const html = of('html');
  assert.ok(html.length >= 3);
  const slots = new Set([...elements.values()].flatMap((d) => (d.slots ?? []).map((s) => s.name)).filter(Boolean));
  for (const { code } of html) {
    for (const [, tag, rest] of code.matchAll(/<([a-z][\w-]*)([^>]*)>/g)) {
      const attributes = [...rest.matchAll(/([^\s=/]+)(?:="([^"]*)")?/g)].map(([, name, value]) => ({ name, value }));
      if (tag === 'script') {
        assert.ok(attributes.some((a) => a.name === 'src'), `inline script in:\n${code}`);
        continue;
      }
      for (const { name, value } of attributes) {
        if (name === 'slot') assert.ok(slots.has(value), `slot "${value}"`);
      }
      if (!tag.startsWith('store-')) continue;
      const element = elements.get(tag);
      assert.ok(element, `<${tag}> is not an element of the library`);
      const known = [...GLOBAL_ATTRIBUTES, ...(element.attributes ?? []).map((a) => a.name)];
      for (const { name } of attributes) assert.ok(known.includes(name), `<${tag} ${name}> is not an attribute`);
    }
  }
});

test('readme: CSS blocks are the demo stylesheet verbatim, with custom properties and parts that exist', () => {
  const css = of('css');
  assert.ok(css.length >= 3);
  const stylesheet = readFileSync('demo/demo.css', 'utf8');
  const declared = [...elements.values()].flatMap((d) => (d.cssProperties ?? []).map((p) => p.name));
  // A global token `--store-offer-<thing>` exists when some element maps `--store-offer-<element>-<thing>` onto it.
  const things = new Set(declared.map((name) => name.replace(/^--store-offer-(banner|purchase-button|claim-status|offers)-/, '')));
  const parts = new Map([...elements].map(([tag, d]) => [tag, (d.cssParts ?? []).map((p) => p.name)]));
  for (const { code } of css) {
    assert.ok(stylesheet.includes(code), `not in demo/demo.css:\n${code}`);
    for (const [property] of code.matchAll(/--store-offer-[\w-]+/g)) {
      assert.ok(declared.includes(property) || things.has(property.slice('--store-offer-'.length)), property);
    }
    for (const [, tag, part] of code.matchAll(/(store-[\w-]+)(?::state\([\w-]+\))?::part\(([\w-]+)\)/g)) {
      assert.ok(parts.get(tag)?.includes(part), `${tag}::part(${part})`);
    }
    for (const [, tag, state] of code.matchAll(/(store-[\w-]+):state\(([\w-]+)\)/g)) {
      assert.ok(elements.get(tag)?.cssStates?.some((s) => s.name === state), `${tag}:state(${state})`);
    }
  }
});

test('readme: TS, TSX and JS blocks compile against the built package', () => {
  const code = of('ts', 'tsx', 'js');
  assert.ok(code.length >= 10);
  const dir = '.cache/readme-blocks';
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  code.forEach(({ lang, code: source }, i) => writeFileSync(`${dir}/block-${String(i).padStart(2, '0')}.${lang}`, source));
  writeFileSync(
    `${dir}/tsconfig.json`,
    JSON.stringify({
      extends: '../../test/types/tsconfig.json',
      compilerOptions: { allowJs: true, checkJs: true, types: ['mocha', 'node'] },
      include: ['*.ts', '*.tsx', '*.js'],
    }),
  );
  const { status, output } = typecheck(`${dir}/tsconfig.json`);
  assert.equal(output, '');
  assert.equal(status, 0);
});

test('readme: the testing example is test/types/readme-testing.test.ts, which the browser suite runs', () => {
  const example = readFileSync('test/types/readme-testing.test.ts', 'utf8');
  assert.ok(of('ts').some(({ code }) => code === example), 'the README block differs from test/types/readme-testing.test.ts');
});

test('readme: shell lines run npm scripts that exist', () => {
  const lines = of('sh').flatMap(({ code }) => code.split('\n')).filter(Boolean);
  assert.ok(lines.length >= 4);
  for (const line of lines) {
    for (const [, command, script] of line.replace(/#.*/, '').matchAll(/npm (run )?([\w:-]+)/g)) {
      if (!command && ['install', 'ci', 'pack'].includes(script)) continue;
      assert.ok(pkg.scripts[script], `npm ${command ?? ''}${script}: no such script`);
    }
  }
});

test('readme: the demo URL and its port are the ones npm start prints', () => {
  assert.match(readFileSync('demo/serve.js', 'utf8'), /process\.env\.PORT \|\| 8765/);
  assert.match(readme, /http:\/\/localhost:8765\/demo\//);
});

test('readme: relative links and images point at files that exist', () => {
  const links = [...readme.matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)].map((m) => m[1]).filter((href) => !/^[a-z]+:/.test(href));
  assert.ok(links.includes('docs/images/demo.png'));
  for (const href of links) assert.ok(existsSync(href), href);
  assert.deepEqual([...readFileSync('docs/images/demo.png').subarray(1, 4)].map((c) => String.fromCharCode(c)).join(''), 'PNG');
});

test('readme: the sizes it states are the ceilings CI enforces', () => {
  assert.match(readme, new RegExp(`full bundle is at most ${kib(CEILINGS.full).replace('.', '\\.')}`));
  assert.match(readme, new RegExp(`own code at most\\s+${kib(CEILINGS.own).replace('.', '\\.')}`));
});
