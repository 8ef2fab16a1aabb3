// `store-offer-elements/react` in a real React 19 app in Chromium (test/types/react-app.tsx, bundled
// from the built package as a consumer's bundler does, `sideEffects` included): props that are element
// properties arrive as properties (objects and functions, never attributes), event props receive
// the library's typed events, and preventDefault() in onStorePurchaseRequest stops the purchase.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.js';

const ORIGIN = 'http://react-app.test';
let browser;
let page;

before(async () => {
  const { outputFiles } = await build({
    entryPoints: ['test/types/react-app.tsx'],
    bundle: true,
    format: 'esm',
    write: false,
    define: { 'process.env.NODE_ENV': '"development"' },
    logLevel: 'silent',
  });
  browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  await page.route(`${ORIGIN}/**`, (route) =>
    route.request().url().endsWith('/app.js')
      ? route.fulfill({ contentType: 'text/javascript', body: outputFiles[0].text })
      : route.fulfill({ contentType: 'text/html', body: '<div id="root"></div><script type="module" src="/app.js"></script>' }),
  );
  await page.goto(`${ORIGIN}/`);
  await page.locator('#remove-ads [part~="label"]').waitFor();
  assert.deepEqual(errors, []);
});

after(() => browser?.close());

test('react: object and function props are set as properties, not attributes', async () => {
  const provider = await page.evaluate(() => {
    const element = document.querySelector('store-offers');
    return { attribute: element.getAttribute('host'), property: typeof element.host?.purchase, claims: element.claims };
  });
  assert.deepEqual(provider, { attribute: null, property: 'function', claims: 'off' });
  assert.equal(await page.locator('#remove-ads').evaluate((button) => button.productId), 'remove-ads');
  assert.equal(await page.locator('#vetoed [part~="label"]').innerText(), 'Get it', 'strings arrived as an object');
});

test('react: event props receive the typed events, the provider hears its buttons', async () => {
  await page.locator('#remove-ads [part~="base"]').click();
  await page.waitForFunction(() => window.seen.length >= 3);
  assert.deepEqual(await page.evaluate(() => window.seen), [
    'request remove-ads',
    'complete succeeded',
    'provider heard remove-ads order-1',
  ]);
});

test('react: preventDefault() in onStorePurchaseRequest stops the purchase', async () => {
  await page.locator('#vetoed [part~="base"]').click();
  await page.waitForFunction(() => window.seen.includes('vetoed vetoed'));
  assert.deepEqual(await page.evaluate(() => window.purchases), ['remove-ads']);
  assert.equal(await page.locator('#vetoed').evaluate((button) => button.state), 'idle');
});
