// Test-runner server commands a browser test calls with `executeServerCommand(name, payload)`
// from '@web/test-runner-commands'.

/**
 * `emulate-media` `{ colorScheme?: 'light' | 'dark', forcedColors?: 'active' | 'none' }`: emulates
 * the media features on the test's page (Chrome launcher's puppeteer page); a feature left out
 * goes back to the browser's own value. Resolves `true`.
 */
export function emulateMediaPlugin() {
  return {
    name: 'emulate-media',
    async executeCommand({ command, payload = {}, session }) {
      if (command !== 'emulate-media') return undefined;
      const page = session.browser.getPage(session.id);
      await page.emulateMediaFeatures([
        { name: 'prefers-color-scheme', value: payload.colorScheme ?? '' },
        { name: 'forced-colors', value: payload.forcedColors ?? '' },
      ]);
      return true;
    },
  };
}
