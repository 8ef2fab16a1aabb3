/**
 * Replays test/fixtures/protocol-vectors.json (the vectors host implementers replay against their
 * C#) through the real adapters and the mock host, over each transport. For every vector: the
 * library sends the vector's request, the mock host answers the vector's response, the library
 * concludes what the vector says, and every message that crossed validates against
 * docs/host-protocol.schema.json (checked with Ajv in Node: the `validate-protocol` server command).
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { claimReceipt } from '../src/core/host/index.js';
import type { MockHost, MockHostScenario } from '../src/testing/mock-host.js';
import { MOCK_TRANSPORTS } from './fixtures/mock-transports.js';
import { isStoreOffersError } from '../src/core/errors.js';
import type { PurchaseOutcome, StoreHost } from '../src/core/types.js';

type Message = { channel: string; v: number; id: string; method?: string; params?: Record<string, unknown> } & Record<string, unknown>;
type HostMethod = 'getToken' | 'getProducts' | 'purchase' | 'getStoreIdKey';
interface Vector {
  name: string;
  call?: { method: HostMethod; args: unknown[] };
  request: Message & { method: string; params: Record<string, unknown> };
  response: Message & { result?: Record<string, unknown>; error?: { code: string; message: string } };
  expect: {
    resolves?: unknown;
    rejects?: { code: string; messageIncludes: string };
    claimReceipt?: string;
    available?: HostMethod[];
    unavailable?: HostMethod[];
  };
}

const { vectors } = (await (await fetch(new URL('./fixtures/protocol-vectors.json', import.meta.url))).json()) as { vectors: Vector[] };

/** Each adapter with the mock transport it talks to. */
const TRANSPORTS = MOCK_TRANSPORTS;

/** The mock host scenario whose answer to the vector's request is the vector's response. */
function scenarioFor({ request, response }: Vector): MockHostScenario {
  const { method } = request;
  if (response.error) return { errors: { [method]: response.error } };
  const result = response.result!;
  switch (method) {
    case 'hello':
      return { methods: result.methods as string[] };
    case 'getToken':
      return { tokens: request.params.forceRefresh ? ['token-the-store-rejected', result.token as string] : [result.token as string] };
    case 'getProducts':
      return { products: result.products as MockHostScenario['products'] };
    case 'purchase':
      return { purchase: result as unknown as PurchaseOutcome };
    case 'getStoreIdKey':
      return { storeIdKey: result.key as string };
    default:
      throw new Error(`no scenario for ${method}`);
  }
}

/** A message without its id (ids are the page's own) and without the mock's `app` name. */
function comparable(message: unknown) {
  const { id: _id, ...rest } = message as Message;
  const result = rest.result as Record<string, unknown> | undefined;
  if (result && 'methods' in result) {
    const { app: _app, ...withoutApp } = result;
    return { ...rest, result: withoutApp };
  }
  return rest;
}

/** What the vector's `call` on the host leads to: the value, or the StoreOffersError. */
async function settle(host: StoreHost, call: NonNullable<Vector['call']>) {
  const fn = host[call.method] as (...args: unknown[]) => Promise<unknown>;
  try {
    return { value: await fn.apply(host, call.args) };
  } catch (error) {
    return { error };
  }
}

const ARGS: Record<HostMethod, unknown[]> = {
  getToken: [],
  getProducts: [['10x gold coins']],
  purchase: ['10x gold coins'],
  getStoreIdKey: [{ kind: 'collections', serviceTicket: 'ticket' }],
};

async function expectValidMessages(mock: MockHost) {
  const report = await executeServerCommand<{ valid: boolean; checked: number; problems: string[] }, { messages: unknown[] }>(
    'validate-protocol',
    { messages: mock.messages },
  );
  expect(report.problems, 'schema problems').to.deep.equal([]);
  expect(report.checked).to.equal(mock.messages.length);
}

describe('host protocol vectors', () => {
  it('the fixture covers every method', () => {
    expect(new Set(vectors.map((v) => v.request.method))).to.have.all.keys('hello', 'getToken', 'getProducts', 'purchase', 'getStoreIdKey');
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

      for (const vector of vectors) {
        it(vector.name, async () => {
          ({ mock, host } = transport.install(scenarioFor(vector)));

          if (vector.request.method === 'hello') {
            for (const method of [...vector.expect.available!, ...vector.expect.unavailable!]) {
              const before = mock.calls.length;
              const { error } = await settle(host, { method, args: ARGS[method] });
              const sent = mock.calls.slice(before).map((c) => c.method).filter((m) => m !== 'hello');
              if (vector.expect.available!.includes(method)) {
                expect(sent, method).to.deep.equal([method]);
              } else {
                expect(sent, method).to.deep.equal([]);
                expect(isStoreOffersError(error) && error.code, method).to.equal('host-unavailable');
              }
            }
            const hello = mock.messages.filter((m) => (m as Message).id === (mock!.messages[0] as Message).id);
            expect(hello.map(comparable)).to.deep.equal([vector.request, vector.response].map(comparable));
          } else {
            const outcome = await settle(host, vector.call!);
            // hello, then the vector's exchange
            expect(mock.messages.slice(2).map(comparable)).to.deep.equal([vector.request, vector.response].map(comparable));
            const [request, response] = mock.messages.slice(2) as Message[];
            expect(response!.id).to.equal(request!.id);
            if (vector.expect.rejects) {
              expect(isStoreOffersError(outcome.error) && outcome.error.code).to.equal(vector.expect.rejects.code);
              expect((outcome.error as Error).message).to.include(vector.expect.rejects.messageIncludes);
            } else {
              expect(outcome.error).to.equal(undefined);
              expect(outcome.value).to.deep.equal(vector.expect.resolves);
            }
            if (vector.call!.method === 'purchase' && outcome.value) {
              expect(claimReceipt(outcome.value as PurchaseOutcome)).to.equal(vector.expect.claimReceipt);
            }
          }
          await expectValidMessages(mock);
        });
      }
    });
  }
});

describe('validate-protocol server command', () => {
  it('reports a message that breaks the schema', async () => {
    const purchase = vectors.find((v) => v.request.method === 'purchase' && v.response.result)!;
    const report = await executeServerCommand<{ valid: boolean; problems: string[] }, { messages: unknown[] }>('validate-protocol', {
      messages: [purchase.request, { ...purchase.response, result: { status: 0 } }],
    });
    expect(report.valid).to.equal(false);
    expect(report.problems.join()).to.include('/result/status');
  });
});
