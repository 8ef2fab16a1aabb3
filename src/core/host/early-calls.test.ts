import { expect } from '@open-wc/testing';
import type { StoreOffersError } from '../errors.js';
import type { StoreHost } from '../types.js';
import { earlyCalls, type EarlyCalls } from './early-calls.js';
import { functionHost } from './function-host.js';
import { HOST_CHANNEL, createMessageHost, type HostRequest } from './message-host.js';

const rejection = (p: Promise<unknown>) => p.then(() => Promise.reject(new Error('expected a rejection')), (e: StoreOffersError) => e);
const CARRYING_HELLO = { methods: ['getProducts', 'purchase', 'storeRequest'] };
const TOKEN_HELLO = { methods: ['getToken', 'getProducts', 'purchase'] };
/** A host that offers both ways (an app that sets an endpoint asks for a token). */
const BOTH_HELLO = { methods: ['getToken', 'getProducts', 'purchase', 'storeRequest'] };
const OFFERS_ANSWER = { status: 200, body: '[]' };

/**
 * A transport whose host answers when the test says: `answer(method, result)` answers every
 * request of `method` sent so far (and, with `answerLater`, the ones sent afterwards, at once);
 * `dropping` loses every message, as WebView2 does during a navigation.
 */
function scriptedTransport() {
  const listeners = new Set<(data: unknown) => void>();
  const sent: HostRequest[] = [];
  const standing = new Map<string, object>();
  const deliver = (request: HostRequest, result: object) =>
    setTimeout(() => listeners.forEach((listener) => listener({ channel: HOST_CHANNEL, v: 1, id: request.id, result })));
  const transport = {
    sent,
    dropping: false,
    /** The methods sent, in order (hello's repeats included). */
    methods: () => sent.map((m) => m.method),
    /** Answers the requests of `method` sent so far, and from now on every new one at once. */
    answer(method: string, result: object) {
      standing.set(method, result);
      for (const request of sent.filter((m) => m.method === method)) deliver(request, result);
    },
    send(request: HostRequest) {
      if (transport.dropping) return;
      sent.push(structuredClone(request));
      const result = standing.get(request.method);
      if (result) deliver(request, result);
    },
    subscribe(listener: (data: unknown) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return transport;
}

/** Resolves once `test()` holds, checking every task. */
async function until(test: () => boolean) {
  while (!test()) await new Promise((resolve) => setTimeout(resolve));
}

/** Whether `promise` settled within a few tasks. */
async function settles(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve));
  return settled;
}

describe('early calls of a message host (before hello answered)', () => {
  let host: StoreHost | undefined;
  afterEach(() => host?.dispose?.());

  /** A message host over `transport`, and its early calls. */
  function start(transport: ReturnType<typeof scriptedTransport>, helloInterval = 1000): EarlyCalls {
    host = createMessageHost(transport, { helloInterval });
    return earlyCalls(host)!;
  }

  it('a plain object host has none: it has no hello to wait for', () => {
    expect(earlyCalls(functionHost({ purchase: async () => ({ status: 'not-purchased' }) }))).to.equal(undefined);
    expect(earlyCalls(undefined)).to.equal(undefined);
  });

  it('sends getToken and getProducts beside hello, and takes their answers once hello announced them', async () => {
    const transport = scriptedTransport();
    const early = start(transport);
    transport.answer('getToken', { token: 'early-token' });
    transport.answer('getProducts', { products: [{ productId: 'coins', title: 'Coins' }] });
    const token = early.getToken();
    const products = early.getProducts(['coins']);
    await until(() => transport.sent.length === 3);
    expect(transport.methods()).to.deep.equal(['hello', 'getToken', 'getProducts']);
    // Answered, but not taken before hello said the host does these.
    expect(await settles(Promise.race([token, products]))).to.equal(false);
    transport.answer('hello', TOKEN_HELLO);
    expect(await token).to.equal('early-token');
    expect(await products).to.deep.equal([{ productId: 'coins', title: 'Coins' }]);
  });

  it('rejects an early call hello did not announce with host-unavailable, and drops its answer', async () => {
    const transport = scriptedTransport();
    const early = start(transport);
    transport.answer('storeRequest', OFFERS_ANSWER);
    const carried = early.storeRequest({ method: 'GET' });
    await until(() => transport.sent.length === 2);
    transport.answer('hello', TOKEN_HELLO);
    expect((await rejection(carried)).code).to.equal('host-unavailable');
  });

  it('once hello answered, is the host itself: a method hello did not announce is not sent', async () => {
    const transport = scriptedTransport();
    const early = start(transport);
    transport.answer('hello', CARRYING_HELLO);
    expect(await host!.supports!('storeRequest')).to.equal(true);
    expect((await rejection(early.getToken())).code).to.equal('host-unavailable');
    expect(transport.methods()).to.deep.equal(['hello']);
  });

  it('sends one storeRequest GET early, and a claim POST only after hello', async () => {
    const transport = scriptedTransport();
    const early = start(transport);
    transport.answer('storeRequest', OFFERS_ANSWER);
    const calls = [
      early.storeRequest({ method: 'GET' }),
      early.storeRequest({ method: 'POST', body: '{}' }),
      early.storeRequest({ method: 'GET' }),
    ];
    await until(() => transport.sent.length === 2);
    await settles(Promise.resolve());
    expect(transport.sent.map((m) => [m.method, m.params.method])).to.deep.equal([
      ['hello', undefined],
      ['storeRequest', 'GET'],
    ]);
    transport.answer('hello', CARRYING_HELLO);
    expect(await Promise.all(calls)).to.have.length(3);
    expect(transport.sent.slice(2).map((m) => m.params.method)).to.deep.equal(['POST', 'GET']);
  });

  it('sends getToken again when it was lost with hello\'s first copy, but never a storeRequest', async () => {
    const transport = scriptedTransport();
    const early = start(transport, 5);
    transport.answer('getToken', { token: 'second-copy' });
    transport.answer('storeRequest', OFFERS_ANSWER);
    transport.answer('hello', BOTH_HELLO);
    // The first messages are lost, as during a navigation; hello's repeats then get through.
    transport.dropping = true;
    const token = early.getToken();
    const carried = early.storeRequest({ method: 'GET' });
    carried.catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 20));
    transport.dropping = false;
    expect(await token).to.equal('second-copy');
    expect(transport.methods().filter((m) => m !== 'hello')).to.deep.equal(['getToken']);
    expect(await settles(carried)).to.equal(false);
  });

  it('does not send again an early call that answers after a repeated hello, within as long again as hello took', async () => {
    const transport = scriptedTransport();
    const early = start(transport, 5);
    const token = early.getToken();
    // Hello takes some 50 ms (ten copies): its answer is awaited, then getToken's comes, well
    // within as long again.
    await until(() => transport.methods().filter((m) => m === 'hello').length >= 10);
    transport.answer('hello', TOKEN_HELLO);
    expect(await host!.supports!('getToken')).to.equal(true);
    transport.answer('getToken', { token: 'slow-but-there' });
    expect(await token).to.equal('slow-but-there');
    expect(transport.methods().filter((m) => m === 'getToken')).to.have.length(1);
  });
});
