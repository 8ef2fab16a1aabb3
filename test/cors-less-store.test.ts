/**
 * The Store endpoint documents no CORS. The mock Store reached from another origin (the same test
 * server under its other loopback name) answers no CORS headers and 401s the preflight, as the real
 * one would: a direct request fails with a message naming CORS and the fix; a host-carried one works.
 */
import { expect } from '@open-wc/testing';
import { createOffersClient, isStoreOffersError, storeRequestTransport, webView2Host } from '../src/index.js';
import { installMockWebView, MOCK_HOST_ADDITIONS, type MockHost } from '../src/testing/mock-host.js';
import { createMockStoreSession, crossOriginEndpoint } from '../src/testing/mock-store-client.js';

const OFFER = { offers: ['10x gold coins'], trackingId: '5de5dd29-6dce-4e68-b45e-d8ee6c2cd203' };
const TOKEN = 'TOKEN-cors-less-77';
const FAST = { baseDelay: 1, maxDelay: 5, limit: 1 };

describe('a CORS-less cross-origin Store', () => {
  let mock: MockHost | undefined;
  afterEach(() => mock?.uninstall());

  it('refuses a direct request: network, the message names CORS and the host-carried fix', async () => {
    const store = await createMockStoreSession({ offers: [OFFER], tokens: [TOKEN] });
    const endpoint = crossOriginEndpoint(store.endpoint);
    expect(new URL(endpoint).origin).not.to.equal(location.origin);
    const client = createOffersClient({ endpoint, token: TOKEN, retry: FAST });
    let error: unknown;
    await client.getOffers().catch((caught) => (error = caught));
    expect(isStoreOffersError(error), String(error)).to.equal(true);
    const { code, message } = error as { code: string; message: string };
    expect(code).to.equal('network');
    expect(message).to.contain('CORS').and.to.contain('storeRequest');
    expect(message).not.to.contain(TOKEN);
    // The preflight reached the mock (no token, 401, no CORS headers); the GET itself never did.
    const methods = (await store.log()).requests.map((request) => `${request.method} ${request.outcome}`);
    expect(methods).to.include('OPTIONS 401');
    expect(methods.some((entry) => entry.startsWith('GET'))).to.equal(false);
  });

  it('works host-carried: the mock host sends from its side, with its own token', async () => {
    const store = await createMockStoreSession({ offers: [OFFER], tokens: [TOKEN] });
    const methods = ['purchase', ...MOCK_HOST_ADDITIONS];
    // The native side is not a page: it reaches the Store at its own fixed URL (same-origin here:
    // HttpClient needs no CORS).
    mock = installMockWebView({ methods, tokens: [TOKEN], storeEndpoint: store.endpoint });
    const client = createOffersClient({ carrier: storeRequestTransport(webView2Host()), retry: FAST });
    expect(await client.getOffers()).to.deep.equal([{ ...OFFER, raw: OFFER }]);
    await client.claim({ ...OFFER, raw: OFFER }, 'order-cors-less');
    const log = await store.log();
    expect(log.claims.map((claim) => claim.receipt)).to.deep.equal(['order-cors-less']);
    expect(mock.calls.some((call) => call.method == 'getToken')).to.equal(false);
  });
});
