import { expect } from '@open-wc/testing';
import { createMockStoreSession } from './mock-store-client.js';

const OFFER = { offers: ['10x gold coins'], trackingId: '5de5dd29-6dce-4e68-b45e-d8ee6c2cd203' };

describe('mock Store', () => {
  it('serves the scenario offers to a bearer token and logs the request', async () => {
    const store = await createMockStoreSession({ offers: [OFFER] });
    const response = await fetch(store.endpoint, { headers: { Authorization: 'Bearer t1' } });
    expect(response.status).to.equal(200);
    expect(await response.json()).to.deep.equal([OFFER]);
    const log = await store.log();
    expect(log.requests).to.have.length(1);
    expect(log.requests[0]).to.include({ method: 'GET', token: 't1', outcome: 200 });
  });

  it('answers 401 without a token or with a token it does not accept', async () => {
    const store = await createMockStoreSession({ offers: [], tokens: ['good'] });
    expect((await fetch(store.endpoint)).status).to.equal(401);
    expect((await fetch(store.endpoint, { headers: { Authorization: 'Bearer bad' } })).status).to.equal(401);
    expect((await fetch(store.endpoint, { headers: { Authorization: 'Bearer good' } })).status).to.equal(200);
  });

  it('records valid claims and rejects malformed ones with 400', async () => {
    const store = await createMockStoreSession({ offers: [OFFER] });
    const post = (body: string) =>
      fetch(store.endpoint, {
        method: 'POST',
        headers: { Authorization: 'Bearer t', 'Content-Type': 'application/json' },
        body,
      });
    expect((await post(JSON.stringify({ storeOffer: OFFER, receipt: 'order-1' }))).status).to.equal(200);
    expect((await post('{"storeOffer":{}}')).status).to.equal(400);
    const { claims } = await store.log();
    expect(claims).to.deep.equal([{ storeOffer: OFFER, receipt: 'order-1', token: 't' }]);
  });

  it('applies queued faults in order, then behaves normally', async () => {
    const store = await createMockStoreSession({ offers: [] });
    await store.addFaults({ status: 503, retryAfter: '2', times: 2 }, { body: '{not json', status: 200 });
    const get = () => fetch(store.endpoint, { headers: { Authorization: 'Bearer t' } });
    const first = await get();
    expect(first.status).to.equal(503);
    expect(first.headers.get('Retry-After')).to.equal('2');
    expect((await get()).status).to.equal(503);
    expect(await (await get()).text()).to.equal('{not json');
    expect(await (await get()).json()).to.deep.equal([]);
  });

  it('drops the connection after processing a claim: recorded, but the client sees a network error', async () => {
    const store = await createMockStoreSession({ offers: [OFFER] });
    await store.addFaults({ method: 'POST', drop: 'after' });
    const attempt = fetch(store.endpoint, {
      method: 'POST',
      headers: { Authorization: 'Bearer t', 'Content-Type': 'application/json' },
      body: JSON.stringify({ storeOffer: OFFER, receipt: 'order-2' }),
    });
    let failure: unknown;
    try {
      await attempt;
    } catch (error) {
      failure = error;
    }
    expect(failure).to.be.instanceOf(TypeError);
    const log = await store.log();
    expect(log.claims.map((c) => c.receipt)).to.deep.equal(['order-2']);
    expect(log.requests[0]!.outcome).to.equal('dropped-after');
  });
});
