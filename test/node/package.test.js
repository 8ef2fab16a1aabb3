import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));

/** SPEC.md "Package": the runtime stack the library's user chose. */
const STACK = ['@lit/context', '@lit/task', 'jwt-decode', 'ky', 'lit'];

test('package.json: the runtime dependencies are the chosen stack, ky and jwt-decode among them', () => {
  const dependencies = Object.keys(pkg.dependencies).sort();
  for (const name of dependencies) assert.ok(STACK.includes(name), `${name} is not in the chosen stack`);
  for (const name of ['jwt-decode', 'ky', 'lit']) assert.ok(dependencies.includes(name), `${name} is a dependency`);
});

test('package.json: sideEffects lists only registration modules and bundles', () => {
  assert.ok(Array.isArray(pkg.sideEffects) && pkg.sideEffects.length > 0);
  for (const entry of pkg.sideEffects) assert.match(entry, /define\.js$|\.define\.js$|bundle\.js$|legacy\//);
});
