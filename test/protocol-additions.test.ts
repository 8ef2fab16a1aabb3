/**
 * Replays test/fixtures/protocol-vectors.additions.json (the C# host kit's vectors of SPEC.md
 * "Protocol additions", kept identical to its copy) through every adapter and the mock host: the
 * page sends the vector's request, the mock answers the vector's response, the library concludes
 * what the method's contract says, and every message validates against
 * docs/host-protocol.schema.json. Vectors whose request the page never sends (a URL param, another
 * HTTP method, a GET with a body, an ack without id) are host-side robustness vectors: the schema
 * rejects them. Bad answers and events follow, through the same adapters.
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { normalizePurchaseOutcome } from '../src/core/host/index.js';
import { isStoreOffersError } from '../src/core/errors.js';
import { createOffersClient } from '../src/core/offers-client.js';
import { storeRequestTransport } from '../src/core/host-carried.js';
import type { StoreHost, StoreRequest } from '../src/core/types.js';
import { MOCK_HOST_ADDITIONS, type MockHost, type MockHostScenario } from '../src/testing/mock-host.js';
import { MOCK_TRANSPORTS } from './fixtures/mock-transports.js';

type Message = Record<string, unknown> & { id?: string; method?: string; params?: Record<string, unknown> };
interface Vector {
  name: string;
  request: Message & { method: string; params: Record<string, unknown> };
  response: Message & { result?: Record<string, unknown>; error?: { code: string; message: string } };
}
interface EventVector {
  name: string;
  account: string | null;
  message: Message;
}

const fixture = new URL('./fixtures/protocol-vectors.additions.json', import.meta.url);
const { vectors, events } = (await (await fetch(fixture)).json()) as { vectors: Vector[]; events: EventVector[] };
const METHODS = ['getToken', 'getProducts', 'purchase', 'getStoreIdKey', ...MOCK_HOST_ADDITIONS];
const TEN_MB = 10 * 1024 * 1024;

const TRANSPORTS = MOCK_TRANSPORTS;

/** The adapter call that sends the vector's request. */
function send(host: StoreHost, request: Vector['request']): Promise<unknown> {
  const { params } = request;
  switch (request.method) {
    case 'storeRequest':
      return host.storeRequest!(params as unknown as StoreRequest);
    case 'getAccount':
      return host.getAccount!();
    case 'takePurchases':
      return host.takePurchases!();
    case 'ackPurchase':
      return host.ackPurchase!(params.purchaseId as string);
    case 'purchase':
      return host.purchase(params.productId as string, { trackingId: params.trackingId as string });
    default:
      throw new Error(`no call sends ${request.method}`);
  }
}

/** What the library concludes from a result (its contract per method). */
function concluded(method: string, result: Record<string, unknown>): unknown {
  if (method == 'getAccount') return result.account;
  if (method == 'takePurchases') return result.purchases;
  if (method == 'ackPurchase') return undefined;
  if (method == 'purchase') return normalizePurchaseOutcome(result);
  return result;
}

async function settle(promise: Promise<unknown>) {
  try {
    return { value: await promise };
  } catch (error) {
    return { error };
  }
}

async function validate(messages: unknown[]) {
  return executeServerCommand<{ valid: boolean; checked: number; problems: string[] }, { messages: unknown[] }>('validate-protocol', { messages });
}

const comparable = (message: unknown) => {
  const { id: _id, ...rest } = message as Message;
  return rest;
};

/** A request the page can send (the schema is what the page sends). */
async function pageSends(vector: Vector): Promise<boolean> {
  return (await validate([vector.request])).valid;
}

describe('protocol additions vectors (protocol-vectors.additions.json)', () => {
  it('cover every addition, results and errors', () => {
    const methods = new Set(vectors.map((vector) => vector.request.method));
    for (const method of MOCK_HOST_ADDITIONS) expect(methods.has(method), method).to.equal(true);
    expect(events.map((event) => event.account)).to.deep.equal([events[0]!.account, null]);
  });

  it('the schema refuses the requests the page never sends, and takes every response', async () => {
    const refused: string[] = [];
    for (const vector of vectors) {
      if (!(await pageSends(vector))) refused.push(vector.name);
      expect((await validate([vector.response])).problems, vector.name).to.deep.equal([]);
    }
    expect(refused).to.deep.equal([
      'storeRequest: a URL from the page is not a param (no proxy)',
      'storeRequest: another HTTP method',
      'storeRequest: a GET with a body',
      'ackPurchase: without purchaseId',
    ]);
    for (const event of events) expect((await validate([event.message])).problems, event.name).to.deep.equal([]);
  });

  for (const transport of TRANSPORTS) {
    describe(transport.name, () => {
      let mock: MockHost | undefined;
      let host: StoreHost | undefined;
      afterEach(() => {
        host?.dispose?.();
        mock?.uninstall();
        mock = host = undefined;
      });

      for (const vector of vectors.filter((v) => v.request.method != 'hello')) {
        it(vector.name, async () => {
          if (!(await pageSends(vector))) return;
          const { method } = vector.request;
          const scripted: MockHostScenario = vector.response.error
            ? { errors: { [method]: vector.response.error } }
            : { results: { [method]: vector.response.result } };
          ({ mock, host } = transport.install({ methods: METHODS, ...scripted }));
          const outcome = await settle(send(host, vector.request));
          expect(mock.messages.slice(2).map(comparable)).to.deep.equal([vector.request, vector.response].map(comparable));
          if (vector.response.error) {
            expect(isStoreOffersError(outcome.error) && outcome.error.code).to.equal('host-error');
            expect((outcome.error as Error).message).to.contain(vector.response.error.code);
          } else {
            expect(outcome.error).to.equal(undefined);
            expect(outcome.value).to.deep.equal(concluded(method, vector.response.result!));
          }
          expect((await validate(mock.messages)).problems).to.deep.equal([]);
        });
      }

      it('hello: a host with every addition supports each', async () => {
        const hello = vectors.find((v) => v.request.method == 'hello')!;
        ({ mock, host } = transport.install({ methods: hello.response.result!.methods as string[] }));
        for (const method of MOCK_HOST_ADDITIONS) expect(await host.supports!(method), method).to.equal(true);
      });

      if (transport.pushes) {
        for (const event of events) {
          it(`event ${event.name}`, async () => {
            ({ mock, host } = transport.install({ methods: METHODS }));
            const heard: unknown[] = [];
            host.onAccountChanged!((account) => heard.push(account));
            mock.post(event.message);
            await new Promise((resolve) => setTimeout(resolve, 10));
            expect(heard).to.deep.equal([event.account]);
          });
        }
      }

      describe('bad answers', () => {
        const bad: { name: string; method: string; result: unknown }[] = [
          { name: 'storeRequest status "200"', method: 'storeRequest', result: { status: '200', body: '[]' } },
          { name: 'storeRequest status 99', method: 'storeRequest', result: { status: 99 } },
          { name: 'storeRequest status 600', method: 'storeRequest', result: { status: 600 } },
          { name: 'storeRequest numeric body', method: 'storeRequest', result: { status: 200, body: 7 } },
          { name: 'storeRequest numeric retryAfter', method: 'storeRequest', result: { status: 429, retryAfter: 7 } },
          { name: 'storeRequest no result fields', method: 'storeRequest', result: {} },
          { name: 'getAccount a number', method: 'getAccount', result: { account: 42 } },
          { name: 'getAccount no account', method: 'getAccount', result: {} },
          { name: 'getAccount 10 MB', method: 'getAccount', result: { account: 'x'.repeat(TEN_MB) } },
          { name: 'takePurchases not a list', method: 'takePurchases', result: { purchases: { 0: 'p' } } },
        ];
        for (const answer of bad) {
          it(`${answer.name}: host-error, and the schema refuses it`, async () => {
            ({ mock, host } = transport.install({ methods: METHODS, results: { [answer.method]: answer.result } }));
            const params = answer.method == 'storeRequest' ? { method: 'GET' } : {};
            const request = { method: answer.method, params };
            const outcome = await settle(send(host, request as Vector['request']));
            expect(isStoreOffersError(outcome.error) && outcome.error.code).to.equal('host-error');
            if (answer.name != 'getAccount 10 MB') expect((await validate(mock.messages)).valid).to.equal(false);
          });
        }

        it('a 10 MB storeRequest body: bad-response through the offers client (the 1 MiB cap)', async () => {
          ({ mock, host } = transport.install({ methods: METHODS, results: { storeRequest: { status: 200, body: `[${' '.repeat(TEN_MB)}]` } } }));
          const client = createOffersClient({ carrier: storeRequestTransport(host), retry: { limit: 0 } });
          const outcome = await settle(client.getOffers());
          expect(isStoreOffersError(outcome.error) && outcome.error.code).to.equal('bad-response');
        });

        if (transport.pushes) {
          it('events with no data, null data, a non-string or 10 MB account, or unknown: ignored', async () => {
            ({ mock, host } = transport.install({ methods: METHODS }));
            const heard: unknown[] = [];
            host.onAccountChanged!((account) => heard.push(account));
            const base = { channel: 'store-offers', v: 1, event: 'account-changed' };
            const junk = [
              base,
              { ...base, data: null },
              { ...base, data: {} },
              { ...base, data: { account: 42 } },
              { ...base, data: { account: ['a'] } },
              { ...base, data: { account: 'x'.repeat(TEN_MB) } },
              { ...base, event: 'unknown-event', data: { account: 'a' } },
            ];
            for (const message of junk) mock.post(message);
            await new Promise((resolve) => setTimeout(resolve, 20));
            expect(heard).to.deep.equal([]);
            const report = await validate(junk.slice(0, 5));
            expect(report.problems).to.have.length(5);
          });
        }
      });
    });
  }
});
