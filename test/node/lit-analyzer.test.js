// What Lit users' editors see (lit-plugin in VS Code runs the same analyzer): `lit-analyzer
// --strict` finds no problem in our sources nor in a consumer's Lit template that uses every tag,
// attribute, property and event (test/types/lit-consumer.ts, against the built dist/), and it
// does find the mistakes planted in a copy of that template (so the check can fail).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

/** `lit-analyzer --strict` on `files`: its exit status and output. */
function litAnalyzer(...files) {
  const { status, stdout, stderr } = spawnSync('node_modules/.bin/lit-analyzer', [...files, '--strict'], { encoding: 'utf8' });
  return { status, output: `${stdout}${stderr}` };
}

test('lit-analyzer --strict: no problem in src/', { timeout: 240_000 }, () => {
  const { status, output } = litAnalyzer('src/**/*.ts');
  assert.match(output, /Found 0 problems/, output);
  assert.equal(status, 0);
});

test('lit-analyzer --strict: no problem in a consumer template with every tag, attribute, property and event', { timeout: 240_000 }, () => {
  const { status, output } = litAnalyzer('test/types/lit-consumer.ts');
  assert.match(output, /Found 0 problems in 1 file/, output);
  assert.equal(status, 0);
});

test('lit-analyzer --strict: a misspelt attribute and a wrongly typed property are reported (the check can fail)', { timeout: 240_000 }, () => {
  const dir = 'test/types/.broken';
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  try {
    const source = readFileSync('test/types/lit-consumer.ts', 'utf8');
    const broken = source.replace('dismiss-days="3"', 'dismiss-days="3" dismis-days="3"').replace(".productName=${'Remove ads'}", '.productName=${42}');
    assert.notEqual(broken, source);
    writeFileSync(`${dir}/lit-consumer.ts`, broken);
    const { status, output } = litAnalyzer(`${dir}/lit-consumer.ts`);
    assert.notEqual(status, 0);
    assert.match(output, /Unknown attribute 'dismis-days'/);
    assert.match(output, /Type '42' is not assignable/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
