/**
 * The few built-ins that Lit and our code use and EdgeHTML 18 lacks, defined only
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
// Our claim queue: reporting a subscriber that threw, as an uncaught error.
define(scope, 'reportError', (error: unknown) => {
  setTimeout(() => {
    throw error;
  });
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

/** A held lease is renewed this often; one not renewed for `LEASE_MS` (its tab crashed or closed) is void. */
const HEARTBEAT_MS = 10_000;
const LEASE_MS = 30_000;

/** A lock as the callback gets it. */
interface Lock {
  name: string;
  mode: 'exclusive';
}

/**
 * `navigator.locks` as far as the claim queue (and an app that feature-detects it) uses it:
 * exclusive locks, `request(name, callback)` or `request(name, { ifAvailable }, callback)`. With
 * `ifAvailable` the callback gets `null` at once when the lock is taken; without, the request
 * waits for it (looking again every 50 ms). A lock is a lease in `storage` (default
 * `localStorage`, read when a lock is asked) under `lock:<name>`, `{ owner, due }`: renewed every
 * 10 s while the callback runs, removed after it, void 30 s after its last renewal, so a crashed
 * tab's lock ends by itself. Exact between requests of one document; best effort between tabs
 * (storage has no compare-and-set), where the Store's receipt keying absorbs a rare double claim.
 */
export function leaseLocks(storage?: Storage) {
  const owner = Math.random().toString(36).slice(2);
  const held = new Set<string>();
  return {
    async request(
      name: string,
      options: { ifAvailable?: boolean } | ((lock: Lock | null) => unknown),
      callback?: (lock: Lock | null) => unknown,
    ): Promise<unknown> {
      // request(name, callback), as apps may call the global it becomes.
      if (typeof options == 'function') [callback, options] = [options, {}];
      const area = storage ?? localStorage;
      const key = 'lock:' + name;
      const holder = () => {
        try {
          return JSON.parse(area.getItem(key)!) as { owner?: unknown; due?: unknown } | null;
        } catch {
          return null;
        }
      };
      const taken = () => {
        const lease = holder();
        // A lease due further away than a lease lasts was written under a clock since set back: void.
        const due = (lease?.due as number) - Date.now();
        return held.has(name) || (lease && lease.owner != owner && due > 0 && due <= LEASE_MS);
      };
      while (taken()) {
        if (options.ifAvailable) return callback!(null);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const write = () => area.setItem(key, JSON.stringify({ owner, due: Date.now() + LEASE_MS }));
      write();
      held.add(name);
      const timer = setInterval(() => {
        try {
          // Renewed while it is ours: when it ran out and another tab took the lock, it is theirs.
          if ((holder() ?? { owner }).owner == owner) write();
        } catch {
          // Storage gone or full: the lease runs out, as a crashed tab's would.
        }
      }, HEARTBEAT_MS);
      try {
        return await callback!({ name, mode: 'exclusive' });
      } finally {
        clearInterval(timer);
        held.delete(name);
        try {
          if (holder()?.owner == owner) area.removeItem(key);
        } catch {
          // The lease runs out by itself.
        }
      }
    },
  };
}

// Our claim queue: one sender per claim across tabs.
define(navigator, 'locks', leaseLocks());
