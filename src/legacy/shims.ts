/**
 * The few built-ins that Lit, ky and our code use and EdgeHTML 18 lacks, defined only
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
// ky: `new TextEncoder()` when it loads (it measures upload sizes with it). UTF-8 only, as the
// standard one.
export class Utf8Encoder {
  readonly encoding = 'utf-8';
  encode(text = ''): Uint8Array {
    // encodeURIComponent writes UTF-8 as %XX escapes; unescape turns each into one byte.
    const binary = unescape(encodeURIComponent(text));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }
}
define(scope, 'TextEncoder', Utf8Encoder);

/** U+FFFD, what a decoder puts in place of bytes that are not UTF-8. */
const REPLACEMENT = 0xfffd;
/** Code points from here on are written as two UTF-16 units. */
const SUPPLEMENTARY = 0x10000;
/** Units passed to one `String.fromCharCode` call (engines cap the number of arguments). */
const CHAR_CODES_PER_CALL = 8192;
/** The range of a continuation byte (10xxxxxx), before a lead byte narrows it. */
const CONTINUATION = { lower: 0x80, upper: 0xbf };

/** The UTF-16 units of `codePoint`, added to `units`. */
function pushCodePoint(units: number[], codePoint: number) {
  if (codePoint < SUPPLEMENTARY) {
    units.push(codePoint);
    return;
  }
  const offset = codePoint - SUPPLEMENTARY;
  units.push(0xd800 + (offset >> 10), 0xdc00 + (offset & 0x3ff));
}

// Our offers client: the offers body it read, as text. UTF-8 only, as the standard one, and by
// the standard's algorithm (encoding.spec.whatwg.org, "UTF-8 decoder"): the same text, the same
// U+FFFD for each ill-formed part.
export class Utf8Decoder {
  readonly encoding = 'utf-8';
  decode(bytes: Uint8Array = new Uint8Array(0)): string {
    const units: number[] = [];
    let codePoint = 0;
    let needed = 0;
    let seen = 0;
    let { lower, upper } = CONTINUATION;
    // A leading byte order mark is dropped, as the standard decoder does.
    let index = bytes[0] == 0xef && bytes[1] == 0xbb && bytes[2] == 0xbf ? 3 : 0;
    while (index < bytes.length) {
      const byte = bytes[index];
      if (needed == 0) {
        index++;
        if (byte <= 0x7f) {
          units.push(byte);
        } else if (byte >= 0xc2 && byte <= 0xdf) {
          needed = 1;
          codePoint = byte & 0x1f;
        } else if (byte >= 0xe0 && byte <= 0xef) {
          // No overlong forms, no surrogates.
          if (byte == 0xe0) lower = 0xa0;
          if (byte == 0xed) upper = 0x9f;
          needed = 2;
          codePoint = byte & 0x0f;
        } else if (byte >= 0xf0 && byte <= 0xf4) {
          // No overlong forms, nothing above U+10FFFF.
          if (byte == 0xf0) lower = 0x90;
          if (byte == 0xf4) upper = 0x8f;
          needed = 3;
          codePoint = byte & 0x07;
        } else {
          units.push(REPLACEMENT);
        }
        continue;
      }
      if (byte < lower || byte > upper) {
        // The sequence so far is one error; this byte starts afresh (it is read again).
        units.push(REPLACEMENT);
        needed = 0;
        seen = 0;
        ({ lower, upper } = CONTINUATION);
        continue;
      }
      index++;
      ({ lower, upper } = CONTINUATION);
      codePoint = (codePoint << 6) | (byte & 0x3f);
      seen++;
      if (seen == needed) {
        pushCodePoint(units, codePoint);
        needed = 0;
        seen = 0;
      }
    }
    // A sequence cut off by the end.
    if (needed) units.push(REPLACEMENT);
    let text = '';
    // In slices: fromCharCode takes its units as arguments, and engines cap how many.
    for (let start = 0; start < units.length; start += CHAR_CODES_PER_CALL) {
      text += String.fromCharCode(...units.slice(start, start + CHAR_CODES_PER_CALL));
    }
    return text;
  }
}
define(scope, 'TextDecoder', Utf8Decoder);

// ky: merging options and checking them.
define(Object, 'hasOwn', (object: object, key: PropertyKey) => Object.prototype.hasOwnProperty.call(object, key));

// ky: the protocol check of a URL given as text (always called with a global RegExp there).
export function replaceAll(this: string, search: string | RegExp, replacement: string): string {
  if (search instanceof RegExp) {
    if (!search.global) throw new TypeError('replaceAll must be called with a global RegExp');
    return this.replace(search, replacement);
  }
  // Text as a global RegExp of itself: the same matches (the empty string too) and `$` patterns.
  return this.replace(new RegExp(String(search).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g'), replacement);
}
define(String.prototype, 'replaceAll', replaceAll);

/**
 * `AbortSignal#reason`: what `abort(reason)` was called with (an `AbortError` without one).
 * EdgeHTML 18's `abort()` takes no reason, so the controller's `abort` keeps it here.
 */
const reasons = new WeakMap<AbortSignal, unknown>();

function abortError(): Error {
  const error = new Error('signal is aborted without reason');
  error.name = 'AbortError';
  return error;
}

if (!('reason' in AbortSignal.prototype)) {
  const nativeAbort = AbortController.prototype.abort;
  // ky and our code read why a signal aborted (the user's reason ends up as an error's cause).
  define(AbortController.prototype, 'abort', function abort(this: AbortController, reason?: unknown) {
    if (!this.signal.aborted) reasons.set(this.signal, reason === undefined ? abortError() : reason);
    nativeAbort.call(this);
  });
  Object.defineProperty(AbortSignal.prototype, 'reason', {
    configurable: true,
    get(this: AbortSignal) {
      return this.aborted ? (reasons.get(this) ?? abortError()) : undefined;
    },
  });
}
// ky: its retry delay stops at once on an aborted signal.
define(AbortSignal.prototype, 'throwIfAborted', function throwIfAborted(this: AbortSignal) {
  if (this.aborted) throw this.reason;
});

/**
 * `AbortSignal.any`: a signal that aborts when the first of `signals` does, with its reason. ky
 * combines the caller's signal with its own timeout through it; without it, ky's timeout rejects
 * but the request goes on.
 */
export function anySignal(signals: Iterable<AbortSignal>): AbortSignal {
  const controller = new AbortController();
  const list = Array.from(signals);
  const stop = (signal: AbortSignal) => {
    for (const each of list) each.removeEventListener('abort', onAbort);
    controller.abort(signal.reason);
  };
  function onAbort(this: AbortSignal) {
    stop(this);
  }
  const aborted = list.find((signal) => signal.aborted);
  if (aborted) controller.abort(aborted.reason);
  else for (const signal of list) signal.addEventListener('abort', onAbort);
  return controller.signal;
}
define(AbortSignal, 'any', anySignal);

/** A held lease is renewed this often; one not renewed for `LEASE_MS` (its tab crashed or closed) is void. */
const HEARTBEAT_MS = 10_000;
const LEASE_MS = 30_000;
/** How often a request that waits for a lock looks again. */
const POLL_MS = 50;

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
      const ifAvailable = typeof options == 'function' ? false : options.ifAvailable === true;
      const run = (typeof options == 'function' ? options : callback)!;
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
        if (held.has(name)) return true;
        const lease = holder();
        if (!lease || lease.owner == owner) return false;
        // A lease due further away than a lease lasts was written under a clock since set back: void.
        const due = (lease.due as number) - Date.now();
        return due > 0 && due <= LEASE_MS;
      };
      while (taken()) {
        if (ifAvailable) return run(null);
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
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
        return await run({ name, mode: 'exclusive' });
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
