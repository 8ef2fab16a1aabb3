/**
 * The start-up of `<store-offers>` on a slow host (issue 14 item 8, docs/host-protocol.md "Before
 * hello"), in real Chromium against the mock host (WebView2 messages) and the real local mock
 * Store: what does not depend on an answer is sent before it. The host answers every message after
 * a delay, so the order in which requests and answers crossed (the mock host's `messages`) shows
 * what overlapped; no timing is measured here (that is `npm run bench`).
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../src/define.js';
import type { StoreOfferBanner } from '../src/components/store-offer-banner/store-offer-banner.js';
import type { StoreOffers } from '../src/components/store-offers/store-offers.js';
import { installMockWebView, MOCK_HOST_ADDITIONS, type MockHost } from '../src/testing/mock-host.js';
import { createMockStoreSession } from '../src/testing/mock-store-client.js';

const PRODUCT = 'coins-100';
const OTHER_PRODUCT = 'coins-500';
const OFFER = { offers: [PRODUCT, OTHER_PRODUCT], trackingId: '8d1f0c7e-5b2a-4c3d-9e8f-start-up-overlap' };
const PRODUCTS = [
  { productId: PRODUCT, title: '100 coins' },
  { productId: OTHER_PRODUCT, title: '500 coins' },
];
const HOST_TOKEN = 'token-of-the-native-side';
/** Long enough for every request sent at once to be out before the first answer comes back. */
const HOST_DELAY_MS = 60;
/** A host that carries the Store calls: no getToken. */
const CARRYING = ['getProducts', 'purchase', ...MOCK_HOST_ADDITIONS];
/** An older host: a token, no storeRequest. */
const OLDER = ['getToken', 'getProducts', 'purchase', 'getStoreIdKey'];
let unique = 0;
const claimOptions = () => ({ key: `test-start-up-${Date.now()}-${unique++}` });

/** A request or an answer as the mock host saw it cross. */
type Crossing = { id?: string; method?: string; result?: unknown; error?: { code: string } };

/** Where requests and answers of `host` crossed, in order. */
function crossings(host: MockHost) {
  const messages = host.messages as Crossing[];
  const requestOf = (method: string) => messages.findIndex((m) => m.method === method);
  const idOf = (method: string) => messages[requestOf(method)]?.id;
  return {
    /** The position of the first request of `method`; -1 when it was never sent. */
    requestOf,
    /** The position of the answer to the first request of `method`; -1 when none came. */
    answerOf: (method: string) => messages.findIndex((m) => m.id === idOf(method) && m.method === undefined),
    /** The answer to the first request of `method`. */
    answer: (method: string) => messages.find((m) => m.id === idOf(method) && m.method === undefined),
  };
}

const heading = (banner: StoreOfferBanner) => banner.shadowRoot!.querySelector('[part~=heading]')?.textContent?.trim();
const methodsOf = (host: MockHost) => host.calls.map((call) => call.method);
const count = (host: MockHost, method: string) => methodsOf(host).filter((m) => m === method).length;

describe('<store-offers> start-up on a slow host', () => {
  let mock: MockHost | undefined;
  afterEach(() => {
    mock?.uninstall();
    mock = undefined;
  });

  /** A store with the offer, and the slow mock host carrying its calls with its own token. */
  async function carrying() {
    const store = await createMockStoreSession({ offers: [OFFER], tokens: [HOST_TOKEN] });
    mock = installMockWebView({
      methods: CARRYING,
      products: PRODUCTS,
      tokens: [HOST_TOKEN],
      storeEndpoint: store.endpoint,
      delayMs: HOST_DELAY_MS,
    });
    return { store, host: mock };
  }

  it('host-carried: sends storeRequest and getProducts beside hello, before any answer, and never asks for a token', async () => {
    const { store, host } = await carrying();
    const events: string[] = [];
    const el = await fixture<StoreOffers>(html`<store-offers
      .claimOptions=${claimOptions()}
      @store-offers-load=${() => events.push('load')}
      @store-offers-error=${() => events.push('error')}
    >
      <store-offer-banner product-id=${PRODUCT}></store-offer-banner>
    </store-offers>`);
    expect(el.status).to.equal('loading');
    const banner = el.querySelector('store-offer-banner')!;
    await waitUntil(() => heading(banner) === '100 coins', 'the banner shows its product');
    const at = crossings(host);
    // The offers GET did not wait for hello, nor the product data for the offers.
    expect(at.requestOf('storeRequest')).to.be.within(0, at.answerOf('hello'));
    expect(at.requestOf('getProducts')).to.be.within(0, at.answerOf('hello'));
    expect(at.requestOf('getProducts')).to.be.below(at.answerOf('storeRequest'));
    // One of each, and no token ever asked for or carried to the page.
    expect(count(host, 'storeRequest'), JSON.stringify(host.calls)).to.equal(1);
    expect(count(host, 'getProducts'), JSON.stringify(host.calls)).to.equal(1);
    expect(methodsOf(host)).not.to.include('getToken');
    expect(JSON.stringify(host.messages)).not.to.contain(HOST_TOKEN);
    expect((await store.log()).requests.map((r) => `${r.method} ${r.token}`)).to.deep.equal([`GET ${HOST_TOKEN}`]);
    expect(el.status).to.equal('ready');
    expect(events).to.deep.equal(['load']);
  });

  it('direct (the app set the endpoint): sends getToken and getProducts beside hello, getProducts before the offers GET', async () => {
    const store = await createMockStoreSession({ offers: [OFFER] });
    const host = (mock = installMockWebView({ methods: OLDER, products: PRODUCTS, delayMs: HOST_DELAY_MS }));
    const el = await fixture<StoreOffers>(html`<store-offers .endpoint=${store.endpoint} .claimOptions=${claimOptions()}>
      <store-offer-banner product-id=${PRODUCT}></store-offer-banner>
    </store-offers>`);
    const banner = el.querySelector('store-offer-banner')!;
    await waitUntil(() => heading(banner) === '100 coins', 'the banner shows its product');
    const at = crossings(host);
    expect(at.requestOf('getToken')).to.be.within(0, at.answerOf('hello'));
    // The GET needs the token: product data asked before the token came was asked before the GET.
    expect(at.requestOf('getProducts')).to.be.within(0, at.answerOf('getToken'));
    expect(count(host, 'getToken')).to.equal(1);
    expect(count(host, 'getProducts')).to.equal(1);
    expect((await store.log()).requests.filter((r) => r.method === 'GET')).to.have.length(1);
  });

  it('an older host without storeRequest: the early storeRequest is dropped unseen, and the token is asked only after hello', async () => {
    // getToken never answers: the page would next send the GET to the real Store endpoint (the app
    // set none), which a test must not reach.
    const host = (mock = installMockWebView({ methods: OLDER, products: PRODUCTS, delayMs: HOST_DELAY_MS, silent: ['getToken'] }));
    const errors: unknown[] = [];
    const el = await fixture<StoreOffers>(html`<store-offers
      .claimOptions=${claimOptions()}
      @store-offers-error=${(event: Event) => errors.push(event)}
    ></store-offers>`);
    await waitUntil(() => methodsOf(host).includes('getToken'), 'the token is asked for');
    const at = crossings(host);
    expect(at.requestOf('storeRequest')).to.be.within(0, at.answerOf('hello'));
    expect(at.answer('storeRequest')?.error?.code).to.equal('unknown-method');
    // A host that may carry the calls is never asked for a token before it said it does not.
    expect(at.requestOf('getToken')).to.be.above(at.answerOf('hello'));
    expect(count(host, 'storeRequest')).to.equal(1);
    expect(el.status).to.equal('loading');
    expect(errors).to.deep.equal([]);
  });

  it('reads the purchase journal after the offers and their product data are on their way, not in the task that brought the offers', async () => {
    const { host } = await carrying();
    /** Whether the journal was read by the end of the task that brought the offers (seen from the next task). */
    let journalReadInThatTask: boolean | undefined;
    const lookFromTheNextTask = () => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => (journalReadInThatTask = methodsOf(host).includes('takePurchases'));
      channel.port2.postMessage(null);
    };
    // The account is the app's (known at once): the journal comes due as the offers arrive.
    const el = await fixture<StoreOffers>(html`<store-offers
      .account=${'alice'}
      .claimOptions=${claimOptions()}
      @store-offers-load=${lookFromTheNextTask}
    >
      <store-offer-banner></store-offer-banner>
    </store-offers>`);
    const banner = el.querySelector('store-offer-banner')!;
    await waitUntil(() => heading(banner) === '100 coins', 'the banner shows its product');
    await waitUntil(() => methodsOf(host).includes('takePurchases'), 'the journal is read');
    // The load event comes in the task that brought the offers (after their update): the journal
    // was not read there, and its request went to the host after the banner's product data.
    expect(journalReadInThatTask).to.equal(false);
    const at = crossings(host);
    expect(at.requestOf('getProducts')).to.be.below(at.requestOf('takePurchases'));
    expect(count(host, 'takePurchases')).to.equal(1);
  });

  it('keeps one getProducts for banners with and without product-id: the call waits for the offers', async () => {
    const { host } = await carrying();
    const el = await fixture<StoreOffers>(html`<store-offers .claimOptions=${claimOptions()}>
      <store-offer-banner product-id=${OTHER_PRODUCT}></store-offer-banner>
      <store-offer-banner></store-offer-banner>
    </store-offers>`);
    const [withId, withoutId] = [...el.querySelectorAll('store-offer-banner')];
    await waitUntil(() => heading(withId!) === '500 coins' && heading(withoutId!) === '100 coins', 'both banners show their product');
    const at = crossings(host);
    expect(count(host, 'getProducts')).to.equal(1);
    expect(at.requestOf('getProducts')).to.be.above(at.answerOf('storeRequest'));
    expect((host.calls.find((call) => call.method === 'getProducts')!.params as { productIds: string[] }).productIds).to.have.members([
      PRODUCT,
      OTHER_PRODUCT,
    ]);
  });
});
