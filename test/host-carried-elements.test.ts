/**
 * `<store-offers>` over a host that speaks the protocol additions (SPEC.md "Protocol additions"),
 * in real Chromium: the mock host (WebView2 messages) and the real local mock Store. The host
 * carries the Store calls with its own token, says who is signed in, and journals purchases.
 */
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { createClaimQueue, type ClaimQueueOptions } from '../src/core/claims/claim-queue.js';
import '../src/define.js';
import type { StoreOffers } from '../src/components/store-offers/store-offers.js';
import type { StorePurchaseButton } from '../src/components/store-purchase-button/store-purchase-button.js';
import {
  installMockWebView,
  MOCK_HOST_ADDITIONS,
  type MockHost,
  type MockHostScenario,
} from '../src/testing/mock-host.js';
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

/** A provider (detecting the mock host) with a purchase button of the offer's product. */
const withButton = () => fixture<StoreOffers>(html`<store-offers .claimOptions=${claimOptions()}>
  <store-purchase-button product-id="coins-100"></store-purchase-button>
</store-offers>`);

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
    const el = await withButton();
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
    // No token anywhere in the messages either.
    expect(JSON.stringify(host.messages)).not.to.contain(HOST_TOKEN);
  });

  it('goes direct as before when the app sets a token', async () => {
    const store = await createMockStoreSession({ offers: [OFFER] });
    mock = installMockWebView({ methods: ALL, tokens: [HOST_TOKEN], storeEndpoint: store.endpoint });
    const el = await fixture<StoreOffers>(html`<store-offers
      .endpoint=${store.endpoint}
      .token=${'app-token'}
      .claimOptions=${claimOptions()}
    ></store-offers>`);
    await oneEvent(el, 'store-offers-load');
    const log = await store.log();
    expect(log.requests.map((request) => `${request.method} ${request.token}`)).to.deep.equal(['GET app-token']);
    expect(mock.calls.map((call) => call.method)).not.to.include('storeRequest');
  });

  describe('accounts', () => {
    const ALICE = 'account-hash-alice';
    const BOB = 'account-hash-bob';
    const ALICE_TOKEN = 'token-of-alice';
    const BOB_TOKEN = 'token-of-bob';

    /** Signs `account` in on the mock host, whose Store calls then carry that user's token. */
    function signIn(host: MockHost, account: string, token: string) {
      host.update({ tokens: [token] });
      host.switchAccount(account);
    }

    it('sends a claim only while its account is current, and with its own token', async () => {
      const store = await createMockStoreSession({ offers: [OFFER], tokens: [ALICE_TOKEN, BOB_TOKEN] });
      // The first claim POST is cut off after 300 ms, unprocessed: the claim stays pending.
      await store.addFaults({ method: 'POST', delayMs: 300, drop: 'before' });
      mock = installMockWebView({ methods: ALL, tokens: [ALICE_TOKEN], storeEndpoint: store.endpoint, account: ALICE });
      const host = mock;
      const el = await fixture<StoreOffers>(html`<store-offers .claimOptions=${claimOptions()}>
        <store-purchase-button product-id="coins-100"></store-purchase-button>
        <store-claim-status></store-claim-status>
      </store-offers>`);
      await oneEvent(el, 'store-offers-load');
      expect(host.calls.map((call) => call.method)).to.include('getAccount');
      nativeButton(el.querySelector('store-purchase-button')!).click();
      await oneEvent(el, 'store-purchase-complete');
      const posts = () => host.calls.filter((call) => (call.params as { method?: string }).method == 'POST').length;
      await waitUntil(() => posts() === 1, 'the first claim POST is under way');
      signIn(host, BOB, BOB_TOKEN);
      await waitUntil(() => el.offers.length === 0 || el.status === 'loading', 'the account change is heard');
      await oneEvent(el, 'store-offers-load');
      // Long past the dropped POST and many backoff steps: Alice's claim waits, not sent with Bob's token.
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect(posts()).to.equal(1);
      expect((await store.log()).claims).to.have.length(0);
      const status = el.querySelector('store-claim-status')!;
      await status.updateComplete;
      expect(status.shadowRoot!.querySelector('[part=label]')).to.equal(null);
      signIn(host, ALICE, ALICE_TOKEN);
      await waitUntil(async () => (await store.log()).claims.length === 1, 'the claim is sent when Alice is back');
      const { claims } = await store.log();
      expect(claims.map((claim) => claim.token)).to.deep.equal([ALICE_TOKEN]);
    });

    it('going direct with the host\'s getToken, keeps no token across an account change (the soak found it)', async () => {
      const store = await createMockStoreSession({ offers: [OFFER], tokens: [ALICE_TOKEN, BOB_TOKEN] });
      const options = claimOptions();
      // Alice's claim from an earlier page, waiting: never sent yet.
      const earlier = createClaimQueue({ ...options, account: ALICE });
      earlier.enqueue({ storeOffer: { ...OFFER, raw: OFFER }, productId: 'coins-100', receipt: 'order-of-alice' });
      earlier.dispose();
      // The page starts while Bob is signed in: it asks the host for Bob's token.
      const methods = ['getToken', 'getProducts', 'purchase', 'getAccount'];
      mock = installMockWebView({ methods, tokens: [BOB_TOKEN], account: BOB });
      const host = mock;
      const el = await fixture<StoreOffers>(html`<store-offers .endpoint=${store.endpoint} .claimOptions=${options}></store-offers>`);
      await oneEvent(el, 'store-offers-load');
      signIn(host, ALICE, ALICE_TOKEN);
      await waitUntil(async () => (await store.log()).claims.length === 1, 'the claim is sent when Alice is back');
      const log = await store.log();
      // Bob's token, cached, once sent Alice's claim and fetched Alice's offers.
      expect(log.claims.map((claim) => claim.token)).to.deep.equal([ALICE_TOKEN]);
      expect(log.requests.filter((request) => request.method == 'GET').map((request) => request.token)).to.deep.equal([BOB_TOKEN, ALICE_TOKEN]);
    });

    it('never sends a claim again with the next user\'s token after a 401 that came after the switch', async () => {
      const store = await createMockStoreSession({ offers: [OFFER], tokens: [ALICE_TOKEN, BOB_TOKEN] });
      // Alice's claim POST is answered 401, 300 ms late: by then Bob is signed in.
      await store.addFaults({ method: 'POST', delayMs: 300, status: 401 });
      const methods = ['getToken', 'getProducts', 'purchase', 'getAccount'];
      mock = installMockWebView({ methods, tokens: [ALICE_TOKEN], account: ALICE });
      const host = mock;
      const el = await fixture<StoreOffers>(html`<store-offers .endpoint=${store.endpoint} .claimOptions=${claimOptions()}>
        <store-purchase-button product-id="coins-100"></store-purchase-button>
      </store-offers>`);
      await oneEvent(el, 'store-offers-load');
      nativeButton(el.querySelector('store-purchase-button')!).click();
      await oneEvent(el, 'store-purchase-complete');
      const posts = async () => (await store.log()).requests.filter((request) => request.method == 'POST');
      await waitUntil(async () => (await posts()).length === 1, 'the claim POST is under way');
      signIn(host, BOB, BOB_TOKEN);
      // Long past the 401 and the refresh it would ask for.
      await new Promise((resolve) => setTimeout(resolve, 700));
      expect((await posts()).map((request) => request.token)).to.deep.equal([ALICE_TOKEN]);
      expect((await store.log()).claims).to.have.length(0);
      signIn(host, ALICE, ALICE_TOKEN);
      await waitUntil(async () => (await store.log()).claims.length === 1, 'the claim is sent when Alice is back');
      const { claims } = await store.log();
      expect(claims.map((claim) => claim.token)).to.deep.equal([ALICE_TOKEN]);
    });

    it('drops the offers on screen in the task of the account-changed event, and fetches them again', async () => {
      const { host } = await carried({ account: ALICE });
      const el = await fixture<StoreOffers>(html`<store-offers .claimOptions=${claimOptions()}></store-offers>`);
      await oneEvent(el, 'store-offers-load');
      expect(el.offers).to.have.length(1);
      const seen: Array<{ offers: number; status: string }> = [];
      // Registered after the library's listener: runs in the same dispatch, right after it.
      const webview = (window as unknown as { chrome: { webview: EventTarget } }).chrome.webview;
      const listener = () => seen.push({ offers: el.offers.length, status: el.status });
      webview.addEventListener('message', listener);
      host.switchAccount(BOB);
      await waitUntil(() => seen.length > 0);
      webview.removeEventListener('message', listener);
      expect(seen[0]).to.deep.equal({ offers: 0, status: 'loading' });
      await oneEvent(el, 'store-offers-load');
      expect(el.offers).to.have.length(1);
    });

    it('takes the account set by the app over the host\'s', async () => {
      const { host } = await carried({ account: ALICE });
      const el = await fixture<StoreOffers>(
        html`<store-offers .account=${'app-account'} .claimOptions=${claimOptions()}></store-offers>`,
      );
      await oneEvent(el, 'store-offers-load');
      host.switchAccount(BOB);
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(el.offers).to.have.length(1);
      el.account = 'another-app-account';
      await el.updateComplete;
      expect(el.offers).to.have.length(0);
      await oneEvent(el, 'store-offers-load');
    });
  });

  describe('the purchase journal', () => {
    /** A purchase the host journaled for a page that died while the Store dialog was open. */
    const died = (purchaseId: string, trackingId = OFFER.trackingId) => ({
      purchaseId,
      productId: 'coins-100',
      trackingId,
      status: 'Succeeded',
      orderId: `order-of-${purchaseId}`,
      account: null,
    });

    it('claims a purchase journaled by a page that died, once, at the next start, and acks it', async () => {
      const { store, host } = await carried({ journal: true, journalEntries: [died('p-died')] });
      const options = claimOptions();
      const first = await fixture<StoreOffers>(html`<store-offers .claimOptions=${options}></store-offers>`);
      await oneEvent(first, 'store-offers-load');
      await waitUntil(async () => (await store.log()).claims.length === 1, 'the journaled purchase is claimed');
      await waitUntil(() => host.journal.length === 0, 'and acknowledged');
      expect((await store.log()).claims.map((claim) => claim.receipt)).to.deep.equal(['order-of-p-died']);
      // The host returns it again (its acknowledgement was lost): the next page claims nothing twice.
      first.remove();
      host.journal.push(died('p-died'));
      const next = await fixture<StoreOffers>(html`<store-offers .claimOptions=${options}></store-offers>`);
      await oneEvent(next, 'store-offers-load');
      await waitUntil(() => host.journal.length === 0, 'acknowledged again');
      expect((await store.log()).claims).to.have.length(1);
      const methods = host.calls.map((call) => call.method);
      expect(methods.filter((method) => method == 'takePurchases')).to.have.length(2);
      expect(methods.filter((method) => method == 'ackPurchase')).to.have.length(2);
    });

    it('acks a purchase of no known offer without a claim and reports it once', async () => {
      const entry = died('p-unknown', 'no-such-offer');
      const { store, host } = await carried({ journal: true, journalEntries: [entry] });
      const errors: string[] = [];
      const onError = (event: CustomEvent) => errors.push(event.detail.error.code);
      const el = await fixture<StoreOffers>(
        html`<store-offers .claimOptions=${claimOptions()} @store-offers-error=${onError}></store-offers>`,
      );
      await oneEvent(el, 'store-offers-load');
      await waitUntil(() => host.journal.length === 0, 'acknowledged');
      expect(errors).to.deep.equal(['purchase-unmatched']);
      expect((await store.log()).claims).to.have.length(0);
    });

    it('journals a purchase with its trackingId, and acks it once its claim is written', async () => {
      const { store, host } = await carried({ journal: true });
      const el = await withButton();
      await oneEvent(el, 'store-offers-load');
      nativeButton(el.querySelector('store-purchase-button')!).click();
      await oneEvent(el, 'store-purchase-complete');
      const purchase = host.calls.find((call) => call.method == 'purchase')!;
      expect(purchase.params).to.deep.include({ productId: 'coins-100', trackingId: OFFER.trackingId });
      await waitUntil(async () => (await store.log()).claims.length === 1);
      // Its claim written, the page acknowledges it: the next page finds nothing in the journal.
      await waitUntil(() => host.journal.length === 0, 'the journal entry is acknowledged');
    });
  });
});
