import { expect } from '@open-wc/testing';
import type { StoreOffersError } from '../errors.js';
import type { StoreHost } from '../types.js';
import { installMockHostObject, installMockUwpWebView, installMockWebView } from '../../testing/mock-host.js';
import { detectHost } from './detect-host.js';

const rejection = (p: Promise<unknown>) => p.then(() => Promise.reject(new Error('expected a rejection')), (e: StoreOffersError) => e);

describe('detectHost', () => {
  let frame: HTMLIFrameElement;
  beforeEach(() => {
    frame = document.createElement('iframe');
    document.body.append(frame);
  });
  afterEach(() => frame.remove());

  /** Which host answered: the token names it (Digital Goods has no token). */
  const who = async (host: StoreHost | undefined) => {
    if (!host) return 'none';
    try {
      return await host.getToken!();
    } catch (error) {
      return (error as StoreOffersError).code;
    } finally {
      host.dispose?.();
    }
  };

  it('finds host object → WebView2 messages → UWP notify → storeOffersHost → Digital Goods → none, in that order', async () => {
    const win = frame.contentWindow! as Window & { storeOffersHost?: unknown; getDigitalGoodsService?: unknown };
    win.getDigitalGoodsService = async () => ({ getDetails: async () => [] });
    win.storeOffersHost = { getToken: async () => 'storeOffersHost', purchase: async () => ({ status: 'Succeeded' }) };
    const uwp = installMockUwpWebView({ tokens: ['uwp'] }, win);
    const webview = installMockWebView({ tokens: ['webview'] }, win);
    const hostObject = installMockHostObject({ tokens: ['host object'] }, win);

    expect(await who(detectHost(win))).to.equal('host object');
    hostObject.uninstall();
    expect(await who(detectHost(win))).to.equal('webview');
    webview.uninstall();
    expect(await who(detectHost(win))).to.equal('uwp');
    uwp.uninstall();
    expect(await who(detectHost(win))).to.equal('storeOffersHost');
    delete win.storeOffersHost;
    const digitalGoods = detectHost(win);
    expect([await who(digitalGoods), digitalGoods?.canClaim]).to.deep.equal(['host-unavailable', false]);
    delete win.getDigitalGoodsService;
    expect(await who(detectHost(win))).to.equal('none');
  });

  it('in WebView2 without the host object, uses web messages: hostObjects answers every name, with a promise rejected for names never added', async () => {
    const win = frame.contentWindow! as Window & { chrome?: { webview?: { hostObjects?: Record<string, unknown> } } };
    const webview = installMockWebView({ tokens: ['webview'] }, win);
    expect(win.chrome!.webview!.hostObjects!.storeOffers, 'a truthy proxy, as in WebView2').to.be.ok;
    expect(await who(detectHost(win))).to.equal('webview');
    expect(webview.calls.map((call) => call.method)).to.deep.equal(['hello', 'getToken']);
  });

  it('checks storeOffersHost results like any host', async () => {
    const win = frame.contentWindow! as Window & { storeOffersHost?: unknown };
    win.storeOffersHost = { purchase: async () => ({ status: 'Maybe' }) };
    expect((await rejection(detectHost(win)!.purchase('x'))).code).to.equal('host-error');
  });

  it('finds no host on a plain Chromium page', () => {
    expect(detectHost()).to.equal(undefined);
  });
});
