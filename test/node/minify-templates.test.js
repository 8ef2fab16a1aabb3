// The template minifier of the bundles (scripts/minify-templates.js): what it removes, what it
// keeps, that the code around the templates keeps its lines and columns (so the source maps
// hold), and that it runs on our shipped code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'acorn';
import { minifyCss, minifyHtml, minifyTemplateText } from '../../scripts/minify-templates.js';
import { BUILT, readBuilt } from '../../scripts/size.js';

test('minify-templates: css loses comments, line breaks, spaces, identifier quotes and leading zeros, keeps descendant combinators', () => {
  const css = `
    /* a comment */
    .a [part~='b'] :focus-visible,
    .c > .d {
      color: var(--_x, red);
      padding: 5px 12px;
    }
    @media (forced-colors: active) {
      .a { border-color: ButtonText; }
    }
    .e[aria-x="true"], [lang='fr-CA'], [x='1'], [y="a b"] { opacity: 0.4 !important; flex: 10.5 0.5 }
  `;
  assert.equal(
    minifyCss(css),
    ".a [part~=b] :focus-visible,.c>.d{color:var(--_x,red);padding:5px 12px}@media (forced-colors:active){.a{border-color:ButtonText}}" +
      `.e[aria-x=true],[lang=fr-CA],[x='1'],[y="a b"]{opacity:.4!important;flex:10.5 .5}`,
  );
});

test('minify-templates: html only turns whitespace around a line break into that line break', () => {
  const html = `<div part="base">

      <span
        class="x"
        >a b</span
      >  <b>c</b>
    </div>`;
  assert.equal(minifyHtml(html), '<div part="base">\n<span\nclass="x"\n>a b</span\n>  <b>c</b>\n</div>');
});

test('minify-templates: the code after each piece of template text keeps its line and column', () => {
  const code = [
    'const a = html`<div>',
    '    ${x ? html`<b>',
    '',
    '      ${y}</b>` : z}',
    '  </div>`;',
    'const s = css`',
    '  .a {',
    '    color: red;',
    '  }',
    '`, t = css`.b { color: blue; }`, u = 1;',
  ].join('\n');
  const program = (source) => parse(source, { ecmaVersion: 'latest' });
  const out = minifyTemplateText(code, program(code));
  assert.match(out, /css`\.a\{color:red\}`/);
  assert.match(out, /css`\.b\{color:blue\}`/);
  assert.match(out, /html`<div>\n\$\{/);
  // Every identifier (the code around and inside the templates' expressions) is where it was.
  const where = (source) => {
    const found = [];
    const walk = (node) => {
      if (!node || typeof node.type !== 'string') return;
      if (node.type === 'Identifier') found.push(`${node.name}@${node.start}`.replace(/@\d+/, () => `@${position(source, node.start)}`));
      for (const value of Object.values(node)) for (const child of [value].flat()) if (child && typeof child === 'object') walk(child);
    };
    walk(program(source));
    return found;
  };
  const position = (source, offset) => {
    const before = source.slice(0, offset).split('\n');
    return `${before.length}:${before.at(-1).length}`;
  };
  assert.deepEqual(where(out), where(code));
  assert.ok(where(code).includes('u@10:33'));
});

test('minify-templates: the full bundle carries our styles minified, with no run of blank lines', () => {
  const code = readBuilt(BUILT.full);
  assert.match(code, /button\{display:inline-flex;/);
  assert.doesNotMatch(code, /\n {2,}button \{/);
  assert.doesNotMatch(code, /\n\n\n/);
});
