// Strict CSP and Trusted Types (SPEC.md Security rules): a static page served with
// `script-src 'self'; object-src 'none'; base-uri 'none'; require-trusted-types-for 'script'`
// runs the shipped bundle through a whole journey (offers, product data, purchase, claim) with
// zero violations — counted three ways: the page's `securitypolicyviolation` events, the
// browser's reports to `report-uri`, and the console. A control page breaks the policy on purpose
// to prove the counting sees violations.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.js';
import { serveWithCsp, STRICT_CSP } from '../csp/serve-with-csp.js';

let server;
let browser;

before(async () => {
  server = await serveWithCsp();
  browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs, headless: true });
});

after(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens `path`, waits for its #result JSON; returns it with the console and page errors seen. */
async function visit(path) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const consoleMessages = [];
  const pageErrors = [];
  const headers = [];
  page.on('console', (message) => consoleMessages.push(`${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  page.on('response', (response) => headers.push(response.headers()['content-security-policy']));
  const reportsBefore = server.reports.length;
  await page.goto(`${server.origin}${path}`);
  await page.waitForFunction(() => document.getElementById('result')?.textContent, null, { timeout: 60_000 });
  const result = JSON.parse(await page.locator('#result').textContent());
  // Reports are sent asynchronously; give them a moment to arrive.
  await new Promise((r) => setTimeout(r, 300));
  await context.close();
  return { result, consoleMessages, pageErrors, headers, reports: server.reports.slice(reportsBefore) };
}

test('csp: a full journey under the strict policy works, with zero violations', async () => {
  const { result, consoleMessages, pageErrors, headers, reports } = await visit('/test/csp/csp.html');
  assert.ok(headers.length > 0 && headers.every((h) => h?.startsWith(STRICT_CSP)), 'every answer carries the policy');
  assert.equal(result.ok, true, result.error);
  assert.equal(result.heading, 'Ten gold coins');
  assert.equal(result.image, true, 'the data: image is shown');
  assert.equal(result.purchase, 'succeeded');
  assert.equal(result.claim, 'claimed');
  assert.equal(result.status, 'Offer registered');
  assert.deepEqual(result.serverClaims, ['a5c5b6d2-6f8e-4a7b-9c3d-1e2f3a4b5c6d']);
  assert.deepEqual(result.tokens, ['csp-token']);
  assert.equal(result.trustedTypes, true, 'Trusted Types are enforced in this Chromium');
  assert.deepEqual(result.violations, [], 'securitypolicyviolation events');
  assert.deepEqual(reports, [], 'report-uri reports');
  assert.deepEqual(consoleMessages, [], 'console output');
  assert.deepEqual(pageErrors, [], 'uncaught errors');
});

test('csp: the control page that breaks the policy is caught by every counter', async () => {
  const { result, consoleMessages, reports } = await visit('/test/csp/control.html');
  assert.equal(result.inlineRan, false, 'the inline script was blocked');
  assert.equal(result.innerHtmlRefused, true, 'Trusted Types refused a string for innerHTML');
  assert.ok(result.violations.includes('require-trusted-types-for'), 'the page saw the Trusted Types violation');
  const directives = reports.map((r) => r['csp-report']?.['effective-directive'] ?? r['csp-report']?.['violated-directive']);
  assert.ok(directives.some((d) => d?.startsWith('script-src')), `report-uri got the inline script: ${directives}`);
  assert.ok(directives.some((d) => d?.startsWith('require-trusted-types-for')), `report-uri got Trusted Types: ${directives}`);
  assert.ok(consoleMessages.some((m) => /Content Security Policy|Trusted Type/i.test(m)), 'the console shows them too');
});
