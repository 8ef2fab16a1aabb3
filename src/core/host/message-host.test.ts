import { expect } from '@open-wc/testing';
import type { StoreOffersError } from '../errors.js';
import type { StoreHost } from '../types.js';
import { HOST_CHANNEL, createMessageHost, type HostRequest } from './message-host.js';
import { claimReceipt } from './purchase-outcome.js';

const rejection = (p: Promise<unknown>) => p.then(() => Promise.reject(new Error('expected a rejection')), (e: StoreOffersError) => e);
const answer = (id: string, body: object) => ({ channel: HOST_CHANNEL, v: 1, id, ...body });
const FULL_HELLO = { result: { methods: ['getToken', 'getProducts', 'purchase', 'getStoreIdKey'] } };

/** A transport driven by the test: `reply` answers each request (asynchronously); `deliver` injects anything. */
function fakeTransport(reply: (request: HostRequest) => object | undefined = () => undefined) {
  const listeners = new Set<(data: unknown) => void>();
  const sent: HostRequest[] = [];
  const deliver = (data: unknown) => listeners.forEach((listener) => listener(data));
  return {
    sent,
    listeners,
    deliver,
    send(request: HostRequest) {
      sent.push(structuredClone(request));
      const body = reply(request);
      if (body) setTimeout(() => deliver(answer(request.id, body)));
    },
    subscribe(listener: (data: unknown) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Answers hello with every method, then `reply` for the rest. */
const withHello = (reply: (request: HostRequest) => object | undefined) =>
  fakeTransport((request) => (request.method === 'hello' ? FULL_HELLO : reply(request)));

/** Resolves once `count` requests went out. */
async function sentCount(transport: { sent: unknown[] }, count: number) {
  while (transport.sent.length < count) await new Promise((r) => setTimeout(r));
}

describe('createMessageHost', () => {
  let host: StoreHost | undefined;
  afterEach(() => host?.dispose?.());

  it('sends nothing until the first call, then hello once for concurrent calls, then the requests', async () => {
    const transport = withHello((request) => ({ result: { token: `t-${request.params.forceRefresh}` } }));
    host = createMessageHost(transport);
    expect(transport.sent).to.deep.equal([]);
    const tokens = await Promise.all([host.getToken!(), host.getToken!({ forceRefresh: true })]);
    expect(tokens).to.deep.equal(['t-false', 't-true']);
    expect(transport.sent.map((m) => [m.method, m.params])).to.deep.equal([
      ['hello', {}],
      ['getToken', { forceRefresh: false }],
      ['getToken', { forceRefresh: true }],
    ]);
    for (const message of transport.sent) expect(message).to.include({ channel: 'store-offers', v: 1 });
    expect(new Set(transport.sent.map((m) => m.id)).size).to.equal(3);
  });

  it('sends a call at once, in the caller\'s task, once hello has answered', async () => {
    const transport = withHello(() => ({ result: { products: [] } }));
    host = createMessageHost(transport);
    await host.getProducts!(['a']);
    const products = host.getProducts!(['b']);
    // No await before looking: the request is already out (not a microtask later, behind the
    // rest of the caller's work).
    expect(transport.sent.map((m) => m.method)).to.deep.equal(['hello', 'getProducts', 'getProducts']);
    expect(transport.sent[2]!.params).to.deep.equal({ productIds: ['b'] });
    expect(await products).to.deep.equal([]);
  });

  it('repeats an unanswered hello with the same id until the host answers (WebView2 drops early messages)', async () => {
    // The host stays silent until the test answers: no race between the repeat and the answer.
    const transport = fakeTransport((request) => (request.method === 'hello' ? undefined : { result: { token: 'late-host' } }));
    host = createMessageHost(transport, { helloInterval: 5 });
    const token = host.getToken!();
    await sentCount(transport, 3);
    const hellos = () => transport.sent.filter((m) => m.method === 'hello');
    expect(new Set(hellos().map((m) => m.id)).size).to.equal(1);
    transport.deliver(answer(transport.sent[0]!.id, FULL_HELLO));
    expect(await token).to.equal('late-host');
    const afterAnswer = hellos().length;
    await new Promise((r) => setTimeout(r, 30));
    expect(hellos()).to.have.length(afterAnswer);
    expect(transport.sent.map((m) => m.method).slice(-1)).to.deep.equal(['getToken']);
  });

  it('rejects methods hello did not announce with host-unavailable, without sending them', async () => {
    const transport = fakeTransport((request) => (request.method === 'hello' ? { result: { methods: ['purchase'] } } : undefined));
    host = createMessageHost(transport);
    expect((await rejection(host.getToken!())).code).to.equal('host-unavailable');
    expect((await rejection(host.getProducts!(['a']))).code).to.equal('host-unavailable');
    expect(transport.sent.map((m) => m.method)).to.deep.equal(['hello']);
  });

  it('asks hello again after a hello timeout', async () => {
    let answerHello = false;
    const transport = fakeTransport((request) =>
      request.method === 'hello' ? (answerHello ? FULL_HELLO : undefined) : { result: { token: 'second try' } },
    );
    host = createMessageHost(transport, { timeout: 30, helloInterval: 1000 });
    const error = await rejection(host.getToken!());
    expect(error.code).to.equal('host-timeout');
    expect(error.message).to.include('hello');
    answerHello = true;
    expect(await host.getToken!()).to.equal('second try');
    expect(transport.sent.filter((m) => m.method === 'hello')).to.have.length(2);
  });

  it('turns an error answer into host-error with the host code in the message', async () => {
    host = createMessageHost(withHello(() => ({ error: { code: 'not-signed-in', message: 'Nobody' } })));
    const error = await rejection(host.getToken!());
    expect(error.code).to.equal('host-error');
    expect(error.message).to.include('not-signed-in');
  });

  it('rejects malformed results with host-error', async () => {
    host = createMessageHost(
      withHello((request) => ({ result: request.method === 'getProducts' ? { products: 'none' } : { status: 7 } })),
    );
    expect((await rejection(host.getProducts!(['a']))).code).to.equal('host-error');
    expect((await rejection(host.purchase('a'))).code).to.equal('host-error');
  });

  it('ignores junk, other channels and versions, unknown, duplicate and late ids, without throwing', async () => {
    const transport = withHello(() => undefined);
    host = createMessageHost(transport, { timeout: 200 });
    const pending = host.getToken!();
    await sentCount(transport, 2);
    const { id } = transport.sent[1]!;
    for (const junk of [
      null,
      42,
      'not json',
      '[1,2]',
      [],
      { id },
      { channel: 'other', v: 1, id, result: { token: 'foreign' } },
      { channel: HOST_CHANNEL, v: 2, id, result: { token: 'future' } },
      { channel: HOST_CHANNEL, v: 1, id: 'nobody', result: { token: 'unknown id' } },
      { channel: HOST_CHANNEL, v: 1, id, nothing: true },
    ]) {
      transport.deliver(junk);
    }
    transport.deliver(JSON.stringify(answer(id, { result: { token: 'real' } })));
    transport.deliver(answer(id, { result: { token: 'duplicate' } }));
    expect(await pending).to.equal('real');

    const late = host.getToken!();
    expect((await rejection(late)).code).to.equal('host-timeout');
    transport.deliver(answer(transport.sent[2]!.id, { result: { token: 'too late' } }));
  });

  it('gives purchase its own long timeout', async () => {
    const transport = withHello(() => undefined);
    host = createMessageHost(transport, { timeout: 20, purchaseTimeout: 60_000 });
    const purchase = host.purchase('gems');
    const token = host.getToken!();
    await sentCount(transport, 3);
    expect((await rejection(token)).code).to.equal('host-timeout');
    transport.deliver(answer(transport.sent.find((m) => m.method === 'purchase')!.id, { result: { status: 'Succeeded', orderId: 'o-1' } }));
    expect(await purchase).to.deep.equal({ status: 'succeeded', orderId: 'o-1' });
  });

  it('turns a throwing transport into host-error', async () => {
    host = createMessageHost({
      send() {
        throw new TypeError('postMessage failed');
      },
      subscribe: () => () => {},
    });
    const error = await rejection(host.purchase('gems'));
    expect(error.code).to.equal('host-error');
    expect(error.cause).to.be.instanceOf(TypeError);
  });

  it('dispose() rejects pending calls and refuses new ones, but hears out a purchase in flight, then unsubscribes', async () => {
    const transport = withHello(() => undefined);
    const disposable = createMessageHost(transport);
    const token = disposable.getToken!();
    const purchase = disposable.purchase('gems');
    await sentCount(transport, 3);
    disposable.dispose!();
    expect((await rejection(token)).code).to.equal('host-unavailable');
    expect((await rejection(disposable.getProducts!(['gems']))).code).to.equal('host-unavailable');
    // The user may be paying in the Store dialog: its answer is what gets the purchase claimed.
    expect(transport.listeners.size).to.equal(1);
    const purchaseId = transport.sent.find((m) => m.method === 'purchase')!.id;
    transport.deliver(answer(purchaseId, { result: { status: 'Succeeded', orderId: 'order-gems' } }));
    expect(await purchase).to.deep.equal({ status: 'succeeded', orderId: 'order-gems' });
    expect(transport.listeners.size).to.equal(0);
    expect(transport.sent).to.have.length(3);
  });

  it('dispose() with no purchase in flight unsubscribes at once', () => {
    const transport = withHello(() => undefined);
    const disposable = createMessageHost(transport);
    expect(transport.listeners.size).to.equal(1);
    disposable.dispose!();
    expect(transport.listeners.size).to.equal(0);
  });
});

describe('host protocol vectors (test/fixtures/protocol-vectors.json) replayed against createMessageHost', () => {
  type Vector = {
    name: string;
    call?: { method: 'getToken' | 'getProducts' | 'purchase' | 'getStoreIdKey'; args: unknown[] };
    request: HostRequest;
    response: Record<string, unknown>;
    expect: { resolves?: unknown; rejects?: { code: string; messageIncludes: string }; claimReceipt?: string; available?: string[]; unavailable?: string[] };
  };
  const SAMPLE_ARGS = { getToken: [], getProducts: [['a']], purchase: ['a'], getStoreIdKey: [{ kind: 'purchase', serviceTicket: 't' }] };
  let vectors: Vector[] = [];
  before(async () => {
    vectors = (await (await fetch('/test/fixtures/protocol-vectors.json')).json()).vectors;
  });

  /** Answers with the vector's response under the request's id. */
  const replaying = (hello: object, response: Record<string, unknown>) =>
    fakeTransport((request) => {
      const { channel: _c, v: _v, id: _id, ...body } = request.method === 'hello' ? { ...hello } : response;
      return body;
    });
  const call = (host: StoreHost, method: keyof typeof SAMPLE_ARGS, args: unknown[]) =>
    (host[method] as (...a: unknown[]) => Promise<unknown>)(...args);

  it('sends each request and concludes what each vector expects', async () => {
    expect(vectors.length).to.be.greaterThan(10);
    for (const vector of vectors.filter((v) => v.call)) {
      const transport = replaying(FULL_HELLO, vector.response);
      const host = createMessageHost(transport);
      const outcome = call(host, vector.call!.method, vector.call!.args);
      if (vector.expect.rejects) {
        const error = await rejection(outcome);
        expect(error.code, vector.name).to.equal(vector.expect.rejects.code);
        expect(error.message, vector.name).to.include(vector.expect.rejects.messageIncludes);
      } else {
        const result = await outcome;
        expect(result, vector.name).to.deep.equal(vector.expect.resolves);
        if (vector.expect.claimReceipt) expect(claimReceipt(result as never), vector.name).to.equal(vector.expect.claimReceipt);
      }
      const { id: _id, ...sent } = transport.sent[1]!;
      const { id: _vid, ...documented } = vector.request;
      expect(sent, vector.name).to.deep.equal(documented);
      host.dispose!();
    }
  });

  it('treats methods as each hello vector says', async () => {
    for (const vector of vectors.filter((v) => v.request.method === 'hello')) {
      const transport = replaying(vector.response, { error: { code: 'reached', message: 'reached' } });
      const host = createMessageHost(transport);
      for (const method of vector.expect.available!) {
        const error = await rejection(call(host, method as keyof typeof SAMPLE_ARGS, SAMPLE_ARGS[method as keyof typeof SAMPLE_ARGS]));
        expect(error.message, `${vector.name}: ${method}`).to.include('reached');
      }
      for (const method of vector.expect.unavailable!) {
        const error = await rejection(call(host, method as keyof typeof SAMPLE_ARGS, SAMPLE_ARGS[method as keyof typeof SAMPLE_ARGS]));
        expect(error.code, `${vector.name}: ${method}`).to.equal('host-unavailable');
      }
      expect(transport.sent.map((m) => m.method)).to.deep.equal(['hello', ...vector.expect.available!]);
      host.dispose!();
    }
  });
});
