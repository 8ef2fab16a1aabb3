import { expect } from '@open-wc/testing';
import { installMockWebView, MOCK_HOST_ADDITIONS, type MockHost } from '../testing/mock-host.js';
import { createMockStoreSession } from '../testing/mock-store-client.js';
import { isStoreOffersError, type StoreOffersError } from './errors.js';
import { storeRequestTransport, usesHostCarriedCalls } from './host-carried.js';
import { functionHost } from './host/function-host.js';
import { webView2Host } from './host/webview2-host.js';
import { createOffersClient } from './offers-client.js';
import type { StoreHost, StoreRequest } from './types.js';

const OFFER = { offers: ['10x gold coins'], trackingId: '5de5dd29-6dce-4e68-b45e-d8ee6c2cd203' };
const OLD_TOKEN = 'HOST-OLD-token-41';
const NEW_TOKEN = 'HOST-NEW-token-42';
const FAST = { baseDelay: 1, maxDelay: 5 };
const METHODS = ['getToken', 'getProducts', 'purchase', 'getStoreIdKey', ...MOCK_HOST_ADDITIONS];
const MEBIBYTE = 1024 * 1024;

async function failure(promise: Promise<unknown>): Promise<StoreOffersError> {
  try {
    await promise;
  } catch (error) {
    if (isStoreOffersError(error)) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

/** A client over `host.storeRequest` (the mock host's native side sends to a mock Store session). */
async function setup(storeTokens: string[] = [OLD_TOKEN]) {
  const store = await createMockStoreSession({ offers: [OFFER], tokens: storeTokens });
  const mock = installMockWebView({ methods: METHODS, tokens: [OLD_TOKEN, NEW_TOKEN], storeEndpoint: store.endpoint });
  const host = webView2Host();
  const client = createOffersClient({ carrier: storeRequestTransport(host), retry: FAST });
  return { store, mock, host, client };
}

/** A client over a plain host object whose storeRequest answers `answer`. */
function clientAnswering(answer: (request: StoreRequest) => unknown) {
  const host = functionHost({ purchase: async () => ({ status: 'succeeded' }), storeRequest: async (r) => answer(r) });
  return createOffersClient({ carrier: storeRequestTransport(host), retry: { ...FAST, limit: 1 } });
}

describe('host-carried Store calls (storeRequest as the offers client fetch)', () => {
  let mock: MockHost | undefined;
  afterEach(() => mock?.uninstall());

  it('gets the offers through the host: no getToken, no token in the page, the host token at the Store', async () => {
    const made = await setup();
    mock = made.mock;
    expect(await made.client.getOffers()).to.deep.equal([{ ...OFFER, raw: OFFER }]);
    const methods = mock.calls.map((call) => call.method);
    expect(methods).to.deep.equal(['hello', 'storeRequest']);
    expect(mock.calls[1]!.params).to.deep.equal({ method: 'GET' });
    const [request] = (await made.store.log()).requests;
    expect(request).to.include({ method: 'GET', token: OLD_TOKEN, outcome: 200 });
    expect(JSON.stringify(mock.messages.filter((m) => (m as { method?: string }).method))).not.to.contain(OLD_TOKEN);
  });

  it('posts a claim through the host with its JSON body', async () => {
    const made = await setup();
    mock = made.mock;
    await made.client.claim({ ...OFFER, raw: OFFER }, 'order-1');
    const params = mock.calls[1]!.params as StoreRequest;
    expect(params.method).to.equal('POST');
    expect(JSON.parse(params.body!)).to.deep.equal({ storeOffer: OFFER, receipt: 'order-1' });
    expect((await made.store.log()).claims).to.have.length(1);
  });

  it('after a 401 sends forceRefresh: true once, on the next storeRequest', async () => {
    const made = await setup([NEW_TOKEN]);
    mock = made.mock;
    expect(await made.client.getOffers()).to.have.length(1);
    const params = mock.calls.filter((call) => call.method == 'storeRequest').map((call) => call.params);
    expect(params).to.deep.equal([{ method: 'GET' }, { method: 'GET', forceRefresh: true }]);
    expect(mock.calls.some((call) => call.method == 'getToken')).to.equal(false);
  });

  it('retries a 503 with Retry-After as a direct request does, then reports server', async () => {
    const made = await setup();
    mock = made.mock;
    await made.store.addFaults({ method: 'GET', status: 503, retryAfter: '0', times: 10 });
    const error = await failure(made.client.getOffers());
    expect(error.code).to.equal('server');
    expect(error.status).to.equal(503);
    expect(mock.calls.filter((call) => call.method == 'storeRequest')).to.have.length(4);
  });

  it('reports a Store the host cannot reach as network, after the retries', async () => {
    let calls = 0;
    const client = clientAnswering(() => {
      calls++;
      throw Object.assign(new Error('unreachable'), { code: 'store-unavailable' });
    });
    // functionHost wraps a thrown error as host-error with the thrown value as cause: its code is read.
    expect((await failure(client.getOffers())).code).to.equal('network');
    expect(calls).to.equal(2);
  });

  for (const [name, answer] of [
    ['a status of "200"', { status: '200', body: '[]' }],
    ['a status of 99', { status: 99 }],
    ['a status of 600', { status: 600 }],
    ['a fractional status', { status: 200.5 }],
    ['a numeric body', { status: 200, body: 42 }],
    ['a numeric retryAfter', { status: 429, retryAfter: 7 }],
    ['null', null],
    ['a string', 'HTTP/1.1 200 OK'],
  ] as const) {
    it(`answers host-error for ${name}, without retrying`, async () => {
      let calls = 0;
      const client = clientAnswering(() => {
        calls++;
        return answer;
      });
      expect((await failure(client.getOffers())).code).to.equal('host-error');
      expect(calls).to.equal(1);
    });
  }

  it('refuses a body over 1 MiB with bad-response (the body cap of direct requests)', async () => {
    const client = clientAnswering(() => ({ status: 200, body: `[${' '.repeat(MEBIBYTE)}]` }));
    expect((await failure(client.getOffers())).code).to.equal('bad-response');
  });

  it('maps a 404 to rejected and an interim 1xx to bad-response', async () => {
    expect((await failure(clientAnswering(() => ({ status: 404 })).getOffers())).code).to.equal('rejected');
    expect((await failure(clientAnswering(() => ({ status: 101 })).getOffers())).code).to.equal('bad-response');
  });

  it('times out a host that never answers, as a direct request would', async () => {
    const host = functionHost({ purchase: async () => ({ status: 'succeeded' }), storeRequest: () => new Promise(() => {}) });
    const client = createOffersClient({ carrier: storeRequestTransport(host), timeout: 20, retry: { ...FAST, limit: 1 } });
    expect((await failure(client.getOffers())).code).to.equal('timeout');
  });

  it('takes no token, endpoint or fetch beside a carrier', () => {
    const carrier = storeRequestTransport(functionHost({ purchase: async () => ({ status: 'succeeded' }) }));
    expect(() => createOffersClient({ carrier, token: 't' })).to.throw().with.property('code', 'invalid-config');
    expect(() => createOffersClient({ carrier, endpoint: 'https://example.com/' })).to.throw();
  });

  describe('usesHostCarriedCalls', () => {
    const withStoreRequest: StoreHost = functionHost({
      purchase: async () => ({ status: 'succeeded' }),
      storeRequest: async () => ({ status: 200 }),
    });

    it('is true only when the host offers storeRequest and the app set neither token nor endpoint', async () => {
      expect(await usesHostCarriedCalls({ host: withStoreRequest })).to.equal(true);
      expect(await usesHostCarriedCalls({ host: withStoreRequest, token: 't' })).to.equal(false);
      expect(await usesHostCarriedCalls({ host: withStoreRequest, endpoint: 'https://x.example/' })).to.equal(false);
      expect(await usesHostCarriedCalls({ host: null })).to.equal(false);
    });

    it('follows what hello announced', async () => {
      mock = installMockWebView({ methods: ['purchase', 'storeRequest'] });
      expect(await usesHostCarriedCalls({ host: webView2Host() })).to.equal(true);
      mock.uninstall();
      mock = installMockWebView({ methods: ['purchase', 'getToken'] });
      expect(await usesHostCarriedCalls({ host: webView2Host() })).to.equal(false);
    });
  });
});
