// Opens a React app in Chromium the way a consumer ships one: bundled by esbuild from the built
// package (`sideEffects` included) and served from a fake origin. Shared by the React tests.
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.js';

/**
 * Bundles the app (esbuild `options`: an entry point or `stdin`), opens it at `origin` and returns
 * the browser, the page and the page's errors so far (uncaught errors and console errors).
 */
export async function openReactApp(origin, options) {
  const { outputFiles } = await build({
    bundle: true,
    format: 'esm',
    write: false,
    define: { 'process.env.NODE_ENV': '"development"' },
    logLevel: 'silent',
    ...options,
  });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  await page.route(`${origin}/**`, (route) =>
    route.request().url().endsWith('/app.js')
      ? route.fulfill({ contentType: 'text/javascript', body: outputFiles[0].text })
      : route.fulfill({ contentType: 'text/html', body: '<div id="root"></div><script type="module" src="/app.js"></script>' }),
  );
  await page.goto(`${origin}/`);
  return { browser, page, errors };
}
