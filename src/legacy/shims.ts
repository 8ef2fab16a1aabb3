/**
 * The few built-ins that Lit, @lit/task and our code use and EdgeHTML 18 lacks, defined only
 * where missing. The legacy bundle evaluates this module first; the modern bundle never includes
 * it. test/bundles/legacy.test.html removes these (and more) from Chromium to prove the list.
 */
const scope = (typeof globalThis === 'undefined' ? self : globalThis) as any;

function define(target: any, name: string, value: unknown) {
  if (!(name in target)) Object.defineProperty(target, name, { value, writable: true, configurable: true });
}

// Lit and lit's polyfill-support read `globalThis` as they load.
define(scope, 'globalThis', scope);
// Lit: flattening `static styles`.
define(Array.prototype, 'flat', function flat(this: unknown[], depth = 1): unknown[] {
  return this.reduce<unknown[]>(
    (flat, item) => flat.concat(Array.isArray(item) && depth >= 1 ? (item as any).flat(depth - 1) : [item]),
    [],
  );
});
// @lit/task: scheduling a run after an update.
define(scope, 'queueMicrotask', (callback: () => void) => {
  Promise.resolve().then(callback);
});
// Our offers parser: Store IDs by product id.
define(Object, 'fromEntries', (entries: Iterable<[PropertyKey, unknown]>) => {
  const object: Record<PropertyKey, unknown> = {};
  for (const [key, value] of entries) object[key] = value;
  return object;
});
// Our offers client: decoding the response body as it streams in. UTF-8 only (all the Store
// sends); bytes are kept until the final decode, and invalid UTF-8 is read as Latin-1 (the
// JSON parse then rejects it as a bad response).
define(
  scope,
  'TextDecoder',
  class TextDecoder {
    private bytes: number[] = [];
    decode(chunk?: Uint8Array, options?: { stream?: boolean }): string {
      if (chunk) for (let i = 0; i < chunk.length; i++) this.bytes.push(chunk[i]!);
      if (options && options.stream) return '';
      let binary = '';
      for (const byte of this.bytes) binary += String.fromCharCode(byte);
      this.bytes = [];
      try {
        return decodeURIComponent(escape(binary));
      } catch {
        return binary;
      }
    }
  },
);

export {};
