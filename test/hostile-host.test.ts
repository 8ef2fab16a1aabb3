/**
 * Hostile hosts (tables in test/fixtures/hostile-cases.ts): junk on the WebView2 message channel,
 * other channels and versions, unknown ids, answers twice or after the timeout, host objects that
 * throw or never answer, UWP callbacks with junk, plain hosts missing methods or answering
 * garbage, and the elements in front of such hosts. Each call ends in a coded `StoreOffersError`
 * or a checked value; nothing throws uncaught (the console guard), nothing is polluted.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { isStoreOffersError, type StoreOffersError } from '../src/core/errors.js';
import { functionHost } from '../src/core/host/function-host.js';
import { hostObjectHost } from '../src/core/host/host-object-host.js';
import { uwpWebViewHost } from '../src/core/host/uwp-webview-host.js';
import { webView2Host, type ChromeWebView } from '../src/core/host/webview2-host.js';
import type { StoreHost } from '../src/core/types.js';
import { createMockStoreSession } from '../src/testing/mock-store-client.js';
import type { StoreOffers } from '../src/components/store-offers/store-offers.js';
import type { StorePurchaseButton } from '../src/components/store-purchase-button/store-purchase-button.js';
import type { StorePurchaseErrorEvent } from '../src/events/store-purchase-error.js';
import '../src/define.js';
import { FUNCTION_HOST_CASES, HOST_OBJECT_CASES, MESSAGE_CASES, type MessageCase, type Reply } from './fixtures/hostile-cases.js';
import { polluted, settle, until } from './fixtures/hostile-dom.js';

// Short, with room for a loaded machine: an answer that should arrive must not time out.
const TIMING = { timeout: 800, purchaseTimeout: 800, helloInterval: 100 };
const ALL = ['getToken', 'getProducts', 'purchase', 'getStoreIdKey'];
const helloAnswer: Reply = (id) => ({ channel: 'store-offers', v: 1, id, result: { methods: ALL } });

/** Calls `method` and returns what it resolved with, or the error it rejected with. */
async function outcome(host: StoreHost, method: string): Promise<{ value?: unknown; error?: unknown }> {
  try {
    if (method === 'getToken') return { value: await host.getToken!() };
    if (method === 'getProducts') return { value: await host.getProducts!(['p', 'q']) };
    if (method === 'purchase') return { value: await host.purchase('p') };
    return { value: await host.getStoreIdKey!({ kind: 'collections', serviceTicket: 'ticket' }) };
  } catch (error) {
    return { error };
  }
}

function check(result: { value?: unknown; error?: unknown }, expected: { resolves: unknown } | { error: string }) {
  if ('error' in expected) {
    expect(isStoreOffersError(result.error), `a StoreOffersError, got ${String(result.error)}`).to.equal(true);
    expect((result.error as StoreOffersError).code).to.equal(expected.error);
  } else {
    expect(result.error, String(result.error)).to.equal(undefined);
    expect(result.value).to.deep.equal(expected.resolves);
  }
}

/** A stand-in for `chrome.webview` whose native side answers with the case's replies (asynchronously, like WebView2). */
function scriptedWebView(c: MessageCase) {
  const events = new EventTarget();
  let lastId = '';
  const deliver = (data: unknown) => events.dispatchEvent(new MessageEvent('message', { data }));
  const webview: ChromeWebView = {
    postMessage(message: unknown) {
      const { id, method } = structuredClone(message) as { id: string; method: string };
      if (method !== 'hello') lastId = id;
      const replies = method === 'hello' ? (c.hello ?? [helloAnswer]) : c.replies;
      setTimeout(() => replies.forEach((reply) => deliver(reply(id))));
    },
    addEventListener: (type, listener) => events.addEventListener(type, listener as EventListener),
    removeEventListener: (type, listener) => events.removeEventListener(type, listener as EventListener),
  };
  return { webview, deliverLate: (replies: Reply[]) => replies.forEach((reply) => deliver(reply(lastId))) };
}

describe('hostile: messages on the WebView2 channel', () => {
  for (const c of MESSAGE_CASES) {
    it(c.name, async () => {
      const { webview, deliverLate } = scriptedWebView(c);
      const host = webView2Host({ webview, ...TIMING });
      check(await outcome(host, c.method), c.expect);
      if (c.late) {
        await new Promise((resolve) => setTimeout(resolve, TIMING.timeout));
        deliverLate(c.late);
        await settle();
      }
      expect(polluted()).to.equal(false);
      host.dispose?.();
    });
  }
});

describe('hostile: host objects (invoke)', () => {
  for (const c of HOST_OBJECT_CASES) {
    it(c.name, async () => {
      const host = hostObjectHost({ invoke: c.invoke as (json: string) => PromiseLike<string> }, TIMING);
      check(await outcome(host, 'getToken'), c.expect);
      host.dispose?.();
    });
  }
});

describe('hostile: UWP WebView callbacks', () => {
  const cases: Array<{ name: string; answer: (json: string, receive: (json: unknown) => void) => void; expect: { resolves: unknown } | { error: string } }> = [
    {
      name: 'storeOffersReceive called with junk, then the answer',
      answer: (json, receive) => {
        const { id, method } = JSON.parse(json);
        for (const junk of [undefined, null, 42, {}, [], '', '{', 'null', '"text"']) receive(junk);
        receive(JSON.stringify({ channel: 'store-offers', v: 1, id, result: method === 'hello' ? { methods: ALL } : { token: 'uwp' } }));
      },
      expect: { resolves: 'uwp' },
    },
    {
      name: 'storeOffersReceive answering another id',
      answer: (json, receive) => receive(JSON.stringify({ channel: 'store-offers', v: 1, id: `${JSON.parse(json).id}x`, result: {} })),
      expect: { error: 'host-timeout' },
    },
    {
      name: 'notify throws',
      answer: () => {
        throw new Error('ScriptNotify is not allowed for this URI');
      },
      expect: { error: 'host-error' },
    },
    {
      name: 'notify never answered',
      answer: () => {},
      expect: { error: 'host-timeout' },
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const target: { external: { notify(json: string): void }; storeOffersReceive?: (json: unknown) => void } = {
        external: { notify: (json) => c.answer(json, (data) => setTimeout(() => target.storeOffersReceive?.(data))) },
      };
      const host = uwpWebViewHost({ target: target as unknown as Window, ...TIMING });
      check(await outcome(host, 'getToken'), c.expect);
      await settle();
      host.dispose?.();
      expect(target.storeOffersReceive, 'the global is removed again').to.equal(undefined);
    });
  }
});

describe('hostile: plain hosts (functionHost)', () => {
  for (const c of FUNCTION_HOST_CASES) {
    it(c.name, async () => {
      check(await outcome(functionHost(c.host as never), c.call), c.expect);
    });
  }
});

describe('hostile: the elements in front of a broken host', () => {
  const brokenPurchases: Array<[string, Record<string, unknown>, string]> = [
    ['purchase throws', { purchase: () => { throw new Error('native crash'); } }, 'host-error'],
    ['purchase answers garbage', { purchase: async () => ({ status: '<script>' }) }, 'host-error'],
    ['purchase is missing', {}, 'host-unavailable'],
  ];
  for (const [name, impl, code] of brokenPurchases) {
    it(`the purchase button when ${name}: failed, with a coded error event`, async () => {
      const errors: StorePurchaseErrorEvent[] = [];
      // Outside <store-offers> the button detects its host: this one, as window.storeOffersHost.
      (window as { storeOffersHost?: unknown }).storeOffersHost = impl;
      try {
        const button = await fixture<StorePurchaseButton>(html`
          <store-purchase-button product-id=${`coins ${name}`} @store-purchase-error=${(e: StorePurchaseErrorEvent) => errors.push(e)}></store-purchase-button>
        `);
        button.shadowRoot!.querySelector('button')!.click();
        await until(() => errors.length === 1, 'store-purchase-error');
        expect(errors[0]!.detail.error.code).to.equal(code);
        expect(button.state).to.equal('failed');
      } finally {
        delete (window as { storeOffersHost?: unknown }).storeOffersHost;
      }
    });
  }

  const brokenTokens: Array<[string, Record<string, unknown>, string]> = [
    ['getToken answers a number', { getToken: async () => 42, purchase: async () => ({ status: 'Succeeded' }) }, 'host-error'],
    ['getToken throws', { getToken: () => { throw new Error('no account'); }, purchase: async () => ({ status: 'Succeeded' }) }, 'host-error'],
    ['getToken is missing', { purchase: async () => ({ status: 'Succeeded' }) }, 'host-unavailable'],
  ];
  for (const [name, impl, code] of brokenTokens) {
    it(`<store-offers> when ${name}: error status, nothing sent, banner hidden`, async () => {
      const store = await createMockStoreSession({ offers: [{ offers: ['coins'], trackingId: 't' }] });
      const errors: StoreOffersError[] = [];
      const el = await fixture<StoreOffers>(html`
        <store-offers .endpoint=${store.endpoint} .host=${functionHost(impl as never)} .claimOptions=${{ key: `hostile-host-${name}` }}
          @store-offers-error=${(e: CustomEvent) => errors.push(e.detail.error)}>
          <store-offer-banner></store-offer-banner>
        </store-offers>
      `);
      await until(() => errors.length === 1, 'store-offers-error');
      expect(errors[0]!.code).to.equal(code);
      expect(el.status).to.equal('error');
      await until(() => el.querySelector('store-offer-banner')!.hidden, 'the banner hides');
      expect((await store.log()).requests).to.have.length(0);
    });
  }
});
