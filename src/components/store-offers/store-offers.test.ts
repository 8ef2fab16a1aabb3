import { expect, fixture, fixtureSync, html, oneEvent, waitUntil } from '@open-wc/testing';
import type { ClaimQueueOptions } from '../../core/claims/claim-queue.js';
import { functionHost } from '../../core/host/function-host.js';
import type { StoreHost, TokenSource } from '../../core/types.js';
import { createMockStoreSession } from '../../testing/mock-store-client.js';
import { installMockWebView, type MockHost } from '../../testing/mock-host.js';
import '../../define.js';
import type { StoreOffersErrorEvent } from '../../events/store-offers-error.js';
import type { StorePurchaseErrorEvent } from '../../events/store-purchase-error.js';
import type { StoreOffersLoadEvent } from '../../events/store-offers-load.js';
import { StoreOffers } from './store-offers.js';

const offer = (trackingId: string, ...offers: string[]) => ({ offers, trackingId });
let unique = 0;
const claimOptions = (): ClaimQueueOptions => ({ key: `test-offers-${Date.now()}-${unique++}`, retry: { baseDelay: 5, maxDelay: 20 } });
const host: StoreHost = functionHost({ purchase: async () => ({ status: 'Succeeded', orderId: 'o-1' }) });

/** A provider on `endpoint`; `withHost: null` means no host property (detection). */
async function provider(endpoint: string, token: TokenSource | undefined, withHost: StoreHost | null = host) {
  return fixture<StoreOffers>(
    html`<store-offers .endpoint=${endpoint} .token=${token} .host=${withHost ?? undefined} .claimOptions=${claimOptions()}></store-offers>`,
  );
}

describe('<store-offers>', () => {
  let webview: MockHost | undefined;
  afterEach(() => {
    webview?.uninstall();
    webview = undefined;
  });

  it('loads the offers once with the token, fires store-offers-load and is ready', async () => {
    const store = await createMockStoreSession({ offers: [offer('t-1', 'coins 10', 'coins 100')] });
    const el = await provider(store.endpoint, 'token-1');
    expect(el.status).to.equal('loading');
    const { detail } = (await oneEvent(el, 'store-offers-load')) as StoreOffersLoadEvent;
    expect(detail.offers.map(({ offers, trackingId }) => ({ offers, trackingId }))).to.deep.equal([offer('t-1', 'coins 10', 'coins 100')]);
    expect(el.status).to.equal('ready');
    expect(el.offers).to.equal(detail.offers);
    const { requests } = await store.log();
    expect(requests.map((r) => [r.method, r.token])).to.deep.equal([['GET', 'token-1']]);
    await expect(el).to.be.accessible();
  });

  it('dispatches store-claim-change once per change of a claim, without any <store-claim-status>', async () => {
    const store = await createMockStoreSession({ offers: [offer('t-claims', 'coins')] });
    const states: string[] = [];
    const el = await fixture<StoreOffers>(html`<store-offers
      .endpoint=${store.endpoint}
      .token=${'token-1'}
      .host=${host}
      .claimOptions=${claimOptions()}
      @store-claim-change=${(e: CustomEvent) => states.push(e.detail.claim.state)}
      ><store-purchase-button product-id="coins"></store-purchase-button
    ></store-offers>`);
    await waitUntil(() => el.status === 'ready');
    const button = el.querySelector('store-purchase-button')!;
    await button.updateComplete;
    button.shadowRoot!.querySelector('button')!.click();
    await waitUntil(() => states.includes('claimed'));
    expect(states).to.deep.equal(['pending', 'submitting', 'claimed']);
  });

  it('is empty when the user has no offers', async () => {
    const store = await createMockStoreSession({ offers: [] });
    const el = await provider(store.endpoint, 'token-1');
    const { detail } = await oneEvent(el, 'store-offers-load');
    expect(detail.offers).to.deep.equal([]);
    expect(el.status).to.equal('empty');
  });

  it('sends nothing and stays idle without a token or a host, then loads when a token is set', async () => {
    const store = await createMockStoreSession({ offers: [offer('t-2', 'p')] });
    const el = await provider(store.endpoint, undefined, null);
    await el.updateComplete;
    expect(el.status).to.equal('idle');
    expect((await store.log()).requests).to.have.length(0);
    el.token = async () => 'late-token';
    await oneEvent(el, 'store-offers-load');
    expect((await store.log()).requests.map((r) => r.token)).to.deep.equal(['late-token']);
  });

  it('reports a host without getToken as an error, without sending anything', async () => {
    const store = await createMockStoreSession({ offers: [] });
    const errors: StoreOffersErrorEvent[] = [];
    await fixture(
      html`<store-offers .endpoint=${store.endpoint} .host=${host} @store-offers-error=${(e: StoreOffersErrorEvent) => errors.push(e)}></store-offers>`,
    );
    await waitUntil(() => errors.length === 1);
    expect(errors[0]!.detail.error.code).to.equal('host-unavailable');
    expect((await store.log()).requests).to.have.length(0);
  });

  it('asks the detected host (WebView2 messages) for the token when none is set', async () => {
    webview = installMockWebView({ tokens: ['host-token'] });
    const store = await createMockStoreSession({ offers: [offer('t-3', 'p')] });
    const el = await provider(store.endpoint, undefined, null);
    await oneEvent(el, 'store-offers-load');
    expect(webview.calls.map((c) => c.method)).to.include('getToken');
    expect((await store.log()).requests.map((r) => r.token)).to.deep.equal(['host-token']);
  });

  it('moved in the page, keeps its offers; put back after it was removed, detects a live host again and buys through it', async () => {
    webview = installMockWebView({ tokens: ['host-token'] });
    const p = `p-${unique++}`;
    const store = await createMockStoreSession({ offers: [offer('t-moved', p)] });
    const el = await provider(store.endpoint, undefined, null);
    await oneEvent(el, 'store-offers-load');
    const parent = el.parentElement!;
    // A move: disconnected and connected in one task.
    parent.prepend(el);
    await el.updateComplete;
    expect([el.status, el.offers.length]).to.deep.equal(['ready', 1]);
    el.remove();
    // A task later the provider has let go of its host (disposed) and its queue.
    await new Promise((resolve) => setTimeout(resolve));
    const reloaded = oneEvent(el, 'store-offers-load');
    parent.append(el);
    await reloaded;
    expect((await store.log()).requests.filter((request) => request.method === 'GET')).to.have.length(2);
    el.innerHTML = `<store-purchase-button product-id="${p}"></store-purchase-button>`;
    const button = el.querySelector('store-purchase-button')!;
    await waitUntil(() => button.shadowRoot?.querySelector('button'));
    const complete = oneEvent(button, 'store-purchase-complete');
    button.shadowRoot!.querySelector('button')!.click();
    expect((await complete).detail.status).to.equal('succeeded');
    expect(webview.calls.map((c) => c.method)).to.include('purchase');
  });

  it('goes back to the default endpoint when the endpoint attribute is removed (Lit sets null)', async () => {
    const store = await createMockStoreSession({ offers: [] });
    const errors: StoreOffersErrorEvent[] = [];
    // A token that never arrives: nothing is sent anywhere; the status shows what was decided.
    const el = await fixture<StoreOffers>(html`<store-offers endpoint=${store.endpoint} .token=${() => new Promise<string>(() => {})}
      @store-offers-error=${(event: StoreOffersErrorEvent) => errors.push(event)}></store-offers>`);
    el.removeAttribute('endpoint');
    await el.updateComplete;
    expect([el.status, errors.length]).to.deep.equal(['loading', 0]);
  });

  it("waits idle for a token set to null (a framework's \"not yet\") when there is no host", async () => {
    const errors: StoreOffersErrorEvent[] = [];
    const el = await fixture<StoreOffers>(html`<store-offers .token=${null as unknown as undefined} @store-offers-error=${(event: StoreOffersErrorEvent) => errors.push(event)}></store-offers>`);
    await el.updateComplete;
    expect([el.status, errors.length]).to.deep.equal(['idle', 0]);
  });

  it('fires store-offers-error and shows status error when the Store refuses', async () => {
    const store = await createMockStoreSession({ offers: [], faults: [{ status: 400, body: '{}' }] });
    const el = await provider(store.endpoint, 'token-1');
    const { detail } = await oneEvent(el, 'store-offers-error');
    expect(detail.error.code).to.equal('rejected');
    expect(el.status).to.equal('error');
    expect(el.offers).to.deep.equal([]);
  });

  it('refuses a non-https endpoint without sending anything', async () => {
    const errors: StoreOffersErrorEvent[] = [];
    const el = await fixture<StoreOffers>(
      html`<store-offers
        endpoint="http://example.com/offers"
        .token=${'t'}
        .host=${host}
        @store-offers-error=${(e: StoreOffersErrorEvent) => errors.push(e)}
      ></store-offers>`,
    );
    await waitUntil(() => errors.length === 1);
    expect(errors[0]!.detail.error.code).to.equal('invalid-config');
    expect(el.status).to.equal('error');
  });

  it('drops the offers when the token changes and fetches again with the new token', async () => {
    const store = await createMockStoreSession({ offers: [offer('t-4', 'p')] });
    const el = await provider(store.endpoint, 'user-a');
    await oneEvent(el, 'store-offers-load');
    expect(el.offers).to.have.length(1);
    el.token = 'user-b';
    await el.updateComplete;
    expect(el.offers).to.deep.equal([]);
    expect(el.status).to.equal('loading');
    await oneEvent(el, 'store-offers-load');
    expect(el.offers).to.have.length(1);
    expect((await store.log()).requests.map((r) => r.token)).to.deep.equal(['user-a', 'user-b']);
  });

  it('checks a plain host object set by the app like a detected host (native spellings, malformed products)', async () => {
    const store = await createMockStoreSession({ offers: [offer('t-plain', 'p-plain')] });
    const plain = {
      getToken: async () => 'plain-token',
      getProducts: async () => [{ productId: 'p-plain', title: 'Plain', junk: '<b>' }, { title: 'no id' }],
      purchase: async () => ({ status: 'AlreadyPurchased' }),
    } as unknown as StoreHost;
    const el = await fixture<StoreOffers>(
      html`<store-offers .endpoint=${store.endpoint} .host=${plain} .claimOptions=${claimOptions()}
        ><store-purchase-button product-id="p-plain"></store-purchase-button
      ></store-offers>`,
    );
    await oneEvent(el, 'store-offers-load');
    const button = el.querySelector('store-purchase-button')!;
    const complete = oneEvent(button, 'store-purchase-complete');
    button.shadowRoot!.querySelector('button')!.click();
    expect((await complete).detail.status).to.equal('already-purchased');
    expect(button.state).to.equal('owned');
    expect((await store.log()).requests.map((r) => r.token)).to.deep.equal(['plain-token']);
  });

  it('refresh() fetches again', async () => {
    const store = await createMockStoreSession({ offers: [] });
    const el = await provider(store.endpoint, 'token-1');
    await oneEvent(el, 'store-offers-load');
    await store.update({ offers: [offer('t-5', 'p')] });
    await el.refresh();
    expect(el.status).to.equal('ready');
    expect((await store.log()).requests).to.have.length(2);
  });

  it('never puts the token in an attribute or the DOM', async () => {
    const store = await createMockStoreSession({ offers: [offer('t-6', 'p')] });
    const el = await provider(store.endpoint, 'secret-token-value');
    await waitUntil(() => el.status === 'ready');
    expect(el.outerHTML).not.to.contain('secret-token-value');
    expect(el.shadowRoot!.innerHTML).not.to.contain('secret-token-value');
  });

  describe('context: which provider an element gets', () => {
    /** A host that records which provider's host each purchase went through. */
    function namedHost(name: string, purchasesBy: string[]): StoreHost {
      return functionHost({
        purchase: async () => {
          purchasesBy.push(name);
          return { status: 'Succeeded', orderId: `order-${name}` };
        },
      });
    }

    /** Clicks the button in `root` and waits for the purchase to complete. */
    async function buy(root: ParentNode) {
      const button = root.querySelector('store-purchase-button')!;
      await waitUntil(() => button.shadowRoot?.querySelector('button'), 'the button never rendered');
      await button.updateComplete;
      const ended = Promise.race([oneEvent(button, 'store-purchase-complete'), oneEvent(button, 'store-purchase-error')]);
      button.shadowRoot!.querySelector('button')!.click();
      const event = await ended;
      expect(event.type, `${(event as StorePurchaseErrorEvent).detail?.error?.message}`).to.equal('store-purchase-complete');
    }

    /**
     * Puts into `parent` a provider whose tag is not defined yet, holding a purchase button: the
     * button connects first, the provider upgrades when the test says.
     */
    async function insertLateProvider(parent: Element) {
      const tag = `late-store-offers-${unique++}`;
      parent.innerHTML = `<${tag}><store-purchase-button product-id="p-${unique++}"></store-purchase-button></${tag}>`;
      const button = parent.querySelector('store-purchase-button')!;
      await button.updateComplete;
      const provider = parent.firstElementChild as StoreOffers;
      return {
        disabled: () => button.shadowRoot!.querySelector('button')!.getAttribute('aria-disabled'),
        /** Configures the provider (Lit takes properties set before the upgrade) and defines its tag. */
        upgrade(endpoint: string, withHost: StoreHost) {
          Object.assign(provider, { endpoint, token: 'token', host: withHost, claimOptions: claimOptions() });
          customElements.define(tag, class extends StoreOffers {});
          return provider;
        },
      };
    }

    it('nested providers: the nearest one wins', async () => {
      const store = await createMockStoreSession({ offers: [] });
      const by: string[] = [];
      const el = await fixture<StoreOffers>(html`<store-offers .endpoint=${store.endpoint} .token=${'t'} .host=${namedHost('outer', by)}
        .claimOptions=${claimOptions()}
        ><store-offers .endpoint=${store.endpoint} .token=${'t'} .host=${namedHost('inner', by)} .claimOptions=${claimOptions()}
          ><store-purchase-button product-id=${`p-${unique++}`}></store-purchase-button></store-offers
      ></store-offers>`);
      await buy(el);
      expect(by).to.deep.equal(['inner']);
    });

    it('a provider that upgrades after the elements inside it connected gives them its context', async () => {
      const store = await createMockStoreSession({ offers: [] });
      const by: string[] = [];
      // fixtureSync: a plain element's fixture() waits for a frame, which a background tab never paints.
      const container = fixtureSync<HTMLDivElement>(html`<div></div>`);
      const late = await insertLateProvider(container);
      // No provider (and no host to detect in this page): purchases are unavailable.
      expect(late.disabled()).to.equal('true');
      late.upgrade(store.endpoint, namedHost('late', by));
      await waitUntil(() => late.disabled() === null, 'the late provider never reached the button');
      await buy(container);
      expect(by).to.deep.equal(['late']);
    });

    it('a nested provider that upgrades after its elements connected takes them over from the outer one', async () => {
      const store = await createMockStoreSession({ offers: [] });
      const by: string[] = [];
      const el = await fixture<StoreOffers>(html`<store-offers .endpoint=${store.endpoint} .token=${'t'} .host=${namedHost('outer', by)}
        .claimOptions=${claimOptions()}></store-offers>`);
      const late = await insertLateProvider(el);
      // Served by the outer provider until the inner one upgrades.
      expect(late.disabled()).to.equal(null);
      await late.upgrade(store.endpoint, namedHost('inner', by)).updateComplete;
      await buy(el);
      expect(by).to.deep.equal(['inner']);
    });
  });
});
