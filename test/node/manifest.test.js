// custom-elements.json is the elements' public API (the README's API section is made from it):
// every tag, attribute, public property, event, slot, part, CSS property and custom state must be
// there with a description. (`.ci/run` separately fails when the committed file is stale.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
const elements = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.customElement && d.tagName); // the base class has no tag
const byTag = Object.fromEntries(elements.map((d) => [d.tagName, d]));

/** The members a user sees: public, instance, not inherited from LitElement. */
const publicMembers = (d) =>
  (d.members ?? []).filter((m) => !m.static && (m.privacy ?? 'public') === 'public' && !m.name.startsWith('#') && !m.inheritedFrom?.package);

test('manifest: the four tags of SPEC.md, each with a summary or description', () => {
  assert.deepEqual(Object.keys(byTag).sort(), ['store-claim-status', 'store-offer-banner', 'store-offers', 'store-purchase-button']);
  for (const [tag, d] of Object.entries(byTag)) assert.ok((d.summary || d.description)?.trim(), `${tag} has no summary`);
});

test('manifest: every attribute, public property, event, slot, part, CSS property and custom state is described', () => {
  const missing = [];
  for (const [tag, d] of Object.entries(byTag)) {
    const lists = {
      attribute: d.attributes,
      property: publicMembers(d),
      event: d.events,
      slot: d.slots,
      part: d.cssParts,
      'CSS property': d.cssProperties,
      'custom state': d.cssStates,
    };
    for (const [kind, items] of Object.entries(lists)) {
      for (const item of items ?? []) if (!item.description?.trim()) missing.push(`${tag} ${kind} ${item.name || '(default)'}`);
    }
  }
  assert.deepEqual(missing, []);
});

test('manifest: the parts, events and states SPEC.md names are declared', () => {
  const names = (list) => (list ?? []).map((x) => x.name);
  const parts = {
    'store-offers': ['base'],
    'store-offer-banner': ['base', 'image', 'heading', 'description', 'price', 'actions', 'dismiss-button', 'purchase-button__base'],
    'store-purchase-button': ['base', 'label', 'spinner'],
    'store-claim-status': ['base', 'icon', 'label', 'retry-button'],
  };
  for (const [tag, expected] of Object.entries(parts)) {
    for (const part of expected) assert.ok(names(byTag[tag].cssParts).includes(part), `${tag} lacks part ${part}`);
  }
  const events = {
    'store-offers': ['store-offers-load', 'store-offers-error', 'store-claim-change'],
    'store-offer-banner': ['store-offer-dismiss', 'store-offer-impression'],
    'store-purchase-button': ['store-purchase-request', 'store-purchase-complete', 'store-purchase-error'],
  };
  for (const [tag, expected] of Object.entries(events)) {
    for (const event of expected) {
      const declared = byTag[tag].events?.find((e) => e.name === event);
      assert.ok(declared, `${tag} lacks event ${event}`);
      assert.ok(declared.type?.text, `${tag} event ${event} has no detail type`);
    }
  }
  for (const state of ['idle', 'purchasing', 'purchased', 'owned', 'failed']) {
    assert.ok(names(byTag['store-purchase-button'].cssStates).includes(state), `store-purchase-button lacks state ${state}`);
  }
  for (const [tag, attribute] of [['store-offers', 'endpoint'], ['store-offers', 'claims'], ['store-offer-banner', 'product-id'], ['store-offer-banner', 'dismissible'], ['store-offer-banner', 'dismiss-days'], ['store-purchase-button', 'product-id'], ['store-purchase-button', 'tracking-id'], ['store-claim-status', 'tracking-id']]) {
    assert.ok(names(byTag[tag].attributes).includes(attribute), `${tag} lacks attribute ${attribute}`);
  }
  assert.ok(!names(byTag['store-offers'].attributes).includes('token'), 'token must never be an attribute');
});
