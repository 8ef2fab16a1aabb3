// A rollup plugin that minifies the static text of our own Lit templates (terser leaves template
// literals alone): `css` templates lose comments, indentation and the spaces around punctuation;
// `html` templates lose their indentation. Runs after esbuild compiled the TypeScript, on files
// under src/ only.
//
// Every line break stays in its quasi, so the code around the templates keeps its lines and the
// source maps stay true: in `html` templates where it was (a line break is whitespace just as
// its indentation is, so the DOM is the same), in `css` templates at the end.

/** The line breaks of `text` alone. */
const breaks = (text) => text.replace(/[^\n]/g, '');

/**
 * A `css` template's static text with no comments, no indentation and no space around
 * punctuation; its line breaks are moved to its end (CSS ignores them there).
 */
export function minifyCss(text) {
  const css = text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/ ?([{};,>]|:(?= )) ?/g, '$1')
    .replace(/;}/g, '}')
    .trim();
  return css + breaks(text);
}

/** An `html` template's static text: whitespace holding a line break becomes the line breaks alone. */
export function minifyHtml(text) {
  return text.replace(/\s*\n\s*/g, breaks);
}

/** Every tagged template under `node` whose tag is the identifier `css` or `html`. */
function* taggedTemplates(node) {
  if (!node || typeof node.type !== 'string') return;
  if (node.type === 'TaggedTemplateExpression' && node.tag.type === 'Identifier' && /^(css|html)$/.test(node.tag.name)) yield node;
  for (const value of Object.values(node)) {
    if (Array.isArray(value)) for (const child of value) yield* taggedTemplates(child);
    else if (value && typeof value === 'object') yield* taggedTemplates(value);
  }
}

/** The plugin; put it after the TypeScript compiler. */
export function minifyTemplates() {
  return {
    name: 'minify-templates',
    transform(code, id) {
      if (!/\/src\/.*\.ts$/.test(id) || !/\b(css|html)`/.test(code)) return null;
      const edits = [];
      for (const node of taggedTemplates(this.parse(code))) {
        for (const { start, end } of node.quasi.quasis) {
          const raw = code.slice(start, end);
          const text = node.tag.name === 'css' ? minifyCss(raw) : minifyHtml(raw);
          if (text !== raw) edits.push({ start, end, text });
        }
      }
      let out = code;
      for (const { start, end, text } of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, start) + text + out.slice(end);
      // `map: null`: the line breaks did not move, so the previous source map still holds.
      return out === code ? null : { code: out, map: null };
    },
  };
}
