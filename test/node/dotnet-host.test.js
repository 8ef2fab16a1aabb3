// Cross-language end-to-end: the real self-contained bundle in headless Chromium talks to the real
// C# dispatcher of host/dotnet. store-offers-devserver (a console program of the kit) serves the
// protocol on 127.0.0.1 with a scripted native store; the page's chrome.webview stand-in
// (test/dotnet-e2e/page.js) relays each message to it through this server's /host/ relay, and
// for storeRequest the C# side calls the mock Store over HttpClient. The protocol additions are
// tested both ways: browser journeys (host-carried calls, an account change with a pending claim,
// a journaled purchase claimed at the next start) and the C# side alone at the console level.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.js';
import { serveWithCsp } from '../csp/serve-with-csp.js';
import { createMockStoreSession } from '../../dist/testing/index.js';

const PROJECT = 'host/dotnet/StoreOffers.Host.DevServer';
const DLL = `${PROJECT}/bin/Release/net8.0/store-offers-devserver.dll`;
const TOKEN = 'EwB4A8l6BAAUO9chh8cJscQLmU+LSWpbnr0vmwwAAd1ICTsVl3EZ0zJ5';
const ORDER_ID = '5f0c3a71-9b2e-4d6c-a8f1-3e7b9d2c4a60';
const OFFER = { offers: ['10x gold coins', '100x gold coins'], trackingId: '5de5dd29-6dce-4e68-b45e-d8ee6c2cd203' };

const hasDotnet = spawnSync('dotnet', ['--version'], { stdio: 'ignore' }).status === 0;
// Without the SDK the suite cannot run; on CI (a dotnet machine) that is a failure, not a skip.
const skip = !hasDotnet && !process.env.CI ? 'the .NET SDK (dotnet) is not installed' : false;

let journalDir;
let host;
let server;
let browser;

before(async () => {
  if (skip) return;
  const build = spawnSync('dotnet', ['build', PROJECT, '-c', 'Release', '-v', 'q', '-nologo'], { encoding: 'utf8' });
  assert.equal(build.status, 0, `dotnet build ${PROJECT}\n${build.stdout}\n${build.stderr}`);
  journalDir = mkdtempSync(join(tmpdir(), 'store-offers-e2e-'));
  host = await startHost();
  server = await serveWithCsp({ before: relayToHost });
  browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs, headless: true });
});

after(async () => {
  await browser?.close();
  await server?.close();
  await host?.stop();
  if (journalDir) rmSync(journalDir, { recursive: true, force: true });
});

/** Starts store-offers-devserver (journal in journalDir) and waits for its "listening" line. */
async function startHost() {
  const child = spawn('dotnet', [DLL, '--journal', join(journalDir, 'journal.json')], { stdio: ['pipe', 'pipe', 'inherit'] });
  const origin = await new Promise((resolve, reject) => {
    let text = '';
    child.stdout.on('data', (chunk) => {
      text += chunk;
      const match = /listening (http:\/\/127\.0\.0\.1:\d+)\//.exec(text);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`store-offers-devserver exited with ${code}`)));
  });
  return {
    origin,
    stop: () =>
      new Promise((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.stdin.end(); // the devserver stops when its stdin closes
        setTimeout(() => child.kill(), 5000).unref();
      }),
  };
}

/** /host/<path> on the page's origin → <path> on the C# host (so the page needs no CORS). */
async function relayToHost(req, res) {
  const url = new URL(req.url ?? '/', 'http://relay.invalid');
  if (!url.pathname.startsWith('/host/')) return false;
  const upstream = httpRequest(`${host.origin}${url.pathname.slice('/host'.length)}`, { method: req.method, headers: { 'content-type': 'application/json' } });
  upstream.on('response', (answer) => {
    res.writeHead(answer.statusCode ?? 502, { 'Content-Type': answer.headers['content-type'] ?? 'text/plain', 'Cache-Control': 'no-store' });
    answer.pipe(res);
  });
  upstream.on('error', () => res.headersSent || (res.writeHead(502), res.end()));
  res.on('close', () => upstream.destroy());
  req.pipe(upstream);
  return true;
}

async function send(path, body) {
  const response = await fetch(`${host.origin}${path}`, { method: 'POST', body: JSON.stringify(body) });
  return response.status === 204 ? undefined : response.json();
}

const request = (id, method, params = {}) => ({ channel: 'store-offers', v: 1, id, method, params });

/**
 * Opens the page for one journey and returns its #result, failing on any console error other than
 * Chromium's own line for an expected HTTP status (`expectedStatus`, e.g. the Store's 401).
 */
async function journey(name, { expectedStatus } = {}) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(String(error)));
  const expected = expectedStatus && `the server responded with a status of ${expectedStatus}`;
  page.on('console', (message) => message.type() === 'error' && !(expected && message.text().includes(expected)) && problems.push(message.text()));
  await page.goto(`${server.origin}/test/dotnet-e2e/page.html?journey=${name}`);
  await page.waitForFunction(() => document.getElementById('result')?.textContent, null, { timeout: 60_000 });
  const result = JSON.parse(await page.locator('#result').textContent());
  await context.close();
  assert.equal(result.ok, true, result.error);
  assert.deepEqual(problems, []);
  return result;
}

test('dotnet e2e: load → purchase → claim (orderId found in ExtendedJsonData, claimed with it)', { skip }, async () => {
  const result = await journey('purchase-claim');
  assert.deepEqual(result.offers, [OFFER.trackingId]);
  assert.equal(result.heading, '10 pièces d’or', 'product data from the C# getProducts');
  assert.deepEqual(result.purchase, { event: 'complete', status: 'succeeded', orderId: ORDER_ID });
  assert.equal(result.buttonState, 'purchased');
  assert.deepEqual(result.claim, { state: 'claimed', trackingId: OFFER.trackingId });
  assert.deepEqual(result.serverClaims, [ORDER_ID]);
  // getToken and the banner's getProducts (it names its product) go out together, beside hello:
  // which the C# host logs first is its own affair.
  assert.deepEqual(result.hostLog.slice(0, 2).sort(), ['getProducts 10x gold coins', 'getToken forceRefresh=false']);
  assert.deepEqual(result.hostLog.slice(2), ['purchase 10x gold coins']);
});

test('dotnet e2e: a cancelled purchase (NotPurchased) leaves the button idle and claims nothing', { skip }, async () => {
  const result = await journey('cancel');
  assert.deepEqual(result.purchase, { event: 'error', status: 'not-purchased' });
  assert.equal(result.buttonState, 'idle');
  assert.equal(result.claim, undefined);
  assert.deepEqual(result.serverClaims, []);
  assert.ok(result.hostLog.includes('purchase 10x gold coins'));
});

test('dotnet e2e: already owned (AlreadyPurchased) shows owned and claims nothing', { skip }, async () => {
  const result = await journey('already-owned');
  assert.deepEqual(result.purchase, { event: 'complete', status: 'already-purchased' });
  assert.equal(result.buttonState, 'owned');
  assert.deepEqual(result.serverClaims, []);
});

test('dotnet e2e: a 401 makes the page ask the C# host for a forced refresh, and the new token works', { skip }, async () => {
  const result = await journey('unauthorized-refresh', { expectedStatus: 401 });
  assert.deepEqual(result.hostLog.filter((line) => line.startsWith('getToken')), ['getToken forceRefresh=false', 'getToken forceRefresh=true']);
  assert.deepEqual(result.storeRequests.slice(0, 2), [
    { method: 'GET', outcome: 401, token: 'first' },
    { method: 'GET', outcome: 200, token: 'fresh' },
  ]);
  assert.deepEqual(result.serverClaims, [ORDER_ID]);
  assert.ok(result.storeRequests.filter((r) => r.method === 'POST').every((r) => r.token === 'fresh'), 'the claim uses the fresh token');
});

test('dotnet e2e (browser): host-carried Store calls with no token in the page', { skip }, async () => {
  const result = await journey('host-carried');
  assert.deepEqual(result.offers, [OFFER.trackingId]);
  assert.deepEqual(result.purchase, { event: 'complete', status: 'succeeded', orderId: ORDER_ID });
  assert.deepEqual(result.serverClaims, [ORDER_ID]);
  // Both Store calls left from the C# side (HttpClient), with its token; the page asked for none.
  assert.deepEqual(result.storeRequests.map((r) => `${r.method} ${r.token}`), ['GET first', 'POST first']);
  assert.ok(result.pageMethods.includes('storeRequest'), result.pageMethods.join());
  assert.ok(!result.pageMethods.includes('getToken'), result.pageMethods.join());
  assert.equal(result.tokenInPage, false, 'no message the page sent or received carries the token');
});
test('dotnet e2e (browser): an account change with a pending claim', { skip }, async () => {
  const result = await journey('account-change');
  assert.equal(result.reloadedOnChange, true, 'the offers were fetched again for the other user');
  assert.equal(result.postsWhileAway, 1, 'only the POST cut off before the switch');
  assert.equal(result.claimsWhileAway, 0);
  assert.deepEqual(result.claim, { state: 'claimed', trackingId: OFFER.trackingId });
  assert.deepEqual(result.serverClaims, [ORDER_ID], 'sent once its account is back');
  assert.ok(result.hostLog.includes('account-changed acct-other'), result.hostLog.join());
});
test('dotnet e2e (browser): a journaled purchase claimed at the next start', { skip }, async () => {
  // The page dies (its context is closed) while the Store dialog is open.
  const died = await journey('journal-died');
  assert.equal(died.purchaseSent, true);
  // The C# host finishes the purchase and journals it (purchaseDelayMs 1500), answering nobody.
  await new Promise((resolve) => setTimeout(resolve, 2500));
  const next = await journey('journal-next-start');
  assert.deepEqual(next.claim, { state: 'claimed', trackingId: OFFER.trackingId });
  assert.deepEqual(next.serverClaims, [ORDER_ID], 'claimed once, by the next page');
  assert.ok(!next.hostLog.some((line) => line.startsWith('purchase')), 'the next page bought nothing');
  await send('/_script', { account: 'acct-e2e' });
  const left = await send('/message', request('e-1', 'takePurchases'));
  assert.deepEqual(left.result.purchases, [], 'acknowledged: the journal is empty');
});

test('dotnet console: storeRequest carries the offers GET and the claim POST to the mock Store with the host token', { skip }, async () => {
  const store = await createMockStoreSession({ offers: [OFFER], tokens: [TOKEN] }, { origin: server.origin });
  await send('/_script', { tokens: { false: TOKEN }, storeEndpoint: store.endpoint, account: 'acct-1' });
  const hello = await send('/message', request('c-1', 'hello'));
  assert.ok(hello.result.methods.includes('storeRequest'));
  const offers = await send('/message', request('c-2', 'storeRequest', { method: 'GET' }));
  assert.equal(offers.result.status, 200);
  assert.deepEqual(JSON.parse(offers.result.body), [OFFER]);
  const claim = JSON.stringify({ storeOffer: OFFER, receipt: ORDER_ID });
  const posted = await send('/message', request('c-3', 'storeRequest', { method: 'POST', body: claim }));
  assert.equal(posted.result.status, 200);
  const log = await store.log();
  assert.deepEqual(log.requests.map((r) => [r.method, r.token, r.contentType]), [['GET', TOKEN, null], ['POST', TOKEN, 'application/json; charset=utf-8']]);
  assert.deepEqual(log.claims.map((c) => c.receipt), [ORDER_ID]);
  assert.ok(!JSON.stringify([offers, posted]).includes(TOKEN), 'the token never goes back to the page');
});

test('dotnet console: a 401 from the Store comes back as a status; forceRefresh gets the new token', { skip }, async () => {
  const store = await createMockStoreSession({ offers: [], tokens: ['fresh-token'] }, { origin: server.origin });
  await send('/_script', { tokens: { false: 'stale-token', true: 'fresh-token' }, storeEndpoint: store.endpoint });
  assert.equal((await send('/message', request('c-1', 'storeRequest', { method: 'GET' }))).result.status, 401);
  assert.equal((await send('/message', request('c-2', 'storeRequest', { method: 'GET', forceRefresh: true }))).result.status, 200);
  assert.deepEqual((await store.log()).requests.map((r) => r.token), ['stale-token', 'fresh-token']);
});

test('dotnet console: an account change is pushed as an account-changed event', { skip }, async () => {
  await send('/_script', { account: 'acct-1' });
  const events = await fetch(`${host.origin}/events`);
  const reader = events.body.getReader();
  await reader.read(); // ": connected"
  assert.deepEqual((await send('/message', request('c-1', 'getAccount'))).result, { account: 'acct-1' });
  await send('/_account', { account: 'acct-2' });
  const { value } = await reader.read();
  const data = new TextDecoder().decode(value).replace(/^data: /, '').trim();
  assert.deepEqual(JSON.parse(data), { channel: 'store-offers', v: 1, event: 'account-changed', data: { account: 'acct-2' } });
  assert.deepEqual((await send('/message', request('c-2', 'getAccount'))).result, { account: 'acct-2' });
  await reader.cancel();
});

test('dotnet console: a journaled purchase survives a restart of the host and is taken once', { skip }, async () => {
  await send('/_script', { account: 'acct-j', purchases: { '10x gold coins': { status: 'Succeeded', orderId: ORDER_ID } } });
  const bought = await send('/message', request('j-1', 'purchase', { productId: '10x gold coins', trackingId: OFFER.trackingId }));
  const { purchaseId } = bought.result;
  assert.match(purchaseId, /^[0-9a-f-]{36}$/);
  // The app (and its page) die; a new host process starts on the same journal.
  await host.stop();
  host = await startHost();
  await send('/_script', { account: 'acct-j' });
  const taken = await send('/message', request('j-2', 'takePurchases'));
  assert.deepEqual(taken.result.purchases, [{ purchaseId, productId: '10x gold coins', trackingId: OFFER.trackingId, status: 'Succeeded', orderId: ORDER_ID }]);
  await send('/_script', { account: 'someone-else' });
  assert.deepEqual((await send('/message', request('j-3', 'takePurchases'))).result.purchases, [], 'another account does not see it');
  await send('/_script', { account: 'acct-j' });
  assert.deepEqual((await send('/message', request('j-4', 'ackPurchase', { purchaseId }))).result, {});
  assert.deepEqual((await send('/message', request('j-5', 'takePurchases'))).result.purchases, []);
});

test('dotnet console: garbage and other channels get no answer', { skip }, async () => {
  const garbage = await fetch(`${host.origin}/message`, { method: 'POST', body: '{ not json' });
  assert.equal(garbage.status, 204);
  assert.equal(await send('/message', { channel: 'my-app', v: 1, id: 'x', method: 'hello', params: {} }), undefined);
  assert.equal((await send('/message', request('g-1', 'getOffers'))).error.code, 'unknown-method');
});
