// The template minifier of the bundles (scripts/minify-templates.js): what it removes, what it
// keeps (every line break, so the source maps hold), and that it runs on our shipped code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { minifyCss, minifyHtml } from '../../scripts/minify-templates.js';
import { BUILT, readBuilt } from '../../scripts/size.js';

const lines = (text) => text.split('\n').length;

test('minify-templates: css loses comments and spaces, keeps descendant combinators, line breaks move to the end', () => {
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
  `;
  const min = minifyCss(css);
  assert.equal(min.trim(), ".a [part~='b'] :focus-visible,.c>.d{color:var(--_x,red);padding:5px 12px}@media (forced-colors:active){.a{border-color:ButtonText}}");
  assert.equal(lines(min), lines(css));
});

test('minify-templates: html keeps every line break in place and only drops the indentation around it', () => {
  const html = `<div part="base">
      <span
        class="x"
        >a b</span
      >  <b>c</b>
    </div>`;
  const min = minifyHtml(html);
  assert.equal(min, '<div part="base">\n<span\nclass="x"\n>a b</span\n>  <b>c</b>\n</div>');
  assert.equal(lines(min), lines(html));
});

test('minify-templates: the full bundle carries our styles minified', () => {
  const code = readBuilt(BUILT.full);
  assert.match(code, /\.button\{display:inline-flex;/);
  assert.doesNotMatch(code, /\n {2,}\.button \{/);
});
