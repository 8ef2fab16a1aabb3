import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));

/** SPEC.md "Package": the runtime stack the library's user chose. */
const STACK = ['@lit/context', '@lit/task', 'jwt-decode', 'ky', 'lit'];

test('package.json: the runtime dependencies are exactly the chosen stack', () => {
  assert.deepEqual(Object.keys(pkg.dependencies).sort(), STACK);
});

test('package.json: sideEffects lists only registration modules and bundles', () => {
  assert.ok(Array.isArray(pkg.sideEffects) && pkg.sideEffects.length > 0);
  for (const entry of pkg.sideEffects) assert.match(entry, /define\.js$|\.define\.js$|bundle\.js$|legacy\//);
});
