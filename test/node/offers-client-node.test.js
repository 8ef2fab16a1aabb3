// The offers client under the Node version CI runs (Node 20): ky 2 declares Node >= 22 in its
// engines, so this proves it loads and works here, against the mock Store over node:http.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { createOffersClient } from '../../dist/core/offers-client.js';
import { createMockStore } from '../../dist/testing/index.js';

const OFFER = { offers: ['coins'], trackingId: '5de5dd29-6dce-4e68-b45e-d8ee6c2cd203' };

async function withStore(scenario, body) {
  const store = createMockStore();
  const server = createServer((req, res) => {
    res.setHeader('Connection', 'close');
    store.handle(req, res).then((handled) => handled || res.writeHead(404).end());
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { id, endpoint } = store.createScenario(scenario);
    const origin = `http://127.0.0.1:${server.address().port}`;
    await body({ endpoint: origin + endpoint, log: () => store.log(id) });
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

test(`offers client on Node ${process.version}: a 503 and a past-date Retry-After retried, a 401 refreshed`, async () => {
  const faults = [
    { method: 'GET', status: 503, body: '{}' },
    { method: 'GET', status: 429, retryAfter: 'Wed, 21 Oct 2015 07:28:00 GMT', body: '{}' },
  ];
  await withStore({ offers: [OFFER], tokens: ['fresh'], faults }, async ({ endpoint, log }) => {
    const asked = [];
    const client = createOffersClient({
      endpoint,
      token: async ({ forceRefresh }) => {
        asked.push(forceRefresh);
        return forceRefresh ? 'fresh' : 'stale';
      },
      retry: { baseDelay: 1, maxDelay: 5 },
    });
    assert.deepEqual(await client.getOffers(), [{ ...OFFER, raw: OFFER }]);
    assert.deepEqual(asked, [false, true]);
    assert.deepEqual(log().requests.map((r) => r.outcome), [503, 429, 401, 200]);
  });
});

test(`offers client on Node ${process.version}: errors are StoreOffersErrors without the token`, async () => {
  await withStore({ offers: [OFFER], tokens: ['accepted'] }, async ({ endpoint, log }) => {
    const client = createOffersClient({ endpoint, token: 'refused-token-1f2e', retry: { baseDelay: 1, maxDelay: 5 } });
    const error = await client.getOffers().then(() => assert.fail('expected a rejection'), (caught) => caught);
    assert.equal(error.name, 'StoreOffersError');
    assert.equal(error.code, 'unauthorized');
    assert.equal(error.cause, undefined);
    assert.doesNotMatch(`${error.message}\n${error.stack}`, /refused-token/);
    assert.equal(log().requests.length, 2);
  });
});
