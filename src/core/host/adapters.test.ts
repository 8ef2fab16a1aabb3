import { expect } from '@open-wc/testing';
import type { StoreOffersError } from '../errors.js';
import type { ProductInfo, StoreHost } from '../types.js';
import {
  installMockHostObject,
  installMockUwpWebView,
  installMockWebView,
  type MockHost,
  type MockHostScenario,
} from '../../testing/mock-host.js';
import { hostObjectHost, type StoreOffersHostObject } from './host-object-host.js';
import type { MessageHostOptions } from './message-host.js';
import { uwpWebViewHost } from './uwp-webview-host.js';
import { webView2Host, type WebViewGlobal } from './webview2-host.js';

const rejection = (p: Promise<unknown>) => p.then(() => Promise.reject(new Error('expected a rejection')), (e: StoreOffersError) => e);
const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((r) => setTimeout(r));
};
const page = window as Window & WebViewGlobal & { storeOffersReceive?: unknown };

const PRODUCTS: ProductInfo[] = [
  { productId: '10x gold coins', title: '10 gold coins', formattedPrice: '$0.99', imageUrl: 'https://example.com/10.png' },
  { productId: '100x gold coins', title: '100 gold coins', description: 'A pile of gold', formattedPrice: '$7.99' },
];
const SCENARIO: MockHostScenario = {
  tokens: ['first', 'refreshed'],
  products: PRODUCTS,
  purchase: {
    '10x gold coins': { status: 'Succeeded', orderId: 'order-10' },
    '100x gold coins': { status: 'AlreadyPurchased' },
  },
  storeIdKey: 'eyJhbGciOiJSUzI1NiJ9.e30.c2ln',
};

const TRANSPORTS = [
  { name: 'webView2Host (chrome.webview messages)', install: installMockWebView, connect: webView2Host },
  {
    name: 'hostObjectHost (chrome.webview.hostObjects.storeOffers)',
    install: installMockHostObject,
    connect: (options: MessageHostOptions) =>
      hostObjectHost(page.chrome!.webview!.hostObjects!.storeOffers as StoreOffersHostObject, options),
  },
  { name: 'uwpWebViewHost (external.notify + storeOffersReceive)', install: installMockUwpWebView, connect: uwpWebViewHost },
];

for (const { name, install, connect } of TRANSPORTS) {
  describe(`${name} against the mock host`, () => {
    let mock: MockHost | undefined;
    let host: StoreHost | undefined;
    const start = (scenario: MockHostScenario = SCENARIO, options: MessageHostOptions = {}) => {
      mock = install(scenario);
      return (host = connect(options));
    };
    afterEach(() => {
      host?.dispose?.();
      mock?.uninstall();
      expect(page.chrome?.webview, 'no chrome.webview left behind').to.equal(undefined);
      expect('storeOffersReceive' in page, 'no storeOffersReceive left behind').to.equal(false);
      expect('notify' in page.external, 'no external.notify left behind').to.equal(false);
    });

    it('round-trips every method with the documented params', async () => {
      const host = start();
      expect(await host.getToken!()).to.equal('first');
      expect(await host.getToken!({ forceRefresh: true })).to.equal('refreshed');
      expect(await host.getProducts!(['100x gold coins', 'retired offer'])).to.deep.equal([PRODUCTS[1]]);
      expect(await host.purchase('10x gold coins')).to.deep.equal({ status: 'succeeded', orderId: 'order-10' });
      expect(await host.purchase('100x gold coins')).to.deep.equal({ status: 'already-purchased' });
      const key = await host.getStoreIdKey!({ kind: 'collections', serviceTicket: 'ticket', publisherUserId: 'player-1' });
      expect(key).to.equal(SCENARIO.storeIdKey);
      expect(mock!.calls).to.deep.equal([
        { method: 'hello', params: {} },
        { method: 'getToken', params: { forceRefresh: false } },
        { method: 'getToken', params: { forceRefresh: true } },
        { method: 'getProducts', params: { productIds: ['100x gold coins', 'retired offer'] } },
        { method: 'purchase', params: { productId: '10x gold coins' } },
        { method: 'purchase', params: { productId: '100x gold coins' } },
        { method: 'getStoreIdKey', params: { kind: 'collections', serviceTicket: 'ticket', publisherUserId: 'player-1' } },
      ]);
      expect(mock!.messages).to.have.length(14);
    });

    it('times out a silent method, reports error answers and unannounced methods', async () => {
      const host = start(
        { ...SCENARIO, methods: ['getToken', 'getProducts', 'purchase'], silent: ['getToken'], errors: { getProducts: { code: 'store-unavailable', message: 'offline' } } },
        { timeout: 40 },
      );
      expect((await rejection(host.getToken!())).code).to.equal('host-timeout');
      const error = await rejection(host.getProducts!(['10x gold coins']));
      expect([error.code, error.message.includes('store-unavailable')]).to.deep.equal(['host-error', true]);
      expect((await rejection(host.getStoreIdKey!({ kind: 'purchase', serviceTicket: 't' }))).code).to.equal('host-unavailable');
      expect(mock!.calls.map((c) => c.method)).to.deep.equal(['hello', 'getToken', 'getProducts']);
    });

    it('after dispose, still takes the answer of the purchase in flight (the user may be paying)', async () => {
      const host = start({ ...SCENARIO, delayMs: 30 });
      await host.getToken!();
      const purchase = host.purchase('10x gold coins');
      await until(() => mock!.calls.length === 3);
      host.dispose!();
      expect((await rejection(host.getToken!())).code).to.equal('host-unavailable');
      expect(await purchase).to.deep.equal({ status: 'succeeded', orderId: 'order-10' });
    });

    it('the mock answers a re-sent hello: the handshake survives dropped first messages', async () => {
      const host = start({ ...SCENARIO, ignoreHellos: 2 }, { helloInterval: 5 });
      expect(await host.getToken!()).to.equal('first');
      const hellos = mock!.messages.filter((m) => (m as { method?: string }).method === 'hello') as { id: string }[];
      expect(hellos.length).to.be.at.least(3);
      expect(new Set(hellos.map((m) => m.id)).size).to.equal(1);
    });
  });
}

describe('webView2Host', () => {
  it('adds one message listener and removes it on dispose', () => {
    const added: unknown[] = [];
    const webview = {
      postMessage() {},
      addEventListener: (_type: string, listener: unknown) => added.push(listener),
      removeEventListener: (_type: string, listener: unknown) => added.splice(added.indexOf(listener), 1),
    };
    const host = webView2Host({ webview });
    expect(added).to.have.length(1);
    host.dispose!();
    expect(added).to.have.length(0);
  });

  it('ignores junk message events on the real chrome.webview stand-in', async () => {
    const mock = installMockWebView(SCENARIO);
    const host = webView2Host({ helloInterval: 5 });
    try {
      const token = host.getToken!();
      for (const data of [undefined, 'junk', '{"channel":"store-offers"}', { channel: 'store-offers', v: 1, id: 'stranger', result: {} }]) {
        (page.chrome!.webview as unknown as EventTarget).dispatchEvent(new MessageEvent('message', { data }));
      }
      expect(await token).to.equal('first');
    } finally {
      host.dispose!();
      mock.uninstall();
    }
  });

  it('without chrome.webview, rejects with host-unavailable', async () => {
    const host = webView2Host();
    expect((await rejection(host.purchase('x'))).code).to.equal('host-unavailable');
    host.dispose!();
  });
});

describe('hostObjectHost', () => {
  it('turns a rejected or throwing invoke into host-error', async () => {
    const cause = new Error('0x80070490 Element not found');
    const rejecting = hostObjectHost({ invoke: () => Promise.reject(cause) });
    const error = await rejection(rejecting.getToken!());
    expect([error.code, error.cause]).to.deep.equal(['host-error', cause]);
    const throwing = hostObjectHost({
      invoke() {
        throw new Error('boom');
      },
    });
    expect((await rejection(throwing.purchase('x'))).code).to.equal('host-error');
  });
});

describe('uwpWebViewHost', () => {
  afterEach(() => delete page.storeOffersReceive);

  it('keeps calling an existing storeOffersReceive and restores it on dispose', () => {
    const seen: unknown[] = [];
    const previous = (json: string) => seen.push(json);
    page.storeOffersReceive = previous;
    const host = uwpWebViewHost();
    expect(page.storeOffersReceive).not.to.equal(previous);
    (page.storeOffersReceive as (json: string) => void)('{"channel":"other"}');
    expect(seen).to.deep.equal(['{"channel":"other"}']);
    host.dispose!();
    expect(page.storeOffersReceive).to.equal(previous);
  });

  it('without external.notify, rejects with host-unavailable', async () => {
    const host = uwpWebViewHost();
    expect((await rejection(host.getToken!())).code).to.equal('host-unavailable');
    host.dispose!();
    expect('storeOffersReceive' in page).to.equal(false);
  });
});
