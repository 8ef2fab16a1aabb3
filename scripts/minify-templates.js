// A rollup plugin that minifies the static text of our own Lit templates (terser leaves template
// literals alone): `css` templates lose comments, indentation and the spaces around punctuation;
// `html` templates lose their indentation. Runs after esbuild compiled the TypeScript, on files
// under src/ only.
//
// The source maps stay true without a map of our own: each piece of template text hands its line
// breaks to the code right after it (inside the `${` that follows, or after the closing backtick),
// padded with spaces to the column that code had. That code keeps its line and column, and terser
// drops the whitespace.

/**
 * A `css` template's static text with no comments, no line breaks, no indentation, no space
 * around punctuation, no quotes around attribute values that are identifiers and no zero before
 * a decimal point.
 */
export function minifyCss(text) {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/ ?([{};,>!]|:(?= )) ?/g, '$1')
    .replace(/;}/g, '}')
    .replace(/=(['"])(-?[a-z_][\w-]*)\1\]/gi, '=$2]')
    .replace(/([:, (])0\.(\d)/g, '$1.$2')
    .trim();
}

/** An `html` template's static text: whitespace holding a line break becomes that one line break (the DOM renders the same). */
export function minifyHtml(text) {
  return text.replace(/\s*\n\s*/g, '\n');
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

/** Where `text` ends, counted from its start: [line breaks, column]. */
function endOf(text) {
  const lines = text.split('\n');
  return [lines.length - 1, lines.at(-1).length];
}

/**
 * `code` with the static text of its `css` and `html` templates minified. After each piece of
 * text and the `${` or backtick that ends it come the line breaks it lost, then spaces up to the
 * column the code after it had: that code keeps its line and column.
 */
export function minifyTemplateText(code, program) {
  const pieces = [...taggedTemplates(program)].flatMap((node) => node.quasi.quasis.map(({ start, end }) => ({ start, end, css: node.tag.name === 'css' })));
  let out = '';
  let done = 0;
  for (const { start, end, css } of pieces.sort((a, b) => a.start - b.start)) {
    const raw = code.slice(start, end);
    const closer = code[end] === '`' ? '`' : '${';
    const text = (css ? minifyCss(raw) : minifyHtml(raw)) + closer;
    const [lines, column] = endOf(raw + closer);
    const [kept, at] = endOf(text);
    out += code.slice(done, start) + text + (lines > kept ? '\n'.repeat(lines - kept) + ' '.repeat(column) : ' '.repeat(column - at));
    done = end + closer.length;
  }
  return out + code.slice(done);
}

/** The plugin; put it after the TypeScript compiler. */
export function minifyTemplates() {
  return {
    name: 'minify-templates',
    transform(code, id) {
      if (!/\/src\/.*\.ts$/.test(id) || !/\b(css|html)`/.test(code)) return null;
      const out = minifyTemplateText(code, this.parse(code));
      // `map: null`: the code around the templates did not move, so the previous source map still holds.
      return out === code ? null : { code: out, map: null };
    },
  };
}
