// Size budgets (brotli, quality 11), enforced in CI. Reads the built bundle, so `npm run build`
// must have run (`.ci/run` builds before testing). `npm run size` shows what each module costs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BUDGETS, BUILT, CEILINGS, buildOwnCode, kib, readBuilt, sizes } from '../../scripts/size.js';

function report(t, name, s, budget, ceiling) {
  t.diagnostic(
    `${name}: ${s.min} B min, ${s.gzip} B gzip, ${s.brotli} B brotli (${kib(s.brotli)}; ceiling ${kib(ceiling)}, target ${kib(budget)})`,
  );
}

test(`budget: the full bundle is at most ${kib(CEILINGS.full)} brotli (ratchet; target ${kib(BUDGETS.full)})`, (t) => {
  const full = sizes(readBuilt(BUILT.full));
  report(t, BUILT.full, full, BUDGETS.full, CEILINGS.full);
  assert.ok(full.brotli <= CEILINGS.full, `${kib(full.brotli)} > ${kib(CEILINGS.full)}: see \`npm run size\``);
});

test(`budget: our own code (lit external) is at most ${kib(CEILINGS.own)} brotli (ratchet; target ${kib(BUDGETS.own)})`, async (t) => {
  const own = sizes((await buildOwnCode()).code);
  report(t, 'own code', own, BUDGETS.own, CEILINGS.own);
  assert.ok(own.brotli <= CEILINGS.own, `${kib(own.brotli)} > ${kib(CEILINGS.own)}: see \`npm run size\``);
});
