// Editor data for the tags, made from custom-elements.json (run by `npm run analyze`, so by
// `npm run build`): vscode.html-custom-data.json (VS Code's `html.customData`) and web-types.json
// (JetBrains IDEs read it through package.json "web-types"). Never edit those two by hand:
//   node scripts/ide-data.js          rewrites them
//   node scripts/ide-data.js --check  exits 1 when they are out of date
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const VSCODE = 'vscode.html-custom-data.json';
export const WEB_TYPES = 'web-types.json';

/** Every custom element of the manifest, in the manifest's order. */
export function elementsOf(manifest) {
  return manifest.modules.flatMap((module) => module.declarations ?? []).filter((d) => d.customElement && d.tagName);
}

/** The public, writable or readable instance properties (no `#private`, `_state`, statics or methods). */
export function propertiesOf(element) {
  return (element.members ?? []).filter(
    (m) => m.kind === 'field' && !m.static && m.privacy !== 'private' && m.privacy !== 'protected' && !m.name.startsWith('#') && !m.name.startsWith('_'),
  );
}

/** One line of text: the manifest's descriptions keep the JSDoc's line breaks. */
const oneLine = (text = '') => text.replace(/\s*\n\s*/g, ' ').trim();

/** `'auto' | 'off'` → ['auto', 'off']; anything else → undefined. */
function literals(type = '') {
  const parts = type.split('|').map((part) => part.trim()).filter((part) => part !== 'undefined' && part !== 'null');
  return parts.length && parts.every((part) => /^'[^']*'$/.test(part)) ? parts.map((part) => part.slice(1, -1)) : undefined;
}

/** The element's description for an editor's hover: summary, then its events, slots and parts. */
function markdown(element) {
  const list = (title, items) => (items?.length ? `\n\n**${title}:** ${items.map((item) => `\`${item.name || '(default)'}\``).join(', ')}` : '');
  return `${oneLine(element.summary || element.description)}${list('Events', element.events)}${list('Slots', element.slots)}${list('Parts', element.cssParts)}`;
}

/** VS Code's HTML custom data (version 1.1): tags, their attributes and values. */
export function vscodeData(manifest, pkg) {
  return {
    $schema: 'https://raw.githubusercontent.com/microsoft/vscode-html-languageservice/main/docs/customData.schema.json',
    version: 1.1,
    tags: elementsOf(manifest).map((element) => ({
      name: element.tagName,
      description: markdown(element),
      attributes: (element.attributes ?? []).map((attribute) => {
        const values = literals(attribute.type?.text);
        return {
          name: attribute.name,
          description: oneLine(attribute.description),
          ...(attribute.type?.text === 'boolean' ? { valueSet: 'v' } : {}),
          ...(values ? { values: values.map((name) => ({ name })) } : {}),
        };
      }),
      references: [{ name: 'README', url: `${pkg.homepage}#${element.tagName}` }],
    })),
  };
}

/** JetBrains web-types (schema 2): elements with attributes, properties, events, slots, parts and CSS properties. */
export function webTypes(manifest, pkg) {
  return {
    $schema: 'https://json.schemastore.org/web-types',
    name: pkg.name,
    version: pkg.version,
    'description-markup': 'markdown',
    'js-types-syntax': 'typescript',
    contributions: {
      html: {
        elements: elementsOf(manifest).map((element) => ({
          name: element.tagName,
          description: oneLine(element.summary || element.description),
          'doc-url': `${pkg.homepage}#${element.tagName}`,
          attributes: (element.attributes ?? []).map((attribute) => ({
            name: attribute.name,
            description: oneLine(attribute.description),
            value: attribute.type?.text === 'boolean' ? { type: 'boolean', required: false, kind: 'no-value' } : { type: attribute.type?.text ?? 'string', required: false },
          })),
          slots: (element.slots ?? []).map((slot) => ({ name: slot.name, description: oneLine(slot.description) })),
          js: {
            properties: propertiesOf(element).map((property) => ({
              name: property.name,
              description: oneLine(property.description),
              ...(property.type?.text ? { type: property.type.text } : {}),
              ...(property.readonly ? { 'read-only': true } : {}),
            })),
            events: (element.events ?? []).map((event) => ({ name: event.name, description: oneLine(event.description), ...(event.type?.text ? { type: event.type.text } : {}) })),
          },
          css: {
            parts: (element.cssParts ?? []).map((part) => ({ name: part.name, description: oneLine(part.description) })),
            properties: (element.cssProperties ?? []).map((property) => ({ name: property.name, description: oneLine(property.description) })),
          },
        })),
      },
    },
  };
}

/** Both files' text, as written. */
export function ideData(manifest, pkg) {
  const text = (value) => `${JSON.stringify(value, null, 2)}\n`;
  return { [VSCODE]: text(vscodeData(manifest, pkg)), [WEB_TYPES]: text(webTypes(manifest, pkg)) };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
  const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
  const check = process.argv.includes('--check');
  let stale = false;
  for (const [file, text] of Object.entries(ideData(manifest, pkg))) {
    let current = '';
    try {
      current = readFileSync(file, 'utf8');
    } catch {
      // Not written yet.
    }
    if (current === text) continue;
    if (check) {
      console.error(`${file} is out of date: npm run analyze`);
      stale = true;
    } else {
      writeFileSync(file, text);
      console.log(`${file}: written from custom-elements.json`);
    }
  }
  process.exitCode = stale ? 1 : 0;
}
