/**
 * `<store-offers>` over a host that speaks the protocol additions (SPEC.md "Protocol additions"),
 * in real Chromium: the mock host (WebView2 messages) and the real local mock Store. The host
 * carries the Store calls with its own token, says who is signed in, and journals purchases.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { ClaimQueueOptions } from '../src/core/claims/claim-queue.js';
import '../src/define.js';
import type { StoreOffers } from '../src/components/store-offers/store-offers.js';
import type { StorePurchaseButton } from '../src/components/store-purchase-button/store-purchase-button.js';
import { installMockWebView, MOCK_HOST_ADDITIONS, type MockHost, type MockHostScenario } from '../src/testing/mock-host.js';
import { createMockStoreSession, type MockStoreSession } from '../src/testing/mock-store-client.js';

const OFFER = { offers: ['coins-100'], trackingId: '0b7c5d1e-3f0a-4a55-9d7e-host-carried' };
const HOST_TOKEN = 'host-token-of-the-native-side';
/** Every method, the additions included. */
const ALL = ['getProducts', 'purchase', ...MOCK_HOST_ADDITIONS];
let unique = 0;
const claimOptions = (): ClaimQueueOptions => ({
  key: `test-host-carried-${Date.now()}-${unique++}`,
  retry: { baseDelay: 5, maxDelay: 20 },
});

/** The button's native button, to click as a user does. */
const nativeButton = (button: StorePurchaseButton) => button.shadowRoot!.querySelector('button')!;

describe('<store-offers> with host-carried Store calls', () => {
  let mock: MockHost | undefined;
  afterEach(() => {
    mock?.uninstall();
    mock = undefined;
  });

  /** A store with the offer, and the mock host carrying its calls. */
  async function carried(scenario: MockHostScenario = {}): Promise<{ store: MockStoreSession; host: MockHost }> {
    const store = await createMockStoreSession({ offers: [OFFER], tokens: [HOST_TOKEN] });
    mock = installMockWebView({ methods: ALL, tokens: [HOST_TOKEN], storeEndpoint: store.endpoint, ...scenario });
    return { store, host: mock };
  }

  it('loads the offers and claims a purchase through storeRequest, never asking for a token', async () => {
    const { store, host } = await carried();
    const el = await fixture<StoreOffers>(
      html`<store-offers .claimOptions=${claimOptions()}><store-purchase-button product-id="coins-100"></store-purchase-button></store-offers>`,
    );
    await oneEvent(el, 'store-offers-load');
    expect(el.offers.map((offer) => offer.trackingId)).to.deep.equal([OFFER.trackingId]);
    nativeButton(el.querySelector('store-purchase-button')!).click();
    await oneEvent(el, 'store-purchase-complete');
    await waitUntil(async () => (await store.log()).claims.length === 1, 'the claim reaches the Store');
    const log = await store.log();
    // Both calls came from the native side, with its token.
    expect(log.requests.map((request) => `${request.method} ${request.token}`)).to.deep.equal([
      `GET ${HOST_TOKEN}`,
      `POST ${HOST_TOKEN}`,
    ]);
    const methods = host.calls.map((call) => call.method);
    expect(methods.filter((method) => method == 'storeRequest')).to.have.length(2);
    expect(methods).not.to.include('getToken');
    // No token anywhere in the page's messages either.
    expect(JSON.stringify(host.messages.filter((message) => !JSON.stringify(message).includes('"result"')))).not.to.contain(
      HOST_TOKEN,
    );
  });

  it('goes direct as before when the app sets a token', async () => {
    const store = await createMockStoreSession({ offers: [OFFER] });
    mock = installMockWebView({ methods: ALL, tokens: [HOST_TOKEN], storeEndpoint: store.endpoint });
    const el = await fixture<StoreOffers>(
      html`<store-offers .endpoint=${store.endpoint} .token=${'app-token'} .claimOptions=${claimOptions()}></store-offers>`,
    );
    await oneEvent(el, 'store-offers-load');
    const log = await store.log();
    expect(log.requests.map((request) => `${request.method} ${request.token}`)).to.deep.equal(['GET app-token']);
    expect(mock.calls.map((call) => call.method)).not.to.include('storeRequest');
  });
});
