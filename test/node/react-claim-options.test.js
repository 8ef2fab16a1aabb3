// <StoreOffers claimOptions={…}> in a real React 19 app (bundled from the built package like
// test/node/react.test.js). @lit/react sets props in a layout effect, after React inserted the
// element: the provider must still use the app's claim storage key.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openReactApp } from './react-page.js';

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
  let errors;
  ({ browser, page, errors } = await openReactApp('http://react-claim-options.test', {
    stdin: { contents: APP, resolveDir: process.cwd(), loader: 'js' },
  }));
  await page.locator('#status [part~="label"]').waitFor({ timeout: 5000 });
  assert.deepEqual(errors, []);
});
after(() => browser?.close());

test('react: <StoreOffers claimOptions={{ key }}> shows the claims stored under the app\'s key', async () => {
  const label = await page.evaluate(() => document.querySelector('#status').shadowRoot.querySelector('[part~="label"]')?.textContent.trim() ?? null);
  assert.equal(label, 'Offer not registered yet');
});
