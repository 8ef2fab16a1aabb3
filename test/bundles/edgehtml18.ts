/**
 * Makes Chromium lack what EdgeHTML 18 lacks (as far as the library could use it), so the legacy
 * bundle's smoke suite fails on any unguarded use. Call it after the test harness has loaded and
 * before the legacy bundle; it returns the function that puts everything back.
 */
type Target = Record<string, unknown>;

const MISSING: [target: object, name: string][] = [
  [globalThis, 'globalThis'],
  [Object, 'fromEntries'],
  [Object, 'hasOwn'],
  [Object, 'groupBy'],
  [Array.prototype, 'flat'],
  [Array.prototype, 'flatMap'],
  [Array.prototype, 'at'],
  [Array.prototype, 'findLast'],
  [Array.prototype, 'findLastIndex'],
  [Array.prototype, 'toSorted'],
  [String.prototype, 'at'],
  [String.prototype, 'matchAll'],
  [String.prototype, 'replaceAll'],
  [String.prototype, 'trimStart'],
  [String.prototype, 'trimEnd'],
  [Promise, 'allSettled'],
  [Promise, 'any'],
  [Promise, 'withResolvers'],
  [AbortSignal, 'timeout'],
  [AbortSignal, 'any'],
  [AbortSignal, 'abort'],
  [AbortSignal.prototype, 'throwIfAborted'],
  [AbortSignal.prototype, 'reason'],
  [Crypto.prototype, 'randomUUID'],
  [HTMLElement.prototype, 'attachInternals'],
  [Element.prototype, 'replaceChildren'],
  [globalThis, 'queueMicrotask'],
  [globalThis, 'structuredClone'],
  [globalThis, 'TextEncoder'],
  [globalThis, 'TextDecoder'],
  [globalThis, 'ElementInternals'],
  [globalThis, 'CustomStateSet'],
  [globalThis, 'ResizeObserver'],
  [globalThis, 'BroadcastChannel'],
  [globalThis, 'requestIdleCallback'],
  [globalThis, 'reportError'],
  [globalThis, 'WeakRef'],
  [globalThis, 'FinalizationRegistry'],
  [Navigator.prototype, 'locks'],
];

/** Removes the built-ins EdgeHTML 18 does not have; returns the restore function. */
export function removeWhatEdgeHtml18Lacks(): () => void {
  const removed: [Target, string, PropertyDescriptor][] = [];
  for (const [target, name] of MISSING) {
    const descriptor = Object.getOwnPropertyDescriptor(target, name);
    if (!descriptor) continue;
    delete (target as Target)[name];
    removed.push([target as Target, name, descriptor]);
  }
  return () => {
    for (const [target, name, descriptor] of removed.reverse()) Object.defineProperty(target, name, descriptor);
  };
}
