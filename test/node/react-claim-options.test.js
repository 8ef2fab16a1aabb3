// <StoreOffers claimOptions={…}> in a real React 19 app (bundled from the built package like
// test/node/react.test.js). @lit/react sets props in a layout effect, after React inserted the
// element: the provider must still use the app's claim storage key.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.js';

const ORIGIN = 'http://react-claim-options.test';
const APP = `
import { createRoot } from 'react-dom/client';
import { createElement as h } from 'react';
import { createClaimQueue } from 'store-offer-elements';
import { StoreOffers, StoreClaimStatus } from 'store-offer-elements/react';
const RAW = { offers: ['coins'], trackingId: '5de5dd29-6dce-4e68-b45e-d8ee6c2cd203' };
// A claim stored earlier under the app's own key (left failed by a 400: nothing resumes it).
const earlier = createClaimQueue({ key: 'my-app-claims' });
const { id } = earlier.enqueue({ storeOffer: { ...RAW, raw: RAW }, productId: 'coins', receipt: 'order-1' });
earlier.dispose();
const record = JSON.parse(localStorage.getItem('my-app-claims:' + id));
localStorage.setItem('my-app-claims:' + id, JSON.stringify({ ...record, state: 'failed', error: { code: 'bad-request', message: '400' } }));
const host = { purchase: async () => ({ status: 'not-purchased' }) };
createRoot(document.getElementById('root')).render(
  h(StoreOffers, { host, claimOptions: { key: 'my-app-claims' } }, h(StoreClaimStatus, { id: 'status' })),
);
window.ready = true;
`;

let browser;
let page;
before(async () => {
  const { outputFiles } = await build({
    stdin: { contents: APP, resolveDir: process.cwd(), loader: 'js' },
    bundle: true,
    format: 'esm',
    write: false,
    define: { 'process.env.NODE_ENV': '"development"' },
    logLevel: 'silent',
  });
  browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  page = await browser.newPage();
  await page.route(`${ORIGIN}/**`, (route) =>
    route.request().url().endsWith('/app.js')
      ? route.fulfill({ contentType: 'text/javascript', body: outputFiles[0].text })
      : route.fulfill({ contentType: 'text/html', body: '<div id="root"></div><script type="module" src="/app.js"></script>' }),
  );
  await page.goto(`${ORIGIN}/`);
  await page.waitForFunction(() => window.ready && document.querySelector('#status')?.shadowRoot);
  await page.waitForTimeout(300);
});
after(() => browser?.close());

test('react: <StoreOffers claimOptions={{ key }}> shows the claims stored under the app\'s key', async () => {
  const label = await page.evaluate(() => document.querySelector('#status').shadowRoot.querySelector('[part~="label"]')?.textContent.trim() ?? null);
  assert.equal(label, 'Claim failed');
});
