// Size ceilings (brotli, quality 11), enforced in CI: a ratchet set in one place, CEILINGS in
// scripts/size.js. Reads the built bundle, so `npm run build` must have run (`.ci/run` builds
// before testing). `npm run size` shows what each module costs and the ratios to the peers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BUILT, CEILINGS, TARGETS, buildOwnCode, kib, readBuilt, sizes } from '../../scripts/size.js';

function report(t, name, s, ceiling, target) {
  t.diagnostic(`${name}: ${s.min} B min, ${s.gzip} B gzip, ${s.brotli} B brotli (${kib(s.brotli)}; ceiling ${kib(ceiling)}, target ${target})`);
}

test(`budget: the full bundle is at most ${kib(CEILINGS.full)} brotli (ratchet)`, (t) => {
  const full = sizes(readBuilt(BUILT.full));
  report(t, BUILT.full, full, CEILINGS.full, `${TARGETS.fullPerCordova}× cordova-plugin-purchase`);
  assert.ok(full.brotli <= CEILINGS.full, `${kib(full.brotli)} > ${kib(CEILINGS.full)}: see \`npm run size\``);
});

test(`budget: our own code (runtime deps external) is at most ${kib(CEILINGS.own)} brotli (ratchet)`, async (t) => {
  const own = sizes((await buildOwnCode()).code);
  report(t, 'own code', own, CEILINGS.own, kib(TARGETS.own));
  assert.ok(own.brotli <= CEILINGS.own, `${kib(own.brotli)} > ${kib(CEILINGS.own)}: see \`npm run size\``);
});
