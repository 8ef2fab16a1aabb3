// Test-runner server commands a browser test calls with `executeServerCommand(name, payload)`
// from '@web/test-runner-commands' (next to that package's own commands, such as `emulateMedia`
// for the color scheme).

/** One DevTools session per test page (an emulation lasts as long as the session that set it). */
const sessions = new WeakMap();

/**
 * `emulate-forced-colors` `{ forcedColors: 'active' | 'none' | '' }`: emulates the forced-colors
 * media feature (High Contrast) on the test's page, over the DevTools protocol — the package's
 * `emulateMedia` cannot (puppeteer refuses the feature). `''` goes back to the browser's own value.
 * Resolves `true`.
 */
export function forcedColorsPlugin() {
  return {
    name: 'emulate-forced-colors',
    async executeCommand({ command, payload = {}, session }) {
      if (command !== 'emulate-forced-colors') return undefined;
      const page = session.browser.getPage(session.id);
      if (!sessions.has(page)) sessions.set(page, await page.createCDPSession());
      await sessions.get(page).send('Emulation.setEmulatedMedia', {
        features: [{ name: 'forced-colors', value: payload.forcedColors ?? '' }],
      });
      return true;
    },
  };
}

/**
 * `bring-to-front`: makes the test's page the visible one. With several test pages open at once
 * (concurrency), only one is visible, and a hidden page never intersects the viewport, so tests of
 * visibility (impressions) call this first. Resolves `true`.
 */
export function bringToFrontPlugin() {
  return {
    name: 'bring-to-front',
    async executeCommand({ command, session }) {
      if (command !== 'bring-to-front') return undefined;
      await session.browser.getPage(session.id).bringToFront();
      return true;
    },
  };
}

/**
 * `accessibility-tree`: the test page's whole accessibility tree as Chromium exposes it to
 * assistive tech (every node, groups included: `interestingOnly: false`), as
 * `{ role, name, description?, level?, children? }`. Resolves that tree.
 */
export function accessibilityTreePlugin() {
  return {
    name: 'accessibility-tree',
    async executeCommand({ command, session }) {
      if (command !== 'accessibility-tree') return undefined;
      const page = session.browser.getPage(session.id);
      const prune = ({ role, name, description, level, children }) => ({
        role,
        name,
        ...(description ? { description } : {}),
        ...(level ? { level } : {}),
        ...(children ? { children: children.map(prune) } : {}),
      });
      return prune(await page.accessibility.snapshot({ interestingOnly: false }));
    },
  };
}
