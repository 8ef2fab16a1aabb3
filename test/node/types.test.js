// The package's types as a consumer sees them: `tsc --noEmit -p test/types/tsconfig.json` compiles
// test/types/*.ts(x) against the built dist/ through package.json "exports" (tags, properties,
// typed events, the React wrappers and the JSX typing of the raw tags). Their `@ts-expect-error`
// lines must stay errors; a copy with one of them removed must fail to compile.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { typecheck } from '../../scripts/typecheck.js';

test('types: the consumer files compile against the built package', () => {
  const { status, output } = typecheck('test/types/tsconfig.json');
  assert.equal(output, '');
  assert.equal(status, 0);
});

test('types: a wrong consumer does not compile (the check can fail)', () => {
  const dir = '.cache/types-broken';
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  cpSync('test/types/react-dom-client.d.ts', `${dir}/react-dom-client.d.ts`);
  writeFileSync(`${dir}/tsconfig.json`, JSON.stringify({ extends: '../../test/types/tsconfig.json', include: ['*.ts', '*.tsx'] }));
  const lines = readFileSync('test/types/consumer.ts', 'utf8').split('\n');
  const expectation = lines.findIndex((line) => line.includes('@ts-expect-error a token is a string'));
  assert.ok(expectation > 0);
  lines.splice(expectation, 1);
  writeFileSync(`${dir}/consumer.ts`, lines.join('\n'));

  const { status, output } = typecheck(`${dir}/tsconfig.json`);
  assert.notEqual(status, 0);
  assert.match(output, new RegExp(`consumer\\.ts\\(${expectation + 1},\\d+\\): error TS2322: Type '42' is not assignable`));
});
