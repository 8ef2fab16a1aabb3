import { expect } from '@open-wc/testing';
import type { CSSResultOrNative } from 'lit';
import { StoreClaimStatus } from '../components/store-claim-status/store-claim-status.js';
import { StoreOfferBanner } from '../components/store-offer-banner/store-offer-banner.js';
import { StoreOffers } from '../components/store-offers/store-offers.js';
import { StorePurchaseButton } from '../components/store-purchase-button/store-purchase-button.js';
import '../define.js';

const ELEMENTS = {
  'store-offers': StoreOffers,
  'store-offer-banner': StoreOfferBanner,
  'store-purchase-button': StorePurchaseButton,
  'store-claim-status': StoreClaimStatus,
};

/** Every style declaration of an element's stylesheets, as [property, value] pairs (nested rules included). */
function declarations(styles: CSSResultOrNative[]): [string, string][] {
  const found: [string, string][] = [];
  const walk = (rules: CSSRuleList) => {
    for (const rule of rules) {
      if ('cssRules' in rule) walk((rule as CSSGroupingRule).cssRules);
      if (rule instanceof CSSStyleRule) {
        // Shorthands (font, border, background…) are not in the iterator: read them from cssText.
        for (const [, property, value] of rule.style.cssText.matchAll(/([\w-]+)\s*:\s*([^;]+)/g)) found.push([property!, value!]);
      }
    }
  };
  for (const style of styles) walk((style instanceof CSSStyleSheet ? style : style.styleSheet!).cssRules);
  return found;
}

const privates = (text: string) => text.match(/--_[\w-]+/g) ?? [];

describe('theming tokens', () => {
  for (const [tag, element] of Object.entries(ELEMENTS)) {
    describe(tag, () => {
      const all = declarations(element.elementStyles);
      const defined = new Set(all.map(([property]) => property).filter((p) => p.startsWith('--_')));
      const used = new Set(all.flatMap(([, value]) => privates(value)));

      it('uses no private variable it does not define', () => {
        if (tag !== 'store-offers') expect(defined).to.include('--_font').and.to.include('--_color-scheme');
        expect([...used].filter((name) => !defined.has(name))).to.deep.equal([]);
      });

      it('defines no private variable it does not use', () => {
        expect([...defined].filter((name) => !used.has(name))).to.deep.equal([]);
      });

      it('documents exactly the public custom properties it reads (custom-elements.json)', async () => {
        const manifest = await (await fetch('/custom-elements.json')).json();
        const declaration = manifest.modules
          .flatMap((m: { declarations?: unknown[] }) => m.declarations ?? [])
          .find((d: { tagName?: string }) => d.tagName === tag);
        const documented = (declaration.cssProperties ?? []).map((p: { name: string }) => p.name).sort();
        const prefix = `--store-offer-${tag.replace(/^store-(offer-)?/, '')}-`;
        const read = [...new Set(all.flatMap(([, value]) => value.match(/--store-offer-[\w-]+/g) ?? []))]
          .filter((name) => name.startsWith(prefix))
          .sort();
        expect(read).to.deep.equal(documented);
      });
    });
  }
});
