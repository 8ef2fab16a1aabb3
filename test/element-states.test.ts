/**
 * Accessibility (axe, colour contrast included) of every visual state of every element, in the
 * light and in the dark color scheme (the test runner's `emulateMedia`), and the spinners in forced
 * colors (scripts/wtr-commands.js). The states are the screenshots' (test/fixtures/element-states.ts).
 */
import { expect } from '@open-wc/testing';
import { emulateMedia, executeServerCommand } from '@web/test-runner-commands';
import { functionHost } from '../src/core/host/function-host.js';
import '../src/define.js';
import { createMockStoreSession } from '../src/testing/mock-store-client.js';
import { buildStates, SHEETS, type BuiltState } from './fixtures/element-states.js';

/** High Contrast, through scripts/wtr-commands.js (the package's `emulateMedia` does the color scheme). */
const forcedColors = (value: 'active' | '') => executeServerCommand('emulate-forced-colors', { forcedColors: value });

describe('every visual state of every element, light and dark', function () {
  this.timeout(30_000);
  const root = document.createElement('main');
  let built: BuiltState[] = [];

  before(async () => {
    // The elements take light or dark from the page: this one follows the emulated preference.
    document.documentElement.style.colorScheme = 'light dark';
    document.body.append(root);
    built = await buildStates(root, { functionHost, createMockStoreSession });
  });

  after(() => {
    root.remove();
    document.documentElement.style.colorScheme = '';
  });

  describe('forced colors', () => {
    before(async () => {
      expect(await forcedColors('active')).to.equal(true);
      expect(matchMedia('(forced-colors: active)').matches).to.equal(true);
    });
    after(() => forcedColors(''));

    for (const [sheet, state] of [
      ['store-purchase-button', 'purchasing'],
      ['store-claim-status', 'submitting'],
    ]) {
      it(`${sheet}: ${state} shows its spinner in the text colour around it`, () => {
        const target = built.find((b) => b.sheet === sheet && b.state === state)!.target;
        const spinner = target.shadowRoot!.querySelector('.spinner')!;
        const around = getComputedStyle(spinner.parentElement!).color;
        expect(getComputedStyle(spinner).borderTopColor).to.equal(around);
        expect(getComputedStyle(spinner).borderTopColor).not.to.equal(getComputedStyle(spinner.parentElement!).backgroundColor);
      });
    }
  });

  for (const scheme of ['light', 'dark'] as const) {
    describe(scheme, () => {
      before(async () => {
        await emulateMedia({ colorScheme: scheme });
        expect(matchMedia(`(prefers-color-scheme: ${scheme})`).matches).to.equal(true);
      });

      it('renders in this scheme (text colour of a banner)', () => {
        const banner = built.find((b) => b.sheet === 'store-offer-banner' && b.state === 'offer')!.target;
        const text = getComputedStyle(banner.shadowRoot!.querySelector('[part~="heading"]')!).color;
        expect(text).to.equal(scheme === 'light' ? 'rgb(27, 27, 27)' : 'rgb(255, 255, 255)');
      });

      for (const sheet of SHEETS) {
        for (const { state } of sheet.states) {
          it(`${sheet.element}: ${state}`, async () => {
            const target = built.find((b) => b.sheet === sheet.element && b.state === state)!.target;
            // The colours follow the page's scheme (inherited by the base part, it resolves light-dark()).
            const base = target.shadowRoot?.querySelector('[part~="base"]');
            if (base && sheet.element !== 'store-offers') expect(getComputedStyle(base).colorScheme).to.equal('light dark');
            await expect(target).to.be.accessible();
          });
        }
      }
    });
  }
});
