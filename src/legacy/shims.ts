/**
 * The few built-ins that Lit, @lit/task, ky and our code use and EdgeHTML 18 lacks, defined only
 * where missing. The legacy bundle evaluates this module first; the modern bundle never includes
 * it. test/bundles/legacy.test.html removes these (and more) from Chromium to prove the list.
 */
const scope = (typeof globalThis === 'undefined' ? self : globalThis) as any;

function define(target: any, name: string, value: unknown) {
  if (!(name in target)) Object.defineProperty(target, name, { value, writable: true, configurable: true });
}

// Lit, ky and lit's polyfill-support read `globalThis` as they load.
define(scope, 'globalThis', scope);
// ky: merging options and headers.
define(Object, 'fromEntries', (entries: Iterable<[PropertyKey, unknown]>) => {
  const object: Record<PropertyKey, unknown> = {};
  for (const [key, value] of entries) object[key] = value;
  return object;
});
define(Object, 'hasOwn', (object: object, key: PropertyKey) => Object.prototype.hasOwnProperty.call(object, key));
// Lit: flattening `static styles`.
define(Array.prototype, 'flat', function flat(this: unknown[], depth = 1): unknown[] {
  return this.reduce<unknown[]>(
    (flat, item) => flat.concat(Array.isArray(item) && depth >= 1 ? (item as any).flat(depth - 1) : [item]),
    [],
  );
});
// Our host adapters: reading product lists.
define(Array.prototype, 'flatMap', function flatMap(this: unknown[], map: (item: unknown, index: number, array: unknown[]) => unknown) {
  return this.map(map, arguments[1]).flat();
});
// ky: the last of several abort signals.
define(Array.prototype, 'at', function at(this: unknown[], index: number) {
  const i = Math.trunc(index) || 0;
  return this[i < 0 ? this.length + i : i];
});
// @lit/task: scheduling a run after an update.
define(scope, 'queueMicrotask', (callback: () => void) => {
  Promise.resolve().then(callback);
});
// ky: measuring request bodies (it creates one encoder when it loads).
define(
  scope,
  'TextEncoder',
  class TextEncoder {
    readonly encoding = 'utf-8';
    encode(text = '') {
      const bytes = unescape(encodeURIComponent(text));
      return Uint8Array.from(bytes, (c) => c.charCodeAt(0));
    }
  },
);

export {};
