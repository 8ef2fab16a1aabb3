// Size budgets (brotli, quality 11), enforced in CI. Reads the built bundle, so `npm run build`
// must have run (`.ci/run` builds before testing). `npm run size` shows what each module costs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BUDGETS, BUILT, buildOwnCode, kib, readBuilt, sizes } from '../../scripts/size.js';

function report(t, name, s, budget) {
  t.diagnostic(`${name}: ${s.min} B min, ${s.gzip} B gzip, ${s.brotli} B brotli (${kib(s.brotli)} of ${kib(budget)})`);
}

test(`budget: the full bundle is at most ${kib(BUDGETS.full)} brotli`, (t) => {
  const full = sizes(readBuilt(BUILT.full));
  report(t, BUILT.full, full, BUDGETS.full);
  assert.ok(full.brotli <= BUDGETS.full, `${kib(full.brotli)} > ${kib(BUDGETS.full)}: see \`npm run size\``);
});

test(`budget: our own code (lit, @lit/task, jwt-decode external) is at most ${kib(BUDGETS.own)} brotli`, async (t) => {
  const own = sizes((await buildOwnCode()).code);
  report(t, 'own code', own, BUDGETS.own);
  assert.ok(own.brotli <= BUDGETS.own, `${kib(own.brotli)} > ${kib(BUDGETS.own)}: see \`npm run size\``);
});
