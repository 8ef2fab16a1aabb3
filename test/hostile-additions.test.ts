/**
 * Hostile hosts and the protocol additions: `storeRequest` answered with garbage, twice, or never;
 * `account-changed` with no data or a non-string account; `takePurchases` with malformed entries,
 * duplicates or 10,000 entries; an account of 10 MB. Each ends in a coded error or is ignored;
 * nothing throws uncaught (the console guard), nothing is claimed twice, no claim is lost.
 */
import { expect } from '@open-wc/testing';
import { createClaimQueue } from '../src/core/claims/claim-queue.js';
import { takeJournaledPurchases } from '../src/core/claims/purchase-journal.js';
import { isStoreOffersError } from '../src/core/errors.js';
import { storeRequestTransport } from '../src/core/host-carried.js';
import { webView2Host, type ChromeWebView } from '../src/core/host/webview2-host.js';
import { createOffersClient } from '../src/core/offers-client.js';
import type { StoreOffer } from '../src/core/types.js';

const RAW = { offers: ['10x gold coins'], trackingId: '5de5dd29-6dce-4e68-b45e-d8ee6c2cd203' };
const OFFER: StoreOffer = { offers: RAW.offers, trackingId: RAW.trackingId, raw: RAW };
const ADDITIONS = ['purchase', 'storeRequest', 'getAccount', 'takePurchases', 'ackPurchase'];
const TIMING = { timeout: 400, purchaseTimeout: 400, helloInterval: 100 };
const TEN_MB = 10 * 1024 * 1024;

type Request = { id: string; method: string; params: Record<string, unknown> };
/** Replies of the native side to one request (each delivered as a `message` event; none: silent). */
type Script = (request: Request) => unknown[];

/** A `chrome.webview` whose native side follows `script`; `push` posts unasked messages. */
function scriptedWebView(script: Script) {
  const target = new EventTarget();
  const sent: Request[] = [];
  const deliver = (data: unknown) => target.dispatchEvent(new MessageEvent('message', { data }));
  const webview = {
    postMessage(message: unknown) {
      const request = structuredClone(message) as Request;
      sent.push(request);
      const replies = request.method == 'hello' ? [{ result: { methods: ADDITIONS } }] : script(request);
      for (const reply of replies) {
        const envelope = typeof reply == 'object' && reply ? { channel: 'store-offers', v: 1, id: request.id, ...reply } : reply;
        setTimeout(() => deliver(envelope), 0);
      }
    },
    addEventListener: (type: string, listener: EventListener) => target.addEventListener(type, listener),
    removeEventListener: (type: string, listener: EventListener) => target.removeEventListener(type, listener),
  } as unknown as ChromeWebView;
  return { webview, sent, push: deliver };
}

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    return isStoreOffersError(error) ? error.code : `uncoded: ${error}`;
  }
  return undefined;
}

describe('hostile: storeRequest', () => {
  const client = (script: Script) => {
    const { webview, sent } = scriptedWebView(script);
    const host = webView2Host({ webview, ...TIMING });
    return { sent, client: createOffersClient({ carrier: storeRequestTransport(host), timeout: 300, retry: { baseDelay: 1, maxDelay: 5, limit: 1 } }) };
  };

  const garbage: [string, unknown[]][] = [
    ['a status of "200"', [{ result: { status: '200', body: '[]' } }]],
    ['a boolean status', [{ result: { status: true } }]],
    ['a result that is a string', [{ result: '200 OK' }]],
    ['a result of null', [{ result: null }]],
    ['an array body', [{ result: { status: 200, body: ['[]'] } }]],
    ['an error that is not an object', [{ error: 'boom' }]],
  ];
  for (const [name, replies] of garbage) {
    it(`${name}: a coded error (host-error, or a timeout for an answer the page cannot take)`, async () => {
      const { client: offers, sent } = client(() => replies);
      const code = await codeOf(offers.getOffers());
      expect(code).to.be.oneOf(['host-error', 'timeout']);
      expect(sent.filter((request) => request.method == 'storeRequest').length).to.be.at.most(2);
    });
  }

  it('an answer that never comes: timeout, after the retries', async () => {
    const { client: offers, sent } = client(() => []);
    expect(await codeOf(offers.getOffers())).to.equal('timeout');
    expect(sent.filter((request) => request.method == 'storeRequest')).to.have.length(2);
  });

  it('an answer sent twice: the first is taken, the second ignored; a claim is POSTed once', async () => {
    const ok = { result: { status: 200 } };
    const { client: offers, sent } = client(() => [ok, ok, { result: { status: 500 } }]);
    await offers.claim(OFFER, 'order-twice');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sent.filter((request) => request.method == 'storeRequest')).to.have.length(1);
  });

  it('a 10 MB body: bad-response', async () => {
    const { client: offers } = client(() => [{ result: { status: 200, body: `[${' '.repeat(TEN_MB)}]` } }]);
    expect(await codeOf(offers.getOffers())).to.equal('bad-response');
  });
});

describe('hostile: accounts', () => {
  it('account-changed with no data, a non-string or a 10 MB account is ignored; getAccount of 10 MB is host-error', async () => {
    const { webview, push } = scriptedWebView((request) =>
      request.method == 'getAccount' ? [{ result: { account: 'x'.repeat(TEN_MB) } }] : [],
    );
    const host = webView2Host({ webview, ...TIMING });
    const heard: unknown[] = [];
    host.onAccountChanged!((account) => heard.push(account));
    const base = { channel: 'store-offers', v: 1, event: 'account-changed' };
    for (const data of [undefined, null, 'bob', {}, { account: 7 }, { account: { id: 'bob' } }, { account: 'x'.repeat(TEN_MB) }]) {
      push(data === undefined ? base : { ...base, data });
    }
    push('{not json');
    push({ ...base, data: { account: 'bob' }, id: 'looks-like-an-answer' });
    expect(await codeOf(host.getAccount!())).to.equal('host-error');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(heard).to.deep.equal(['bob']);
    host.dispose!();
  });
});

describe('hostile: takePurchases', () => {
  let key = '';
  afterEach(() => {
    for (const stored of Object.keys(localStorage)) if (stored.startsWith(`${key}:`)) localStorage.removeItem(stored);
  });

  it('malformed entries, duplicates and 10,000 entries: no crash, one claim per purchase, nothing unread acked', async () => {
    const good = (index: number) => ({
      purchaseId: `p-${index % 3000}`,
      productId: '10x gold coins',
      trackingId: RAW.trackingId,
      status: index % 2 ? 'Succeeded' : 'succeeded',
      orderId: `order-${index % 50}`,
    });
    const junk = [null, 0, 'p', [], { purchaseId: '' }, { purchaseId: 'j-1', productId: 'x', status: 'Paid' }, { __proto__: { purchaseId: 'j-2' } }];
    const purchases = [...junk, ...Array.from({ length: 10_000 }, (_, index) => good(index))];
    const acked: string[] = [];
    const { webview } = scriptedWebView((request) => {
      if (request.method == 'takePurchases') return [{ result: { purchases } }];
      if (request.method == 'ackPurchase') {
        acked.push(request.params.purchaseId as string);
        return [{ result: {} }];
      }
      return [];
    });
    const host = webView2Host({ webview, timeout: 5000 });
    key = `hostile-journal-${Math.random().toString(36).slice(2)}`;
    const queue = createClaimQueue({ key });
    const report = await takeJournaledPurchases({ host, queue, offers: [OFFER] });
    expect(report.acknowledged).to.equal(3000);
    expect(new Set(acked).size).to.equal(3000);
    expect(acked).not.to.include('j-1');
    expect(queue.claims()).to.have.length(50);
    queue.dispose();
    host.dispose!();
  });

  it('a purchases field that is not a list: host-error, nothing acked', async () => {
    let acks = 0;
    const { webview } = scriptedWebView((request) => {
      if (request.method == 'ackPurchase') acks++;
      return request.method == 'takePurchases' ? [{ result: { purchases: 'all of them' } }] : [];
    });
    const host = webView2Host({ webview, ...TIMING });
    key = `hostile-journal-${Math.random().toString(36).slice(2)}`;
    const queue = createClaimQueue({ key });
    expect(await codeOf(takeJournaledPurchases({ host, queue, offers: [OFFER] }))).to.equal('host-error');
    expect(acks).to.equal(0);
    queue.dispose();
    host.dispose!();
  });
});
