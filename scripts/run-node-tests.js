// Runs the Node-side suites (test/node/*.test.js: build outputs, budgets, manifest, types) and
// records the counts for CI in .cache/results/node.json.
import { run } from 'node:test';
import { spec } from 'node:test/reporters';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';

const files = readdirSync('test/node').filter((f) => f.endsWith('.test.js')).map((f) => `test/node/${f}`);
const tally = { passed: 0, failed: 0, skipped: 0 };
const stream = run({ files, concurrency: 1 });
stream.on('test:pass', (t) => { if (t.details?.type !== 'suite') t.skip || t.todo ? tally.skipped++ : tally.passed++; });
stream.on('test:fail', (t) => { if (t.details?.type !== 'suite') tally.failed++; });
stream.compose(spec).pipe(process.stdout);
stream.on('end', () => {
  mkdirSync('.cache/results', { recursive: true });
  writeFileSync('.cache/results/node.json', JSON.stringify(tally));
  console.log(`node: ${tally.passed} passed, ${tally.failed} failed, ${tally.skipped} skipped`);
  process.exitCode = tally.failed ? 1 : 0;
});
