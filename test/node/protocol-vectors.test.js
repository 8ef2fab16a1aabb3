// The host protocol's schema against its vectors: every vector a host implementer replays is
// valid, every known mistake is rejected, and the vectors cover the whole protocol.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createProtocolValidator, protocolValidatorPlugin } from '../../scripts/protocol-validator.js';

const { vectors, invalid } = JSON.parse(readFileSync('test/fixtures/protocol-vectors.json', 'utf8'));
const validator = createProtocolValidator();
const METHODS = ['hello', 'getToken', 'getProducts', 'purchase', 'getStoreIdKey'];

test('protocol schema: compiles in Ajv strict mode', () => {
  assert.doesNotThrow(() => createProtocolValidator());
});

test('protocol vectors: every request, response and pair validates', () => {
  for (const { name, request, response } of vectors) {
    assert.deepEqual(validator.validateRequest(request, name), []);
    assert.deepEqual(validator.validateResponse(response, name), []);
    assert.deepEqual(validator.validateMessage(request, name), []);
    assert.deepEqual(validator.validateMessage(response, name), []);
    assert.deepEqual(validator.validateExchange(request, response, name), []);
  }
});

test('protocol vectors: names are unique and each says what the library concludes', () => {
  assert.equal(new Set(vectors.map((v) => v.name)).size, vectors.length);
  for (const { name, request, call, expect } of vectors) {
    if (request.method === 'hello') {
      assert.equal(call, undefined, name);
      assert.deepEqual([...expect.available, ...expect.unavailable].sort(), METHODS.slice(1).sort(), name);
    } else {
      assert.equal(call.method, request.method, name);
      assert.ok('resolves' in expect !== 'rejects' in expect, `${name}: exactly one of resolves/rejects`);
    }
  }
});

test('protocol vectors: cover every method, every status spelling, both ExtendedJsonData forms and errors', () => {
  const methods = new Set(vectors.map((v) => v.request.method));
  assert.deepEqual([...methods].sort(), [...METHODS].sort());
  for (const method of METHODS) {
    assert.ok(vectors.some((v) => v.request.method === method && v.response.error), `an error answer to ${method}`);
  }
  const statuses = new Set(vectors.map((v) => v.response.result?.status).filter(Boolean));
  for (const native of ['Succeeded', 'AlreadyPurchased', 'NotPurchased', 'NotFulfilled', 'NetworkError', 'ServerError']) {
    assert.ok(statuses.has(native), native);
  }
  const forms = vectors.map((v) => v.response.result?.extendedJsonData).filter(Boolean).map((json) => JSON.parse(json));
  assert.ok(forms.some((data) => data.DisplaySkuAvailabilities?.[0]?.Sku?.CollectionData?.orderId), 'StoreProduct form');
  assert.ok(forms.some((data) => typeof data.orderId === 'string'), 'bare CollectionData form');
  assert.ok(vectors.some((v) => v.response.result?.receipt?.startsWith('<Receipt')), 'legacy receipt');
});

test('protocol schema: rejects every known mistake where it is made', () => {
  for (const { name, message, inReplyTo, at } of invalid) {
    const problems = inReplyTo
      ? validator.validateExchange(vectors.find((v) => v.name === inReplyTo).request, message, name)
      : validator.validateRequest(message, name);
    assert.notDeepEqual(problems, [], name);
    assert.notDeepEqual(validator.validateMessage(message, name), [], name);
    const where = `message${inReplyTo ? '/response' : ''}${at}`;
    assert.ok(problems.join().includes(`${where} `) || problems.join().includes(`${where}/`), `${name}: reported at ${where}`);
  }
});

test('protocol schema: an Exchange rejects a result of another method and a different id', () => {
  const purchase = vectors.find((v) => v.request.method === 'purchase' && v.response.result).request;
  const token = vectors.find((v) => v.request.method === 'getToken' && v.response.result).response;
  assert.equal(validator.validateExchange(purchase, token).length, 1);
  const outcome = { ...vectors.find((v) => v.request === purchase).response, id: 'other' };
  assert.match(validator.validateExchange(purchase, outcome).join(), /is not the request id/);
});

test('protocol-validator plugin: answers validate-protocol, pairs responses with requests, ignores other commands', () => {
  const plugin = protocolValidatorPlugin();
  assert.equal(plugin.executeCommand({ command: 'other', payload: {} }), undefined);
  const purchase = vectors.find((v) => v.request.method === 'purchase' && v.response.result);
  const token = vectors.find((v) => v.request.method === 'getToken' && v.response.result);
  const good = plugin.executeCommand({
    command: 'validate-protocol',
    payload: { messages: [JSON.stringify(purchase.request), purchase.response] },
  });
  assert.deepEqual(good, { valid: true, checked: 2, problems: [] });
  const bad = plugin.executeCommand({
    command: 'validate-protocol',
    payload: { messages: [purchase.request, { ...token.response, id: purchase.request.id }, '{oops'] },
  });
  assert.equal(bad.valid, false);
  assert.equal(bad.problems.length, 2);
  assert.match(bad.problems[1], /^#2: not JSON/);
});

test('docs: every JSON example in host-protocol.md is a valid message', () => {
  const examples = [...readFileSync('docs/host-protocol.md', 'utf8').matchAll(/```json\n([\s\S]*?)```/g)].map((m) => JSON.parse(m[1]));
  assert.ok(examples.length >= 3);
  for (const example of examples) assert.deepEqual(validator.validateMessage(example), [], JSON.stringify(example));
});

test('docs: every adapter host-integration.md imports is exported by the package', async () => {
  const guide = readFileSync('docs/host-integration.md', 'utf8');
  const names = [...guide.matchAll(/import \{ (\w+) \} from '\.\/store-offer-elements\.(?:bundle|legacy)\.js'/g)].map((m) => m[1]);
  assert.deepEqual([...new Set(names)].sort(), ['digitalGoodsHost', 'hostObjectHost', 'uwpWebViewHost', 'webView2Host']);
  assert.match(readFileSync('src/index.ts', 'utf8'), /export \* from '\.\/core\/host\/index\.js'/);
  const host = await import('../../dist/core/host/index.js');
  for (const name of names) assert.equal(typeof host[name], 'function', name);
});

const additions = JSON.parse(readFileSync('test/fixtures/protocol-vectors.additions.json', 'utf8'));
/** The C# kit's host-side robustness vectors: requests the page never sends, which the schema refuses. */
const HOST_SIDE_ONLY = [
  'storeRequest: a URL from the page is not a param (no proxy)',
  'storeRequest: another HTTP method',
  'storeRequest: a GET with a body',
  'ackPurchase: without purchaseId',
];

test('protocol additions vectors: every exchange the page can have validates; host-side-only requests are refused', () => {
  for (const { name, request, response } of additions.vectors) {
    assert.deepEqual(validator.validateResponse(response, name), [], name);
    const problems = validator.validateExchange(request, response, name);
    if (HOST_SIDE_ONLY.includes(name)) assert.notDeepEqual(problems, [], name);
    else assert.deepEqual(problems, [], name);
  }
  for (const { name, message } of additions.events) assert.deepEqual(validator.validateMessage(message, name), [], name);
});

test('protocol schema: refuses bad additions (a status of "200", wrong types, an event with no data)', () => {
  const storeRequest = { channel: 'store-offers', v: 1, id: 'x-1', method: 'storeRequest', params: { method: 'GET' } };
  const answer = (result) => ({ channel: 'store-offers', v: 1, id: 'x-1', result });
  for (const result of [{ status: '200' }, { status: 99 }, { status: 600 }, { status: 200, body: 1 }, { status: 429, retryAfter: 7 }]) {
    assert.notDeepEqual(validator.validateExchange(storeRequest, answer(result)), [], JSON.stringify(result));
  }
  const getAccount = { ...storeRequest, method: 'getAccount', params: {} };
  assert.notDeepEqual(validator.validateExchange(getAccount, answer({ account: 42 })), []);
  assert.notDeepEqual(validator.validateExchange(getAccount, answer({ account: 'x'.repeat(1025) })), []);
  const event = { channel: 'store-offers', v: 1, event: 'account-changed' };
  for (const bad of [event, { ...event, data: null }, { ...event, data: {} }, { ...event, data: { account: 42 } }]) {
    assert.notDeepEqual(validator.validateMessage(bad), [], JSON.stringify(bad));
  }
  const purchase = { ...storeRequest, method: 'purchase', params: { productId: 'p', trackingId: 't' } };
  assert.deepEqual(validator.validateRequest(purchase), []);
});
