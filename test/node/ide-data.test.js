// Editor data and the React entry, made from custom-elements.json by `npm run analyze`
// (scripts/ide-data.js, scripts/react-entry.js): up to date, listed in package.json, and naming
// every tag, attribute, property and event the manifest declares.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { elementsOf, ideData, propertiesOf, VSCODE, WEB_TYPES } from '../../scripts/ide-data.js';
import { REACT_ENTRY, reactEntry, reactEventProp, reactEvents } from '../../scripts/react-entry.js';

const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const elements = elementsOf(manifest);
const read = (file) => JSON.parse(readFileSync(file, 'utf8'));

test('ide data: the four tags are in the manifest (the checks below have something to check)', () => {
  assert.deepEqual(elements.map((e) => e.tagName).sort(), ['store-claim-status', 'store-offer-banner', 'store-offers', 'store-purchase-button']);
  assert.ok(elements.every((e) => e.attributes?.length));
  // Every element but the claim status, which only renders (its claims' events come from <store-offers>).
  const silent = elements.filter((e) => !e.events?.length).map((e) => e.tagName);
  assert.deepEqual(silent, ['store-claim-status']);
});

test('ide data: vscode.html-custom-data.json and web-types.json are what custom-elements.json makes (npm run analyze)', () => {
  for (const [file, text] of Object.entries(ideData(manifest, pkg))) assert.equal(readFileSync(file, 'utf8'), text, `${file} is out of date`);
});

test('ide data: package.json ships and points at them', () => {
  assert.equal(pkg['web-types'], `./${WEB_TYPES}`);
  for (const file of [VSCODE, WEB_TYPES]) {
    assert.ok(pkg.files.includes(file), `files lists ${file}`);
    assert.equal(pkg.exports[`./${file}`], `./${file}`);
  }
  for (const field of ['repository', 'homepage', 'bugs']) assert.ok(pkg[field], `package.json has ${field}`);
});

test('ide data: VS Code custom data names every tag and attribute (with its values), and every event', () => {
  const tags = new Map(read(VSCODE).tags.map((tag) => [tag.name, tag]));
  for (const element of elements) {
    const tag = tags.get(element.tagName);
    assert.ok(tag, element.tagName);
    assert.deepEqual(tag.attributes.map((a) => a.name), element.attributes.map((a) => a.name), element.tagName);
    for (const event of element.events ?? []) assert.ok(tag.description.includes(`\`${event.name}\``), `${element.tagName} describes ${event.name}`);
  }
  const claims = tags.get('store-offers').attributes.find((a) => a.name === 'claims');
  assert.deepEqual(claims.values, [{ name: 'auto' }, { name: 'off' }]);
  assert.equal(tags.get('store-offer-banner').attributes.find((a) => a.name === 'dismissible').valueSet, 'v');
});

test('ide data: web-types names every tag, attribute, property and event', () => {
  const data = read(WEB_TYPES);
  assert.equal(data.name, pkg.name);
  const byName = new Map(data.contributions.html.elements.map((element) => [element.name, element]));
  for (const element of elements) {
    const entry = byName.get(element.tagName);
    assert.ok(entry, element.tagName);
    assert.deepEqual(entry.attributes.map((a) => a.name), element.attributes.map((a) => a.name));
    assert.deepEqual(entry.js.events.map((e) => e.name), (element.events ?? []).map((e) => e.name));
    assert.deepEqual(entry.js.properties.map((p) => p.name), propertiesOf(element).map((p) => p.name));
  }
  const offers = byName.get('store-offers').js.properties.map((p) => p.name);
  for (const name of ['token', 'host', 'claimOptions', 'offers', 'status', 'strings']) assert.ok(offers.includes(name), `store-offers.${name}`);
});

test('react: src/react/index.ts is what custom-elements.json makes, with every event of each element and of those inside it', () => {
  const source = readFileSync(REACT_ENTRY, 'utf8');
  assert.equal(source, reactEntry(manifest), `${REACT_ENTRY} is out of date: npm run analyze`);
  const events = reactEvents(manifest);
  for (const element of elements) {
    const block = source.slice(source.indexOf(`tagName: '${element.tagName}'`));
    const body = block.slice(0, block.indexOf('});'));
    for (const event of element.events ?? []) assert.ok(body.includes(`${reactEventProp(event.name)}: '${event.name}'`), `${element.tagName}: ${event.name}`);
    assert.equal(events.get(element.tagName).length, (body.match(/ as EventName</g) ?? []).length);
  }
  // The provider hears every event of the library.
  const all = new Set(elements.flatMap((e) => (e.events ?? []).map((event) => event.name)));
  assert.deepEqual(new Set(events.get('store-offers').map((e) => e.name)), all);
});

test('react: the JSX typing of the raw tags lists every attribute of the manifest', () => {
  const jsx = readFileSync('src/react/jsx.ts', 'utf8');
  for (const element of elements) {
    const line = jsx.split('\n').find((l) => l.includes(`'${element.tagName}': Tag<`));
    assert.ok(line, element.tagName);
    for (const attribute of element.attributes.filter((a) => !a.inheritedFrom)) {
      assert.ok(line.includes(attribute.name.includes('-') ? `'${attribute.name}'` : `${attribute.name}?`), `${element.tagName} [${attribute.name}]`);
    }
  }
});
