// The demo as a user gets it: `node demo/serve.js` (what `npm start` runs after the build) on a
// free port, driven through its real UI in Chromium: success and failure scenarios, checked in
// what the page shows (buttons, claim status, the live log) and in what it must never show.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.js';
import { startDemo } from '../../scripts/demo-server.js';

/** Every token any scenario hands out: none may ever reach the page's text. */
const TOKENS = ['mock-token', 'expired-token', 'fresh-token', 'page-token', 'bad-token'];
const TIMEOUT = 60_000;

let demo;
let browser;

before(async () => {
  demo = await startDemo();
  browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
});

after(async () => {
  await browser?.close();
  await demo?.stop();
});

/**
 * Opens the demo (`query` picks the first scenario) in a fresh browser context (fresh storage),
 * runs `steps(page)`, then checks that there was no console error, page error or CSP violation.
 */
async function withDemo(query, steps) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const problems = [];
    page.on('console', (message) => {
      // Chromium reports every HTTP error status in the console; the scenarios ask for those.
      if (message.type() === 'error' && !/^Failed to load resource: the server responded with a status of \d+/.test(message.text())) {
        problems.push(message.text());
      }
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${demo.url}${query}`);
    await page.locator('#status').filter({ hasNotText: 'idle' }).waitFor();
    await steps(page);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
}

/** Chooses a scenario in the control panel, as a user does, and waits for the new run to start. */
async function choose(page, scenario) {
  await page.selectOption('#scenario', scenario);
  await page.waitForURL(new RegExp(`scenario=${scenario}`));
}

const logEntry = (page, source, type, text) =>
  page.locator(`#log li[data-source="${source}"][data-type="${type}"]`).filter(text ? { hasText: text } : {});
const bannerButton = (page) => page.locator('store-offer-banner store-purchase-button [part~="base"]');
const claimLabel = (page) => page.locator('store-claim-status [part~="label"]');

/** The page's whole text, shadow roots included. */
const allText = (page) =>
  page.evaluate(() => {
    const texts = [];
    const walk = (root) => {
      for (const element of root.querySelectorAll('*')) {
        if (element.shadowRoot) walk(element.shadowRoot);
      }
      texts.push(root === document ? document.documentElement.outerHTML : root.innerHTML);
    };
    walk(document);
    return texts.join('\n');
  });

async function expectNoTokenShown(page) {
  const text = await allText(page);
  for (const token of TOKENS) assert.ok(!text.includes(token), `the page shows the token ${token}`);
}

describe('demo (npm start)', { timeout: 4 * TIMEOUT }, () => {
  test('prints the URL of the page it serves, with a strict CSP', { timeout: TIMEOUT }, async () => {
    assert.match(demo.url, /^http:\/\/localhost:\d+\/demo\/$/);
    const response = await fetch(demo.url);
    assert.equal(response.status, 200);
    const csp = response.headers.get('content-security-policy');
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.match(csp, /require-trusted-types-for 'script'/);
    assert.doesNotMatch(await response.text(), /<script(?![^>]*\bsrc=)[^>]*>|\son[a-z]+=/i, 'no inline script or handler');
  });

  test('success: buy the offer, see it claimed, and the Store log shows the claim with the token redacted', { timeout: TIMEOUT }, () =>
    withDemo('', async (page) => {
      await page.locator('store-offer-banner [part~="price"]').filter({ hasText: '$0.99' }).waitFor();
      await logEntry(page, 'event', 'store-offers-load', 'offers: 1').waitFor();
      await bannerButton(page).click();
      await claimLabel(page).filter({ hasText: 'Offer registered' }).waitFor();
      assert.equal(await bannerButton(page).innerText(), 'Purchased');
      await logEntry(page, 'event', 'store-purchase-complete', 'status: succeeded').waitFor();
      await logEntry(page, 'event', 'store-claim-change', 'claim: claimed').waitFor();
      await logEntry(page, 'store', 'POST', '/v2.0/my/storeoffers/user → 200 · Bearer REDACTED').waitFor();
      await logEntry(page, 'store', 'GET', '→ 200 · Bearer REDACTED').waitFor();
      await logEntry(page, 'host', 'purchase', '100x gold coins').waitFor();
      await expectNoTokenShown(page);
    }),
  );

  test('host-carried: the log shows storeRequest and no getToken; the offer loads and is claimed', { timeout: TIMEOUT }, () =>
    withDemo('?scenario=host-carried', async (page) => {
      await page.locator('store-offer-banner [part~="price"]').filter({ hasText: '$0.99' }).waitFor();
      await logEntry(page, 'host', 'storeRequest').first().waitFor();
      await bannerButton(page).click();
      await claimLabel(page).filter({ hasText: 'Offer registered' }).waitFor();
      await logEntry(page, 'store', 'POST', '→ 200 · Bearer REDACTED').waitFor();
      assert.equal(await logEntry(page, 'host', 'getToken').count(), 0, 'the page asks for no token');
      await expectNoTokenShown(page);
    }),
  );

  test('a purchase journaled by a page that died is claimed at start, without a click', { timeout: TIMEOUT }, () =>
    withDemo('?scenario=journaled', async (page) => {
      await claimLabel(page).filter({ hasText: 'Offer registered' }).waitFor();
      await logEntry(page, 'host', 'takePurchases').first().waitFor();
      await logEntry(page, 'host', 'ackPurchase').first().waitFor();
      await logEntry(page, 'store', 'POST', '→ 200 · Bearer REDACTED').waitFor();
      assert.equal(await logEntry(page, 'host', 'purchase').count(), 0, 'nothing was bought in this page');
    }),
  );

  test('switching account mid-claim: the claim waits while Bob is signed in and is sent when Alice is back', { timeout: TIMEOUT }, () =>
    withDemo('?scenario=switch-account', async (page) => {
      await page.locator('store-offer-banner [part~="price"]').filter({ hasText: '$0.99' }).waitFor();
      await bannerButton(page).click();
      await logEntry(page, 'store', 'POST', '→ 503').waitFor();
      await logEntry(page, 'host', 'account-changed', 'Bob signs in').waitFor();
      // Bob's offers are fetched again; Alice's claim is neither shown nor sent meanwhile.
      await logEntry(page, 'store', 'GET', '→ 200').nth(1).waitFor();
      await claimLabel(page).waitFor({ state: 'detached' });
      const aliceBack = logEntry(page, 'host', 'account-changed', 'Alice signs in');
      await aliceBack.waitFor();
      await claimLabel(page).filter({ hasText: 'Offer registered' }).waitFor();
      await logEntry(page, 'store', 'POST', '→ 200').waitFor();
      // Past the Retry-After, yet nothing was POSTed while Bob was signed in.
      const backAt = Number(await aliceBack.getAttribute('data-at'));
      const postTimes = await logEntry(page, 'store', 'POST').evaluateAll((entries) => entries.map((entry) => Number(entry.dataset.at)));
      assert.equal(postTimes.length, 2, 'one 503, then one claim accepted');
      assert.ok(postTimes[1] > backAt, `the claim was sent after Alice was back (${postTimes[1]} ms, back at ${backAt} ms)`);
      await expectNoTokenShown(page);
    }),
  );

  test('failure: the user cancels, then the Store dialog reports a network error', { timeout: TIMEOUT }, () =>
    withDemo('', async (page) => {
      await choose(page, 'cancel');
      await page.locator('store-offer-banner [part~="price"]').waitFor();
      await bannerButton(page).click();
      await logEntry(page, 'event', 'store-purchase-error', 'status: not-purchased').waitFor();
      await bannerButton(page).filter({ hasText: 'Buy' }).waitFor();
      assert.equal(await claimLabel(page).count(), 0, 'no claim after a cancel');
      assert.equal(await logEntry(page, 'store', 'POST').count(), 0);

      await choose(page, 'network-error');
      await logEntry(page, 'event', 'store-offers-load').waitFor();
      await page.locator('store-offer-banner [part~="price"]').waitFor();
      await bannerButton(page).click();
      await logEntry(page, 'event', 'store-purchase-error', 'status: network-error').waitFor();
      await bannerButton(page).filter({ hasText: 'Try again' }).waitFor();
    }),
  );

  test('failure: a claim the Store rejects shows "Offer not registered yet"; Register again claims it', { timeout: TIMEOUT }, () =>
    withDemo('?scenario=claim-rejected', async (page) => {
      await page.locator('store-offer-banner [part~="price"]').waitFor();
      await bannerButton(page).click();
      await claimLabel(page).filter({ hasText: 'Offer not registered yet' }).waitFor();
      await logEntry(page, 'store', 'POST', '→ 400').waitFor();
      await page.locator('store-claim-status [part~="retry-button"]').click();
      await claimLabel(page).filter({ hasText: 'Offer registered' }).waitFor();
      await logEntry(page, 'store', 'POST', '→ 200').waitFor();
    }),
  );

  test('401 then refresh: the host is asked again with forceRefresh and the offers load; no token shown', { timeout: TIMEOUT }, () =>
    withDemo('?scenario=token-refresh', async (page) => {
      await logEntry(page, 'event', 'store-offers-load', 'offers: 1').waitFor();
      await logEntry(page, 'store', 'GET', '→ 401').waitFor();
      await logEntry(page, 'host', 'getToken', '"forceRefresh":true').waitFor();
      await logEntry(page, 'store', 'GET', '→ 200').waitFor();
      await page.locator('store-offer-banner [part~="heading"]').filter({ hasText: '100 gold coins' }).waitFor();
      await expectNoTokenShown(page);
    }),
  );

  test('503 then recover: offers load after the retries and the claim is retried until claimed', { timeout: TIMEOUT }, () =>
    withDemo('?scenario=recover', async (page) => {
      await page.locator('store-offer-banner [part~="price"]').waitFor({ timeout: 20_000 });
      assert.equal(await logEntry(page, 'store', 'GET', '→ 503').count(), 2);
      await bannerButton(page).click();
      await claimLabel(page).filter({ hasText: 'Offer registered' }).waitFor({ timeout: 20_000 });
      await logEntry(page, 'store', 'POST', '→ 503').waitFor();
      await logEntry(page, 'store', 'POST', '→ 200').waitFor();
    }),
  );

  test('no host: the banner hides (an ad nobody can act on); the separate button says purchases are unavailable', { timeout: TIMEOUT }, () =>
    withDemo('?scenario=no-host', async (page) => {
      const separate = page.locator('.items store-purchase-button [part~="base"]');
      await separate.filter({ hasText: 'Purchases unavailable' }).waitFor();
      await page.locator('#status').filter({ hasText: 'ready' }).waitFor();
      assert.equal(await page.locator('store-offer-banner').getAttribute('hidden'), '');
      assert.equal(await separate.getAttribute('aria-disabled'), 'true');
      // aria-disabled, not disabled: it stays focusable, and activating it explains why nothing happens.
      await separate.focus();
      await page.keyboard.press('Enter');
      await logEntry(page, 'event', 'store-purchase-error', 'status: unavailable').waitFor();
      assert.equal(await logEntry(page, 'host').count(), 0);
      await expectNoTokenShown(page);
    }),
  );

  test('controls: object wire shape, no offers, French and the dark theme', { timeout: TIMEOUT }, () =>
    withDemo('', async (page) => {
      await page.check('input[name="shape"][value="object"]');
      await page.waitForURL(/shape=object/);
      await page.locator('store-offer-banner [part~="heading"]').filter({ hasText: '100 gold coins' }).waitFor();

      await choose(page, 'no-offers');
      await logEntry(page, 'event', 'store-offers-load', 'offers: 0').waitFor();
      await page.locator('#status').filter({ hasText: 'empty' }).waitFor();
      assert.equal(await page.locator('store-offer-banner').getAttribute('hidden'), '');

      await page.check('input[name="lang"][value="fr"]');
      await page.locator('.items store-purchase-button [part~="base"]').filter({ hasText: 'Acheter' }).waitFor();
      assert.equal(await page.locator('html').getAttribute('lang'), 'fr');

      await page.check('input[name="theme"][value="dark"]');
      const scheme = await page
        .locator('.items store-purchase-button')
        .evaluate((button) => getComputedStyle(button.shadowRoot.querySelector('[part~="base"]')).colorScheme);
      assert.equal(scheme, 'dark');
    }),
  );

  test('Restart during a slow purchase: the new run shows its outcome, not "Purchasing…" for 10 minutes', { timeout: TIMEOUT }, () =>
    withDemo('?scenario=slow-host', async (page) => {
      await bannerButton(page).filter({ hasText: 'Buy' }).waitFor();
      await bannerButton(page).click();
      await bannerButton(page).filter({ hasText: 'Purchasing' }).waitFor();
      await page.click('#restart');
      // The Store dialog already open still answers (one purchase per product: every button shows it).
      await bannerButton(page).filter({ hasText: 'Purchased' }).waitFor({ timeout: 20_000 });
    }),
  );
});

describe('the demo on a phone, in French, for assistive tech', () => {
  /** What sticks out to the right of the viewport or of the app window (which clips it). */
  const overflow = (page) =>
    page.evaluate(() => {
      const limit = Math.min(document.documentElement.clientWidth, document.querySelector('.window').getBoundingClientRect().right);
      const out = [...document.querySelectorAll('.window *, .panel *')]
        .filter((el) => el.getClientRects().length && el.getBoundingClientRect().right > limit + 0.5)
        .map((el) => `${el.localName}.${el.className} ${Math.round(el.getBoundingClientRect().right)}`);
      return { page: document.documentElement.scrollWidth - document.documentElement.clientWidth, out };
    });

  for (const lang of ['en', 'fr']) {
    test(`320 px, ${lang}: nothing overflows (the nav, the items grid, the banner)`, { timeout: TIMEOUT }, async () => {
      const context = await browser.newContext({ viewport: { width: 320, height: 800 } });
      try {
        const page = await context.newPage();
        await page.goto(`${demo.url}?lang=${lang}`);
        await page.locator('store-offer-banner [part~="heading"]').waitFor();
        assert.deepEqual(await overflow(page), { page: 0, out: [] });
      } finally {
        await context.close();
      }
    });
  }

  test('French: no-break spaces before ":", "%", "€" and inside "140 pièces"', { timeout: TIMEOUT }, () =>
    withDemo('?lang=fr', async (page) => {
      await page.locator('store-offer-banner [part~="heading"]').filter({ hasText: 'pièces' }).waitFor();
      const text = await page.locator('.window').evaluate((root) => {
        const parts = [root.innerText];
        for (const el of root.querySelectorAll('*')) if (el.shadowRoot) parts.push(el.shadowRoot.textContent);
        return parts.join('\n');
      });
      assert.match(text, /140\u00a0pièces/);
      assert.match(text, /0,99\u00a0€/);
      assert.match(text, /40\u00a0%/);
      assert.match(text, /seulement\u00a0:/);
      // No ordinary space (or none at all) before a French double punctuation mark, % or €.
      // Never an ordinary space, or none, before a colon, % or €.
      assert.doesNotMatch(text, / [:;%€]/);
      assert.doesNotMatch(text, /[\p{L}\d][:;%€]/u);
      assert.doesNotMatch(text, /\d (pièces|morceaux)/);
    }),
  );

  test('axe: no violations on the page (landmarks, the scrollable log), English and French, light and dark', { timeout: 2 * TIMEOUT }, async () => {
    const { readFileSync } = await import('node:fs');
    const axe = readFileSync('node_modules/axe-core/axe.min.js', 'utf8');
    // axe is the test's code, not the page's: it may run despite the page's CSP.
    const context = await browser.newContext({ bypassCSP: true });
    try {
      const page = await context.newPage();
      for (const query of ['?lang=en&theme=light', '?lang=fr&theme=dark']) {
        await page.goto(`${demo.url}${query}`);
        await page.locator('store-offer-banner [part~="heading"]').waitFor();
        await page.locator('#log li').first().waitFor();
        await page.evaluate(axe);
        const violations = await page.evaluate(async () => (await window.axe.run(document)).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`));
        assert.deepEqual(violations, [], query);
      }
    } finally {
      await context.close();
    }
  });
});
