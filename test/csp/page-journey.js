// What the two journey pages (test/csp/csp-page.js and test/dotnet-e2e/page.js) share: waiting
// for what the page shows, and writing a journey's outcome into #result as JSON for the Node test
// that reads it.

/** Resolves with `check()`'s first truthy value, polled every 20 ms; throws after `ms`. */
export async function until(check, ms = 20_000) {
  const end = Date.now() + ms;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${check}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Writes `{ ok: true, ...result }` or `{ ok: false, error }` into #result once `journey` settles,
 * with `extra()` (what the page observed meanwhile) added either way.
 */
export function reportJourney(journey, extra = () => ({})) {
  const output = document.getElementById('result');
  journey.then(
    (result) => (output.textContent = JSON.stringify({ ok: true, ...result, ...extra() })),
    (error) => (output.textContent = JSON.stringify({ ok: false, error: `${error?.name}: ${error?.message}`, ...extra() })),
  );
}
