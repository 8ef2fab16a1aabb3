// The fault-injection soak (`npm run soak`; a reduced run is in test/node/soak.test.js).
//
// N purchase → claim journeys in real Chromium, each with its own mock Store scenario, under the
// strict CSP, through the shipped bundle, the real elements and the mock WebView2 host, with
// seeded random faults: connections dropped before/after the Store processed the POST,
// 408/429/500/503 with and without Retry-After, 401s (one, two in a row, a rotated token),
// timeouts (the Store never processed the POST, or processed it after the client gave up), page
// reloads at planned points, offline/online, and two tabs on the same queue (see plan.js).
//
// What is counted, per claim (trackingId + receipt), from the Store's side of every POST:
// - accepted: POSTs the Store processed (answered 200, or dropped after processing);
// - answered: accepted POSTs whose 200 was written to a connection still open (the others' answers
//   surely never reached the page: dropped, or the client had given up or gone);
// - duplicated = max(0, answered - 1 - explained): one answered POST ended the claim; every other
//   one is ours unless the page may not have read it — a page holding the open claim died around
//   it, or the page saw that attempt time out (see `explain`);
// - unavoidable re-sends = (accepted - 1) - duplicated: re-sends after an answer the page never got;
//   no client can tell those from POSTs the Store never got (docs/reliability.md);
// - concurrent: POSTs that arrived while an earlier one still waited for the answer its client then
//   got (must be 0);
// - lost: a purchase was started and the Store never accepted its claim;
// - double purchases: host `purchase` requests beyond one per journey;
// - wrong account: claims the Store accepted with the token of another account than the one that
//   bought (a failure, like a claim announced while another account is current).
// The last line is `soak: <N> journeys, lost <n>, duplicated <n>, double purchases <n>, drained in <s> s, seed <seed>`.
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.js';
import { createJournalingHost } from './native-host.js';
import { ACCOUNT_KINDS, ACCOUNTS, makePlan, seededRandom } from './plan.js';
import { claimKey, clock, startStoreServer } from './store-server.js';

const IN_PAGE_RELOADS = { 'reload-after-result': 'after-result', 'reload-after-enqueue': 'after-enqueue', 'reload-during-post': 'during-post' };
/** The claim queue's backoff in the soak (the defaults are 2 s … 5 min). */
const RETRY = { baseDelay: 5, maxDelay: 200 };

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs the soak and resolves with its figures.
 * @param {object} [options]
 * @param {number} [options.journeys] default 1000
 * @param {number} [options.seed] default a random one (printed)
 * @param {number} [options.parallel] batches (browser contexts) at once, default 8
 * @param {number} [options.batchSize] journeys per page, default 25
 * @param {string[]} [options.kinds] only these batch kinds (plan.js BATCH_KINDS), to study one
 * @param {boolean} [options.sabotage] the counters' self-check, on the first page: the first
 *   journey's claim is sent once more by hand after it was claimed, the second journey is bought
 *   with claims off, the third journey's claim is sent twice more at once by hand (the Store holds
 *   both) — the run must then report duplicated 3, lost 1, concurrent 1
 * @param {(line: string) => void} [options.log] progress lines
 */
export async function runSoak({ journeys = 1000, seed = Math.floor(Math.random() * 2 ** 31), parallel = 8, batchSize = 25, kinds, sabotage = false, log = () => {} } = {}) {
  const plan = makePlan({ journeys, seed, batchSize, kinds });
  // The self-check's journeys get no faults, so nothing but the sabotage explains what is counted
  // (the third one's hand-made POSTs are held 300 ms by the Store, so they overlap).
  if (sabotage) {
    const [first, second, third] = plan.batches[0].journeys;
    const held = { method: 'POST', delayMs: 300 };
    for (const journey of [first, second, third]) Object.assign(journey, { faults: [], faultNames: [], rotateToken: false });
    third.faults = [{ method: 'POST' }, held, held];
  }
  const server = await startStoreServer();
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs, headless: true });
  const started = clock();
  const results = [];
  try {
    const queue = [...plan.batches];
    await Promise.all(
      Array.from({ length: Math.min(parallel, queue.length) }, async () => {
        for (let batch = queue.shift(); batch; batch = queue.shift()) {
          const result = await runBatch(batch);
          results.push(result);
          log(
            `batch ${batch.id} (${batch.kind}, ${batch.journeys.length} journeys): lost ${result.lost}, duplicated ${result.duplicated}, ` +
              `unavoidable ${result.unavoidable}, double purchases ${result.doublePurchases}, problems ${result.problems.length}`,
          );
        }
      }),
    );
  } finally {
    await browser.close();
    await server.close();
  }
  return summarize();

  async function runBatch(batch) {
    const random = seededRandom(plan.seed + batch.id * 7919);
    const journeysById = new Map();
    const accounts = ACCOUNT_KINDS.includes(batch.kind);
    /**
     * Whether a failed claim is one the queue retries by itself once a new submitter connects
     * (claim-scheduler.ts): a 401 the app answers with a new token; and, found in storage on the
     * account pages, a claim whose request the account switch cut (`no-token`: it waits, unannounced,
     * for its own account). A live `no-token` is still a problem; a claim never claimed fails the drain.
     */
    const healsByItself = (event) => event.code === 'unauthorized' || (accounts && event.stored && event.code === 'no-token');
    const journaled = batch.kind === 'journal-reload';
    /** The account the host has signed in (told by the page when it switches); `undefined`: no accounts. */
    let hostAccount = accounts ? ACCOUNTS.buyer : undefined;
    let switchedAway = false;
    for (const journey of batch.journeys) {
      const tokens = tokensOf(journey.id, 1);
      const offer = { offers: [journey.productId], trackingId: journey.trackingId };
      const scenarioTokens = Object.values(tokens);
      const { id: scenario, endpoint } = await server.call('scenario', { offers: [offer], tokens: scenarioTokens, faults: journey.faults });
      const withdrawn = journaled && journey === batch.journeys[0] ? batch.withdrawn : undefined;
      const entries = withdrawn ? [{ purchaseId: withdrawn.purchaseId, productId: journey.productId, trackingId: withdrawn.trackingId, status: 'Succeeded', orderId: withdrawn.orderId }] : [];
      const entry = {
        ...journey,
        scenario,
        endpoint: `${server.origin}${endpoint}`,
        /** The token the Store accepts now, per account (`none`: pages without accounts). */
        tokens,
        /** Every token the buyer's account was ever given (a claim with another one is a wrong-account claim). */
        buyerTokens: new Set([tokens[accountTag(ACCOUNTS.buyer)] ?? tokens.none]),
        withdrawn,
        unmatchedReports: 0,
        key: claimKey(journey.trackingId, journey.orderId),
        purchaseCalls: 0,
        purchased: false,
        purchasedAt: undefined,
        claimedAt: undefined,
        /** When a page holding this claim open died (reload, closed tab, offline). */
        deaths: [],
        /** When (page clock) an attempt ended in the client's timeout, by attempt number. */
        timeouts: new Map(),
        history: [],
      };
      entry.native = journaled ? createJournalingHost(journey, { onPurchase: () => entry.purchaseCalls++ }, entries) : undefined;
      journeysById.set(journey.id, entry);
    }
    /** Tokens of generation `n` for a journey, per account. */
    function tokensOf(id, n) {
      if (!accounts) return { none: `soak-token-${id}-${n}` };
      return Object.fromEntries(Object.values(ACCOUNTS).map((account) => [accountTag(account), `soak-token-${id}-${account}-${n}`]));
    }
    const problems = [];
    const twoTabs = batch.kind.startsWith('two-tabs');
    let purchaseStarted = false;
    let reloads = 0;
    const context = await browser.newContext();
    try {
      await context.exposeFunction('soakPlan', (tab) => {
        const buyer = tab === 'a' && !purchaseStarted;
        return {
          journeys: [...journeysById.values()].map(({ id, productId, trackingId, orderId, endpoint, ui, clicks, purchaseDelayMs }) => ({
            id,
            productId,
            trackingId,
            orderId,
            endpoint,
            ui,
            clicks,
            purchaseDelayMs,
          })),
          purchase: buyer,
          reload: buyer ? IN_PAGE_RELOADS[batch.kind] : undefined,
          accounts,
          account: hostAccount,
          // The buying page switches to the other account once its last purchase is being claimed.
          switchTo: buyer && accounts ? ACCOUNTS.other : undefined,
          journal: journaled,
          heldJourney: batch.journeys[0]?.id,
          sabotage: sabotage && batch.id === 0 ? { duplicate: batch.journeys[0].id, lose: batch.journeys[1].id, twice: batch.journeys[2].id } : undefined,
          retry: RETRY,
        };
      });
      await context.exposeFunction('soakToken', (id, account) => journeysById.get(id)?.tokens[accountTag(account)]);
      // A journey's journaling host (journal pages): its answer, or nothing for a page that went away.
      await context.exposeFunction('soakNative', (id, json) => journeysById.get(id)?.native?.answer(json));
      await context.exposeFunction('soakReady', async () => {
        purchaseStarted = true;
        for (const journey of journeysById.values()) {
          if (!journey.rotateToken) continue;
          journey.tokens = tokensOf(journey.id, 2);
          journey.buyerTokens.add(journey.tokens[accountTag(ACCOUNTS.buyer)] ?? journey.tokens.none);
          const response = await fetch(`${server.origin}/mock-store/s/${journey.scenario}/_scenario`, {
            method: 'PATCH',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify({ tokens: Object.values(journey.tokens) }),
          });
          if (!response.ok) problems.push(`token rotation failed: ${response.status}`);
        }
      });
      await context.exposeFunction('soakReport', (event) => {
        const journey = journeysById.get(event.journey);
        switch (event.type) {
          case 'purchase-call':
            if (journey) journey.purchaseCalls++;
            break;
          case 'purchased':
            if (journey && !journey.purchased) [journey.purchased, journey.purchasedAt] = [true, clock()];
            break;
          case 'claim':
            if (!journey) break;
            if (event.code === 'timeout' && event.state !== 'submitting' && !journey.timeouts.has(event.attempts)) journey.timeouts.set(event.attempts, event.at);
            journey.history.push(`${Math.round(clock() - started)}ms ${event.tab}:${event.state}${event.stored ? '(stored)' : ''}${event.code ? `/${event.code}` : ''}`);
            if (!journey.purchased) [journey.purchased, journey.purchasedAt] = [true, clock()];
            if (event.state === 'claimed') journey.claimedAt ??= clock();
            if (event.state === 'failed' && !healsByItself(event)) problems.push(`${event.journey}: claim failed (${event.code})`);
            // Claims are shown and announced only while the account that bought them is current.
            if (accounts && !event.stored && event.account !== ACCOUNTS.buyer) {
              problems.push(`${event.journey}: its claim was announced (${event.state}) while another account was current`);
            }
            break;
          case 'account':
            hostAccount = event.account;
            if (event.account !== ACCOUNTS.buyer) switchedAway = true;
            break;
          case 'unmatched':
            if (journey) journey.unmatchedReports++;
            break;
          case 'reload':
            reloads++;
            diedWhileOpen(event.open, event.at);
            break;
          case 'purchase-error':
          case 'page-error':
          case 'csp-violation':
            problems.push(`${event.tab}/${event.journey ?? '-'}: ${event.type} ${event.message ?? `${event.status} ${event.code}`}`);
            break;
        }
      });
      /** Every journey not claimed yet when a page dies may lose the answer of a POST in flight. */
      const diedWhileOpen = (ids = [], at = clock()) => ids.forEach((id) => journeysById.get(id)?.deaths.push(at));
      const openClaims = (page) => page.evaluate(() => window.soakOpenClaims()).catch(() => [...journeysById.keys()]);

      const open = async (tab) => {
        const page = await context.newPage();
        page.on('pageerror', (error) => problems.push(`${tab}: uncaught ${error.message}`));
        page.on('crash', () => problems.push(`${tab}: the page crashed`));
        page.on('requestfailed', (request) => {
          // A page (or its scripts) that failed to load: the journeys on it cannot resume.
          if (['document', 'script'].includes(request.resourceType())) problems.push(`${tab}: ${request.url()} failed: ${request.failure()?.errorText}`);
        });
        page.on('console', (message) => {
          // Chromium's own network lines are expected with injected faults; anything else is output from script.
          if (!/^Failed to load resource|net::ERR_/.test(message.text())) problems.push(`${tab}: console.${message.type()} ${message.text()}`);
        });
        await page.goto(`${server.origin}/test/soak/soak.html?tab=${tab}`, { timeout: 120_000 });
        return page;
      };
      // The second tab opens first, so it watches the queue from the first write.
      const pageB = twoTabs ? await open('b') : undefined;
      let pageA = await open('a');

      if (journaled) {
        // The page dies while every Store dialog is open; the host journals the purchases; the next page starts.
        await waitFor(() => [...journeysById.values()].every((j) => j.purchaseCalls > 0), 60_000, () => problems.push('purchases did not start'));
        reloads++;
        await pageA.close();
        await waitFor(() => [...journeysById.values()].every((j) => j.native.inDialog() === 0), 60_000, () => problems.push('Store dialogs did not end'));
        pageA = await open('a');
      } else {
        await waitFor(() => [...journeysById.values()].every((j) => j.purchased), 60_000, () => problems.push('purchases did not complete'));
      }
      await sleep(batch.chaosDelayMs);
      // Claims settle only one way (to claimed), so what is open just before the chaos is what it can hit.
      if (batch.kind === 'reload-random') {
        reloads++;
        diedWhileOpen(await openClaims(pageA));
        await pageA.reload({ timeout: 120_000 }).catch((error) => problems.push(`reload: ${error.message}`));
      } else if (batch.kind === 'offline') {
        diedWhileOpen(await openClaims(pageA));
        await context.setOffline(true);
        await sleep(batch.offlineMs);
        await context.setOffline(false);
      } else if (batch.kind === 'two-tabs-close') {
        diedWhileOpen(await openClaims(pageA));
        await pageA.close();
      } else if (accounts) {
        // The other account is current for a while (the page switched when its last claim was written).
        await waitFor(() => switchedAway, 60_000, () => problems.push('the account never switched'));
        await sleep(batch.offlineMs);
        if (batch.kind === 'account-switch-reload') {
          reloads++;
          diedWhileOpen(await openClaims(pageA));
          await pageA.reload({ timeout: 120_000 }).catch((error) => problems.push(`reload: ${error.message}`));
        }
        // The buyer signs in again: the claims that waited are sent now, with the buyer's token.
        await pageA.waitForFunction(() => typeof window.soakSwitchAccount === 'function', undefined, { timeout: 120_000 });
        await pageA.evaluate((account) => window.soakSwitchAccount(account), ACCOUNTS.buyer);
      } else if (batch.kind === 'two-tabs-reload') {
        reloads += 2;
        // One sender per claim at a time: one POST per claim can be cut, whichever tab sent it.
        diedWhileOpen(await openClaims(pageA));
        await Promise.all([pageA.reload({ timeout: 120_000 }), pageB.reload({ timeout: 120_000 })]).catch((error) => problems.push(`reload: ${error.message}`));
      }

      const lostOnPurpose = sabotage && batch.id === 0 ? batch.journeys[1]?.id : undefined;
      await waitFor(
        () => [...journeysById.values()].every((j) => j.claimedAt !== undefined || j.id === lostOnPurpose),
        120_000,
        () => problems.push('claims did not drain'),
      );
      if (journaled && [...journeysById.values()].some((j) => j.native.journal.length > 0)) {
        // The host lost some acknowledgements: the next page is handed those purchases again.
        reloads++;
        await pageA.reload({ timeout: 120_000 }).catch((error) => problems.push(`reload: ${error.message}`));
        await waitFor(() => [...journeysById.values()].every((j) => j.native.journal.length === 0), 60_000, () => problems.push('journal entries never acknowledged'));
      }
      // Let the Store finish what it still holds (a timed-out POST it processes late), and give
      // a wrong re-send the chance to show up, before counting.
      const scenarios = [...journeysById.values()].map((j) => j.scenario);
      await waitFor(async () => (await server.call('busy', scenarios)) === 0, 30_000, () => problems.push('store still busy'));
      await sleep(500 + random() * 500);
    } finally {
      await context.close();
    }

    const claimTimes = [...journeysById.values()].map((j) => j.claimedAt ?? 0);
    const outcome = {
      ...{ id: batch.id, kind: batch.kind, journeys: [], reloads, lastClaimedAt: Math.max(0, ...claimTimes), problems },
      ...{ lost: 0, duplicated: 0, unavoidable: 0, concurrent: 0, doublePurchases: 0, wrongAccount: 0 },
    };
    for (const journey of journeysById.values()) {
      const { accepted, sends, tokens } = await server.call('claim', { scenario: journey.scenario, key: journey.key });
      // Accepted with a token the buyer never had: the claim went to another user.
      const wrongAccount = tokens.filter((token) => !journey.buyerTokens.has(token)).length;
      outcome.wrongAccount += wrongAccount;
      if (wrongAccount) problems.push(`${journey.id}: ${wrongAccount} claim(s) accepted with another account's token`);
      if (journey.withdrawn) await checkWithdrawn(journey, problems);
      sends.sort((a, b) => a.start - b.start);
      // A POST that arrived while an earlier one was still waiting for the answer the client then got.
      const concurrent = sends.filter((send, i) => sends.slice(0, i).some((earlier) => earlier.answeredAt > send.start)).length;
      const extra = Math.max(0, accepted - 1);
      const answered = sends.filter((send) => send.outcome === 200 && send.answeredAt !== undefined);
      const explained = explain(answered, journey);
      const duplicated = Math.min(extra, Math.max(0, answered.length - 1 - explained));
      // A purchase was started and the Store never got its claim (whatever the page saw).
      const lost = journey.purchaseCalls > 0 && accepted === 0 ? 1 : 0;
      outcome.lost += lost;
      outcome.duplicated += duplicated;
      outcome.unavoidable += extra - duplicated;
      outcome.concurrent += concurrent;
      outcome.doublePurchases += Math.max(0, journey.purchaseCalls - 1);
      if (journey.purchaseCalls === 0) problems.push(`${journey.id}: never purchased`);
      else if (!journey.purchased) problems.push(`${journey.id}: the purchase result never reached the page`);
      if (lost || duplicated || concurrent) {
        const at = (t) => `${Math.round(t - started)}ms`;
        const timeline = sends.map((send) => `at ${at(send.start)} ${send.answeredAt === undefined ? 'unanswered' : `answered in ${Math.round(send.answeredAt - send.start)}ms`}→${send.outcome}`).join(', ');
        problems.push(
          `${journey.id}: accepted ${accepted}, answered ${answered.length} (explained ${explained}), timeouts at ${[...journey.timeouts.values()].map(at).join(' ') || '-'}, ` +
            `page deaths at ${journey.deaths.map(at).join(' ') || '-'}, concurrent ${concurrent}, ` +
            `faults ${journey.faultNames.join(' ') || '-'}; ` +
            `POSTs ${timeline}; ` +
            `claim states ${journey.history.slice(0, 30).join(', ')}${journey.history.length > 30 ? ` … (${journey.history.length} changes)` : ''}`,
        );
      }
      outcome.journeys.push({
        id: journey.id,
        faults: journey.faultNames,
        accepted,
        drainMs: journey.claimedAt === undefined ? undefined : journey.claimedAt - journey.purchasedAt,
      });
    }
    return outcome;
  }

  /** The withdrawn offer's journaled purchase: acknowledged, never claimed, reported once. */
  async function checkWithdrawn(journey, problems) {
    const { purchaseId, trackingId, orderId } = journey.withdrawn;
    const { accepted } = await server.call('claim', { scenario: journey.scenario, key: claimKey(trackingId, orderId) });
    if (accepted) problems.push(`${journey.id}: the withdrawn offer's purchase was claimed ${accepted} time(s)`);
    if (journey.native.journal.some((entry) => entry.purchaseId === purchaseId)) problems.push(`${journey.id}: the withdrawn offer's purchase was never acknowledged`);
    if (journey.unmatchedReports !== 1) problems.push(`${journey.id}: purchase-unmatched reported ${journey.unmatchedReports} times, not once`);
  }

  function summarize() {
    const total = (name) => results.reduce((sum, r) => sum + r[name], 0);
    const drains = results
      .flatMap((r) => r.journeys.map((j) => j.drainMs))
      .filter((ms) => ms !== undefined)
      .sort((a, b) => a - b);
    const percentile = (p) => (drains.length ? drains[Math.min(drains.length - 1, Math.floor((p / 100) * drains.length))] : 0);
    return {
      journeys,
      seed: plan.seed,
      lost: total('lost'),
      duplicated: total('duplicated'),
      unavoidable: total('unavoidable'),
      concurrent: total('concurrent'),
      doublePurchases: total('doublePurchases'),
      wrongAccount: total('wrongAccount'),
      reloads: total('reloads'),
      problems: results.flatMap((r) => r.problems.map((p) => `batch ${r.id} (${r.kind}): ${p}`)),
      drainedInSeconds: (Math.max(started, ...results.map((r) => r.lastClaimedAt)) - started) / 1000,
      journeyDrainMs: { p50: percentile(50), p95: percentile(95), max: drains.at(-1) ?? 0 },
      faults: countFaults(results),
      batches: results,
    };
  }
}

/**
 * How many of the accepted POSTs the Store answered over an open connection the page may not have
 * read (one of them ended the claim; the rest need this): answered around a page death (its
 * reload or close asked for up to 3 s before, or up to 15 s after: a loaded page keeps running a
 * while after `location.reload()`), or around an attempt the page saw time out (sent during it,
 * answered up to 3 s after: the browser had not yet torn the request down). Each death or timeout
 * explains one POST at most. What stays unexplained — a POST answered while the page lived and
 * waited, beyond the one that ended the claim — is a duplicate of ours.
 */
function explain(answered, journey) {
  const deaths = [...journey.deaths];
  const timeouts = [...journey.timeouts.values()];
  let explained = 0;
  for (const send of answered) {
    const death = deaths.findIndex((at) => send.answeredAt >= at - 3000 && send.answeredAt <= at + 15_000);
    const timeout = timeouts.findIndex((at) => send.start >= at - 11_000 && send.answeredAt <= at + 3000);
    if (death >= 0) deaths.splice(death, 1);
    else if (timeout >= 0) timeouts.splice(timeout, 1);
    else continue;
    explained++;
  }
  return explained;
}

/** The key of an account in a journey's tokens (`none` on pages without accounts). */
function accountTag(account) {
  return account ?? 'none';
}

function countFaults(results) {
  const counts = {};
  for (const r of results) for (const j of r.journeys) for (const f of j.faults) counts[f] = (counts[f] ?? 0) + 1;
  return counts;
}

async function waitFor(check, ms, onTimeout) {
  const end = clock() + ms;
  while (!(await check())) {
    if (clock() > end) return onTimeout();
    await sleep(50);
  }
}

/** The figures as lines; the last one is the summary line scripts read. */
export function formatSoak(result) {
  const kinds = Object.entries(result.faults)
    .sort()
    .map(([name, n]) => `${name} ${n}`)
    .join(', ');
  return [
    `faults injected: ${kinds}; page reloads ${result.reloads}`,
    `unavoidable re-sends after lost answers: ${result.unavoidable} (the Store processed a POST whose answer never reached the page; the claim was sent again)`,
    `concurrent sends of one claim: ${result.concurrent}`,
    `claims accepted for another account: ${result.wrongAccount}`,
    `time from purchase to claimed per journey: p50 ${Math.round(result.journeyDrainMs.p50)} ms, p95 ${Math.round(result.journeyDrainMs.p95)} ms, max ${Math.round(result.journeyDrainMs.max)} ms`,
    ...(result.problems.length ? [`problems (${result.problems.length}):`, ...result.problems.slice(0, 50).map((p) => `  ${p}`)] : ['problems: none']),
    `soak: ${result.journeys} journeys, lost ${result.lost}, duplicated ${result.duplicated}, double purchases ${result.doublePurchases}, drained in ${result.drainedInSeconds.toFixed(1)} s, seed ${result.seed}`,
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values } = parseArgs({
    options: {
      journeys: { type: 'string' },
      seed: { type: 'string' },
      parallel: { type: 'string' },
      'batch-size': { type: 'string' },
      kinds: { type: 'string' },
    },
  });
  const options = {};
  if (values.journeys) options.journeys = Number(values.journeys);
  if (values.seed ?? process.env.SOAK_SEED) options.seed = Number(values.seed ?? process.env.SOAK_SEED);
  if (values.parallel) options.parallel = Number(values.parallel);
  if (values['batch-size']) options.batchSize = Number(values['batch-size']);
  if (values.kinds) options.kinds = values.kinds.split(',');
  const result = await runSoak({ ...options, log: (line) => console.log(line) });
  for (const line of formatSoak(result)) console.log(line);
  const failed = result.lost || result.duplicated || result.doublePurchases || result.concurrent || result.wrongAccount || result.problems.length;
  process.exitCode = failed ? 1 : 0;
}
