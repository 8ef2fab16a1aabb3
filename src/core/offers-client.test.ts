import { expect } from '@open-wc/testing';
import type { MockStoreScenario } from '../testing/mock-store.js';
import { createMockStoreSession, type MockStoreSession } from '../testing/mock-store-client.js';
import { sleep } from './abortable.js';
import { isStoreOffersError, type StoreOffersError } from './errors.js';
import { createOffersClient, type OffersClient, type OffersClientOptions } from './offers-client.js';
import { createTokenProvider } from './token-provider.js';

/** A recognisable token: no error message may ever contain it. */
const TOKEN = 'SECRET-7f3a9c-token';
const OFFER = { offers: ['10x gold coins', '100x gold coins'], trackingId: '5de5dd29-6dce-4e68-b45e-d8ee6c2cd203' };
/** Tiny backoff so retries are quick; it also caps Retry-After. */
const FAST = { baseDelay: 1, maxDelay: 5 };

async function setup(scenario: MockStoreScenario = {}, options: Partial<OffersClientOptions> = {}) {
  const store = await createMockStoreSession({ offers: [OFFER], tokens: [TOKEN], ...scenario });
  const client = createOffersClient({ endpoint: store.endpoint, token: TOKEN, retry: FAST, ...options });
  return { store, client };
}

/** Awaits a rejection and checks what every error must satisfy: our class, no token, no HTTP-library error as cause. */
async function failure(promise: Promise<unknown>): Promise<StoreOffersError> {
  try {
    await promise;
  } catch (error) {
    if (!isStoreOffersError(error)) throw error;
    for (let e: unknown = error; e instanceof Error; e = e.cause) {
      expect(`${e.message}\n${e.stack}`).not.to.contain(TOKEN);
      expect(e.name).not.to.be.oneOf(['HTTPError', 'TimeoutError', 'ForceRetryError']);
    }
    return error;
  }
  throw new Error('expected a rejection');
}

async function requestCount(store: MockStoreSession) {
  return (await store.log()).requests.length;
}

async function until(check: () => Promise<boolean>) {
  for (let i = 0; i < 500; i++) {
    if (await check()) return;
    await sleep(10);
  }
  throw new Error('the condition was never met');
}

describe('createOffersClient', () => {
  describe('getOffers', () => {
    it('sends GET with the bearer token and normalises the documented shape', async () => {
      const { store, client } = await setup();
      expect(await client.getOffers()).to.deep.equal([{ offers: OFFER.offers, trackingId: OFFER.trackingId, raw: OFFER }]);
      const [request] = (await store.log()).requests;
      expect(request).to.include({ method: 'GET', token: TOKEN, outcome: 200 });
    });

    it('reads the object shape, ignoring unknown fields', async () => {
      const element = { offers: [{ productId: 'gold', storeId: '9PK8VD14FRCZ', rank: 1 }], trackingId: 't-1', segment: 'x' };
      const { client } = await setup({ offers: [element] });
      expect(await client.getOffers()).to.deep.equal([{ offers: ['gold'], trackingId: 't-1', storeIds: { gold: '9PK8VD14FRCZ' }, raw: element }]);
    });

    it('returns no offers for an empty array', async () => {
      const { client } = await setup({ offers: [] });
      expect(await client.getOffers()).to.deep.equal([]);
    });

    it('rejects wrong types with bad-response naming the place, without retrying', async () => {
      const { store, client } = await setup({ offers: [OFFER, { offers: ['a'], trackingId: 7 }] });
      const error = await failure(client.getOffers());
      expect(error.code).to.equal('bad-response');
      expect(error.message).to.contain('GET http://').and.contain('[1].trackingId should be a string, got number');
      expect(await requestCount(store)).to.equal(1);
    });

    it('rejects a body that is not an array with bad-response', async () => {
      const { client } = await setup({ offers: { offers: [] } });
      expect((await failure(client.getOffers())).message).to.contain('the body should be an array, got object');
    });

    for (const [name, body] of [
      ['malformed JSON', '[{"offers":'],
      ['an empty body', ''],
      ['an HTML page', '<html>Sign in to the Wi-Fi</html>'],
    ]) {
      it(`rejects ${name} with bad-response`, async () => {
        const { store, client } = await setup({ faults: [{ body, status: 200 }] });
        const error = await failure(client.getOffers());
        expect(error.code).to.equal('bad-response');
        expect(error.message).to.contain('not JSON');
        expect(error.cause).to.be.instanceOf(SyntaxError);
        expect(await requestCount(store)).to.equal(1);
      });
    }

    it('gives up on a 10 MB body with bad-response instead of reading it all', async () => {
      const { client } = await setup({ faults: [{ body: '[{"offers":[],"trackingId":"t"},', repeat: 330_000 }] });
      const error = await failure(client.getOffers());
      expect(error.code).to.equal('bad-response');
      expect(error.message).to.contain('1048576 bytes');
    });

    const retryable: Array<[string, { status: number; retryAfter?: string }]> = [
      ['408', { status: 408 }],
      ['429 without Retry-After', { status: 429 }],
      ['429 with Retry-After seconds', { status: 429, retryAfter: '2' }],
      ['429 with a Retry-After HTTP date', { status: 429, retryAfter: new Date(Date.now() + 3000).toUTCString() }],
      ['500', { status: 500 }],
      ['503 with Retry-After', { status: 503, retryAfter: '1' }],
    ];
    for (const [name, fault] of retryable) {
      it(`retries after ${name} and succeeds`, async () => {
        const { store, client } = await setup({ faults: [{ ...fault, body: '{}', times: 2 }] });
        expect(await client.getOffers()).to.have.length(1);
        expect((await store.log()).requests.map((r) => r.outcome)).to.deep.equal([fault.status, fault.status, 200]);
      });
    }

    for (const [status, code] of [
      [500, 'server'],
      [503, 'server'],
      [408, 'server'],
      [429, 'rate-limited'],
    ] as const) {
      it(`gives up after the retry limit on ${status} with ${code}`, async () => {
        const { store, client } = await setup({ faults: [{ status, body: '{}', times: 10 }] });
        const error = await failure(client.getOffers());
        expect(error).to.include({ code, status });
        expect(error.message).to.contain(`GET http://`).and.contain(`HTTP ${status}`);
        expect(await requestCount(store)).to.equal(4);
      });
    }

    it("reports the server's Retry-After, in seconds from seconds or from an HTTP date", async () => {
      const { client } = await setup({ faults: [{ status: 429, retryAfter: '7', body: '{}' }] }, { retry: { ...FAST, limit: 0 } });
      expect((await failure(client.getOffers())).retryAfter).to.equal(7);

      const dated = await setup(
        { faults: [{ status: 503, retryAfter: new Date(Date.now() + 5000).toUTCString(), body: '{}' }] },
        { retry: { ...FAST, limit: 0 } },
      );
      expect((await failure(dated.client.getOffers())).retryAfter).to.be.within(1, 6);
    });

    it('honours the retry limit option', async () => {
      const { store, client } = await setup({ faults: [{ status: 500, body: '{}', times: 10 }] }, { retry: { ...FAST, limit: 1 } });
      expect((await failure(client.getOffers())).code).to.equal('server');
      expect(await requestCount(store)).to.equal(2);
    });

    it('does not follow a redirect (the token goes only to the endpoint): rejected', async () => {
      const { store, client } = await setup({ faults: [{ status: 302, body: '{}' }] });
      const error = await failure(client.getOffers());
      expect(error.code).to.equal('rejected');
      expect(error.message).to.contain('answered a redirect (not followed)');
      expect(await requestCount(store)).to.equal(1);
    });

    for (const status of [400, 403, 404]) {
      it(`does not retry ${status}: rejected`, async () => {
        const { store, client } = await setup({ faults: [{ status, body: '{}', times: 10 }] });
        const error = await failure(client.getOffers());
        expect(error).to.include({ code: 'rejected', status });
        expect(await requestCount(store)).to.equal(1);
      });
    }

    it('after a 401 asks for a fresh token once and retries with it', async () => {
      const asked: unknown[] = [];
      const { store, client } = await setup(
        { tokens: ['fresh-token'] },
        {
          token: async (options) => {
            asked.push(options);
            return asked.length === 1 ? 'expired-token' : 'fresh-token';
          },
        },
      );
      expect(await client.getOffers()).to.have.length(1);
      expect(asked).to.deep.equal([{ forceRefresh: false }, { forceRefresh: true }]);
      expect((await store.log()).requests.map((r) => [r.token, r.outcome])).to.deep.equal([
        ['expired-token', 401],
        ['fresh-token', 200],
      ]);
    });

    it('gives up with unauthorized after a second 401, having sent exactly 2 requests', async () => {
      const { store, client } = await setup({ tokens: ['another-token'] });
      const error = await failure(client.getOffers());
      expect(error).to.include({ code: 'unauthorized', status: 401 });
      expect(await requestCount(store)).to.equal(2);
    });

    it('times out a slow answer with timeout, then retries it', async () => {
      // 250 ms: the retry's own answer must come within it even on a loaded machine (50 ms did not, in a full run).
      const { store, client } = await setup({ faults: [{ delayMs: 2000 }] }, { timeout: 250 });
      expect(await client.getOffers()).to.have.length(1);
      expect(await requestCount(store)).to.equal(2);

      const once = await setup({ faults: [{ delayMs: 2000 }] }, { timeout: 250, retry: { ...FAST, limit: 0 } });
      const error = await failure(once.client.getOffers());
      expect(error.code).to.equal('timeout');
      expect(error.message).to.contain('timed out after 250 ms');
    });

    it('retries a dropped connection, and reports network when drops persist', async () => {
      const { store, client } = await setup({ faults: [{ drop: 'before' }] });
      expect(await client.getOffers()).to.have.length(1);
      expect((await store.log()).requests.map((r) => r.outcome)).to.deep.equal(['dropped-before', 200]);

      const down = await setup({ faults: [{ drop: 'before', times: 10 }] });
      const error = await failure(down.client.getOffers());
      expect(error.code).to.equal('network');
      expect(error.cause).to.be.instanceOf(TypeError);
      expect(await requestCount(down.store)).to.equal(4);
    });

    it('sends nothing before the token exists', async () => {
      let give!: (token: string) => void;
      const { store, client } = await setup({}, { token: () => new Promise<string>((resolve) => (give = resolve)) });
      const offers = client.getOffers();
      await sleep(50);
      expect(await requestCount(store)).to.equal(0);
      give(TOKEN);
      expect(await offers).to.have.length(1);
    });

    it('sends nothing and rejects with no-token when the token function fails', async () => {
      const { store, client } = await setup({}, { token: () => Promise.reject(new Error('no account')) });
      expect((await failure(client.getOffers())).code).to.equal('no-token');
      expect(await requestCount(store)).to.equal(0);
    });

    it('uses a shared TokenProvider as is', async () => {
      let calls = 0;
      const tokens = createTokenProvider(async () => (calls++, TOKEN));
      const { client } = await setup({}, { token: tokens });
      await client.getOffers();
      await client.getOffers();
      await tokens.get();
      expect(calls).to.equal(1);
    });

    it('sends its requests through the given fetch', async () => {
      const seen: string[] = [];
      const { client } = await setup(
        {},
        {
          fetch: (input, init) => {
            seen.push(input instanceof Request ? input.method : String(init?.method));
            return fetch(input, init);
          },
        },
      );
      expect(await client.getOffers()).to.have.length(1);
      expect(seen).to.deep.equal(['GET']);
    });

    describe('abort', () => {
      it('sends nothing when the signal is already aborted', async () => {
        const { store, client } = await setup();
        expect((await failure(client.getOffers({ signal: AbortSignal.abort() }))).code).to.equal('aborted');
        expect(await requestCount(store)).to.equal(0);
      });

      it('stops a request in flight', async () => {
        const { store, client } = await setup({ faults: [{ delayMs: 5000 }] });
        const controller = new AbortController();
        const offers = client.getOffers({ signal: controller.signal });
        await until(async () => (await requestCount(store)) === 1);
        controller.abort(new Error('page hidden'));
        const error = await failure(offers);
        expect(error.code).to.equal('aborted');
        expect((error.cause as Error).message).to.equal('page hidden');
      });

      it('stops the wait between retries', async () => {
        const { store, client } = await setup(
          { faults: [{ status: 503, retryAfter: '60', body: '{}' }] },
          { retry: { baseDelay: 1, maxDelay: 60_000 } },
        );
        const controller = new AbortController();
        const offers = client.getOffers({ signal: controller.signal });
        await until(async () => (await requestCount(store)) === 1);
        controller.abort();
        expect((await failure(offers)).code).to.equal('aborted');
        expect(await requestCount(store)).to.equal(1);
      });
    });
  });

  describe('claim', () => {
    async function offerFrom(client: OffersClient) {
      const [offer] = await client.getOffers();
      return offer!;
    }

    it('POSTs {storeOffer: raw, receipt} byte for byte, as JSON with the bearer token', async () => {
      const element = { trackingId: 't-9', offers: [{ productId: 'gold', storeId: 'S1', note: 'kept' }], extra: [1, { a: null }] };
      const { store, client } = await setup({ offers: [element] });
      const offer = await offerFrom(client);
      await client.claim(offer, 'order-guid-1');
      const log = await store.log();
      const post = log.requests.find((r) => r.method === 'POST')!;
      expect(post.body).to.equal(JSON.stringify({ storeOffer: element, receipt: 'order-guid-1' }));
      expect(post).to.include({ contentType: 'application/json', token: TOKEN, outcome: 200 });
      expect(log.claims).to.deep.equal([{ storeOffer: element, receipt: 'order-guid-1', token: TOKEN }]);
    });

    it('sends a receipt XML as is', async () => {
      const { store, client } = await setup();
      const receipt = '<Receipt Version="1.0"><ProductReceipt Id="x" ProductId="10x gold coins"/></Receipt>';
      await client.claim(await offerFrom(client), receipt);
      expect((await store.log()).claims[0]!.receipt).to.equal(receipt);
    });

    it('does not retry a server error: that is the claim queue’s job', async () => {
      const { store, client } = await setup({ faults: [{ method: 'POST', status: 503, body: '{}', times: 5 }] });
      const error = await failure(client.claim(await offerFrom(client), 'order-1'));
      expect(error).to.include({ code: 'server', status: 503 });
      expect(error.message).to.contain('POST http://');
      expect((await store.log()).requests.filter((r) => r.method === 'POST')).to.have.length(1);
    });

    it('reports a dropped connection as network, once', async () => {
      const { store, client } = await setup({ faults: [{ method: 'POST', drop: 'before', times: 5 }] });
      expect((await failure(client.claim(await offerFrom(client), 'order-1'))).code).to.equal('network');
      expect((await store.log()).requests.filter((r) => r.method === 'POST')).to.have.length(1);
    });

    it('after a 401 refreshes the token once and claims once', async () => {
      let refreshed = false;
      const { store, client } = await setup(
        { faults: [{ method: 'POST', status: 401, body: '{}' }] },
        { token: async (options) => ((refreshed ||= !!options?.forceRefresh), TOKEN) },
      );
      await client.claim(await offerFrom(client), 'order-1');
      expect(refreshed).to.equal(true);
      const log = await store.log();
      expect(log.requests.filter((r) => r.method === 'POST').map((r) => r.outcome)).to.deep.equal([401, 200]);
      expect(log.claims).to.have.length(1);
    });

    it('rejects a permanent 4xx with rejected', async () => {
      const { client } = await setup({ faults: [{ method: 'POST', status: 400, body: '{}' }] });
      expect((await failure(client.claim(await offerFrom(client), 'order-1'))).code).to.equal('rejected');
    });
  });

  it('a GET and a claim that both get 401 with the same stale token share one refresh', async () => {
    const store = await createMockStoreSession({ offers: [OFFER], tokens: ['fresh'] });
    const refreshes: boolean[] = [];
    const client = createOffersClient({
      endpoint: store.endpoint,
      token: async ({ forceRefresh = false } = {}) => (forceRefresh && refreshes.push(true), forceRefresh ? 'fresh' : 'stale'),
      retry: FAST,
    });
    const [offers] = await Promise.all([client.getOffers(), client.claim({ ...OFFER, raw: OFFER }, 'order-1')]);
    expect(offers).to.have.length(1);
    expect(refreshes).to.have.length(1);
  });

  it('throws invalid-config for an endpoint that is not https or loopback http', () => {
    expect(() => createOffersClient({ endpoint: 'http://example.com/offers', token: TOKEN }))
      .to.throw()
      .with.property('code', 'invalid-config');
  });

  it('never puts the token in an error message, whatever fails', async () => {
    const messages: string[] = [];
    for (const faults of [
      [{ status: 401, body: '{}', times: 2 }],
      [{ status: 500, body: `{"echo":"${TOKEN}"}`, times: 4 }],
      [{ status: 400, body: '{}' }],
      [{ status: 200, body: `not json ${TOKEN}` }],
      [{ status: 200, body: `[{"offers":["a"],"trackingId":null,"t":"${TOKEN}"}]` }],
      [{ drop: 'before' as const, times: 4 }],
      [{ delayMs: 1500, times: 4 }],
    ]) {
      // Each answer that is not delayed comes well within 300 ms, even on a loaded machine.
      const { client } = await setup({ faults }, { timeout: 300 });
      messages.push((await failure(client.getOffers())).message);
    }
    expect(messages).to.have.length(7);
    for (const message of messages) expect(message).not.to.contain(TOKEN);
  });
});
