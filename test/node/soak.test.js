// The reduced fault-injection soak inside `npm test`: 56 journeys, one page of each kind
// (test/soak/plan.js), a fixed seed (SOAK_SEED overrides it); and the counters' self-check.
// `npm run soak` runs 1 000.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatSoak, runSoak } from '../soak/soak.js';
import { BATCH_KINDS } from '../soak/plan.js';

const seed = Number(process.env.SOAK_SEED || 20260115);

test('soak: 56 purchase → claim journeys under injected faults lose nothing and duplicate nothing', { timeout: 10 * 60_000 }, async () => {
  const result = await runSoak({ journeys: 56, seed, parallel: 4, batchSize: 7 });
  const lines = formatSoak(result);
  for (const line of lines) console.log(line);
  assert.equal(result.batches.length, BATCH_KINDS.length, 'one page of each kind');
  assert.deepEqual(result.problems, []);
  assert.equal(result.lost, 0, 'claims lost');
  assert.equal(result.duplicated, 0, 'claims accepted again because of our code');
  assert.equal(result.concurrent, 0, 'two sends of one claim at once');
  assert.equal(result.doublePurchases, 0, 'purchases started twice');
  assert.ok(result.reloads >= 6, `the page reloads happened (${result.reloads})`);
  assert.match(lines.at(-1), /^soak: 56 journeys, lost 0, duplicated 0, double purchases 0, drained in \d+\.\d s, seed \d+$/);
});

test('soak: the counters see claims sent again after success, sent twice at once, and a purchase never claimed', { timeout: 5 * 60_000 }, async () => {
  const result = await runSoak({ journeys: 3, seed, kinds: ['calm'], sabotage: true });
  const report = formatSoak(result).join('\n');
  assert.equal(result.duplicated, 3, report);
  assert.equal(result.concurrent, 1, report);
  assert.equal(result.lost, 1, report);
  assert.equal(result.doublePurchases, 0, report);
});
