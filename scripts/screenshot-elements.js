// Screenshots of every element in every state (test/fixtures/element-states.ts), in light, dark and
// forced colors: one sheet per element per theme in docs/screenshots/, and its index
// docs/screenshots/README.md. The page runs the shipped bundle on the mock Store and plain function
// hosts, served under the strict CSP (test/csp/serve-with-csp.js); a CSP violation fails the run.
//   npx tsc -p tsconfig.build.json && node scripts/screenshot-elements.js [--out docs/screenshots]
// (the page loads the mock Store client from dist/testing; the bundle is rebuilt in memory when stale).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { transform } from 'esbuild';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from './chromium.js';
import { bundleCode, serveWithCsp } from '../test/csp/serve-with-csp.js';

const { values } = parseArgs({ options: { out: { type: 'string', default: 'docs/screenshots' } } });

/** The themes: Playwright context options. Forced colors over the light scheme (Windows' default High Contrast is dark: see the dark sheet for that). */
const THEMES = {
  light: { colorScheme: 'light' },
  dark: { colorScheme: 'dark' },
  'forced-colors': { colorScheme: 'light', forcedColors: 'active' },
};

const FIXTURE = '/test/fixtures/element-states.ts';

/** Serves the states fixture compiled (the page imports it as a module). */
async function compileFixture(req, res) {
  if (new URL(req.url, 'http://host.invalid').pathname !== FIXTURE) return false;
  const { code } = await transform(readFileSync(`.${FIXTURE}`, 'utf8'), { loader: 'ts', target: 'es2022' });
  res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
  res.end(code);
  return true;
}

await bundleCode(); // built in memory first when dist/ is older than the sources
const server = await serveWithCsp({ before: compileFixture });
const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
let sheets;
try {
  mkdirSync(values.out, { recursive: true });
  for (const [theme, options] of Object.entries(THEMES)) {
    const context = await browser.newContext({ viewport: { width: 1000, height: 800 }, deviceScaleFactor: 1, ...options });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    // The Store's refusals the states ask for show as failed loads; anything else is a problem.
    page.on('console', (message) => message.type() === 'error' && !/^Failed to load resource/.test(message.text()) && errors.push(message.text()));
    await page.goto(`${server.origin}/scripts/screenshot-elements.html`);
    const result = JSON.parse(await waitForResult(page));
    if (!result.ok) throw new Error(`${theme}: ${result.error}`);
    if (errors.length) throw new Error(`${theme}: page errors:\n${errors.join('\n')}`);
    sheets = result.sheets;
    for (const { element } of sheets) {
      await page.evaluate((name) => window.focusState(name), element);
      const path = join(values.out, `${element}.${theme}.png`);
      await page.locator(`section[data-element="${element}"]`).screenshot({ path, animations: 'disabled' });
      console.log(`saved ${path}`);
    }
    await context.close();
  }
  if (server.reports.length) throw new Error(`CSP violations: ${JSON.stringify(server.reports)}`);
  writeFileSync(join(values.out, 'README.md'), index(sheets));
  console.log(`saved ${join(values.out, 'README.md')}`);
} finally {
  await browser.close();
  await server.close();
}

async function waitForResult(page) {
  await page.waitForFunction(() => document.getElementById('result').textContent, null, { timeout: 60_000 });
  return page.locator('#result').textContent();
}

/** The folder's index: each element's states, then its sheet in every theme. */
function index(sheets) {
  const lines = [
    '# Screenshots',
    '',
    'Every element in every state, in light, dark and forced colors (High Contrast), made by',
    '`node scripts/screenshot-elements.js` (after `npx tsc -p tsconfig.build.json`). The page runs the',
    'shipped bundle under the strict CSP, on the mock Store and plain function hosts: each state is',
    'reached for real (a held request, a refused claim, a purchase that never returns…), as in',
    '[test/fixtures/element-states.ts](../../test/fixtures/element-states.ts), which the',
    'accessibility test also checks with axe in light and dark (`test/element-states.test.ts`).',
    'Spinner and skeleton animations are stopped for the shot; one control per sheet has the keyboard',
    'focus ring. Forced colors are shown over the light scheme (Chromium\'s emulated palette).',
    '',
    ...sheets.map((sheet) => `- [\`${sheet.element}\`](#${sheet.element})`),
    '',
  ];
  for (const sheet of sheets) {
    lines.push(`## \`${sheet.element}\``, '');
    for (const { state, note } of sheet.states) lines.push(`- **${state}**${note ? ` — ${note}` : ''}`);
    lines.push('');
    for (const theme of Object.keys(THEMES)) lines.push(`**${theme}**`, '', `![${sheet.element}, ${theme}](${sheet.element}.${theme}.png)`, '');
  }
  return lines.join('\n');
}
