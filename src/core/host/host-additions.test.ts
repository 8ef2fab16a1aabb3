/** The protocol additions through every adapter: accounts and their event, the journal, purchase params. */
import { expect, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import {
  installMockHostObject,
  installMockUwpWebView,
  installMockWebView,
  MOCK_HOST_ADDITIONS,
  type MockHost,
  type MockHostScenario,
} from '../../testing/mock-host.js';
import { sleep } from '../abortable.js';
import { isStoreOffersError } from '../errors.js';
import type { StoreHost } from '../types.js';
import { functionHost } from './function-host.js';
import { hostObjectHost } from './host-object-host.js';
import { uwpWebViewHost } from './uwp-webview-host.js';
import { webView2Host } from './webview2-host.js';

const METHODS = ['getToken', 'getProducts', 'purchase', 'getStoreIdKey', ...MOCK_HOST_ADDITIONS];
const ALICE = '7c2f1e0b9a8d4c3b2a1f0e9d8c7b6a5f';
const TEN_MB = 10 * 1024 * 1024;

type Adapter = { name: string; install: (scenario: MockHostScenario) => MockHost; make: () => StoreHost; pushes: boolean };
const ADAPTERS: Adapter[] = [
  { name: 'webView2Host', install: (s) => installMockWebView(s), make: () => webView2Host(), pushes: true },
  { name: 'uwpWebViewHost', install: (s) => installMockUwpWebView(s), make: () => uwpWebViewHost(), pushes: true },
  {
    name: 'hostObjectHost',
    install: (s) => installMockHostObject(s),
    make: () => hostObjectHost((globalThis as never as { chrome: { webview: { hostObjects: { storeOffers: never } } } }).chrome.webview.hostObjects.storeOffers),
    pushes: false,
  },
];

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    return isStoreOffersError(error) ? error.code : `not a StoreOffersError: ${error}`;
  }
  return undefined;
}

for (const adapter of ADAPTERS) {
  describe(`protocol additions through ${adapter.name}`, () => {
    let mock: MockHost;
    let host: StoreHost;
    beforeEach(() => {
      mock = adapter.install({ methods: METHODS, account: ALICE, journal: true });
      host = adapter.make();
    });
    afterEach(() => {
      host.dispose?.();
      mock.uninstall();
    });

    it('getAccount gives the account, null when nobody is signed in', async () => {
      expect(await host.getAccount!()).to.equal(ALICE);
      mock.update({ account: null });
      expect(await host.getAccount!()).to.equal(null);
    });

    it('refuses an account of 10 MB or of the wrong type with host-error', async () => {
      mock.update({ account: 'x'.repeat(TEN_MB) });
      expect(await codeOf(host.getAccount!())).to.equal('host-error');
      mock.update({ account: 42 as never });
      expect(await codeOf(host.getAccount!())).to.equal('host-error');
    });

    it('sends the trackingId with purchase and returns the purchaseId of the journal entry', async () => {
      const outcome = await host.purchase('10x gold coins', { trackingId: 't-1' });
      const params = mock.calls.find((call) => call.method == 'purchase')!.params;
      expect(params).to.deep.equal({ productId: '10x gold coins', trackingId: 't-1' });
      expect(outcome.purchaseId).to.match(/^mock-purchase-/);
      expect(await host.takePurchases!()).to.have.length(1);
      await host.ackPurchase!(outcome.purchaseId!);
      expect(await host.takePurchases!()).to.deep.equal([]);
    });

    it('announces the additions through supports', async () => {
      expect(await host.supports!('storeRequest')).to.equal(true);
      // An older native side: hello is asked once per host, so a new host over a new mock.
      mock.uninstall();
      mock = adapter.install({ methods: ['purchase'] });
      const older = adapter.make();
      expect(await older.supports!('takePurchases')).to.equal(false);
      older.dispose?.();
    });

    if (adapter.pushes) {
      it('hears account-changed, and ignores events with no data, other events and bad accounts', async () => {
        const heard: unknown[] = [];
        const stop = host.onAccountChanged!((account) => heard.push(account));
        const event = (data?: unknown) => ({ channel: 'store-offers', v: 1, event: 'account-changed', data });
        mock.post(event());
        mock.post(event(null));
        mock.post(event({}));
        mock.post(event({ account: 42 }));
        mock.post(event({ account: 'x'.repeat(TEN_MB) }));
        mock.post({ channel: 'store-offers', v: 1, event: 'battery-low', data: { account: 'nope' } });
        mock.post({ channel: 'other', v: 1, event: 'account-changed', data: { account: 'nope' } });
        mock.post('{"channel":"store-offers","v":1,"event":"account-changed"');
        mock.switchAccount('bob');
        mock.switchAccount(null);
        await waitUntil(() => heard.length == 2, 'the events never arrived', { timeout: 2000 });
        await sleep(20);
        expect(heard).to.deep.equal(['bob', null]);
        stop();
        mock.switchAccount(ALICE);
        await sleep(20);
        expect(heard).to.have.length(2);
      });
    } else {
      it('asks getAccount again when the page becomes visible (no push channel)', async () => {
        const heard: unknown[] = [];
        const stop = host.onAccountChanged!((account) => heard.push(account));
        mock.update({ account: 'bob' });
        // The adapter asks only when the page is visible: with two test pages open, this one may not be.
        await executeServerCommand('bring-to-front');
        document.dispatchEvent(new Event('visibilitychange'));
        await waitUntil(() => heard.length == 1, 'getAccount was never asked', { timeout: 2000 });
        document.dispatchEvent(new Event('visibilitychange'));
        await sleep(50);
        expect(heard).to.deep.equal(['bob']);
        stop();
      });
    }
  });
}

describe('protocol additions through functionHost', () => {
  it('passes checked accounts from onAccountChanged, drops bad ones', async () => {
    let emit: (account: unknown) => void = () => {};
    const host = functionHost({
      purchase: async () => ({ status: 'succeeded' }),
      onAccountChanged: (listener: (account: unknown) => void) => {
        emit = listener;
        return () => {};
      },
    });
    const heard: unknown[] = [];
    host.onAccountChanged!((account) => heard.push(account));
    for (const bad of [undefined, 42, {}, '', 'x'.repeat(TEN_MB)]) emit(bad);
    emit('a');
    expect(heard).to.deep.equal(['a']);
  });

  it('refuses takePurchases that is not a list, and ackPurchase resolves with nothing', async () => {
    const host = functionHost({
      purchase: async () => ({ status: 'succeeded' }),
      takePurchases: async () => ({ purchases: [] }),
      ackPurchase: async () => 'whatever',
    });
    expect(await codeOf(host.takePurchases!())).to.equal('host-error');
    expect(await host.ackPurchase!('p-1')).to.equal(undefined);
  });
});
