// `store-offer-elements/react` in a real React 19 app in Chromium (test/types/react-app.tsx, bundled
// from the built package as a consumer's bundler does, `sideEffects` included): props that are element
// properties arrive as properties (objects and functions, never attributes), event props receive
// the library's typed events, and preventDefault() in onStorePurchaseRequest stops the purchase.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openReactApp } from './react-page.js';

let browser;
let page;

before(async () => {
  let errors;
  ({ browser, page, errors } = await openReactApp('http://react-app.test', { entryPoints: ['test/types/react-app.tsx'] }));
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
