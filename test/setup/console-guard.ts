/**
 * Imported first by every test file (see scripts/wtr-plugins.js). Any console output, uncaught
 * error or unhandled rejection fails the test during which it happened, except Lit's one-time
 * dev-mode notice and what a test declares with `expectConsole`.
 */
const ALWAYS_ALLOWED = [/^Lit is in dev mode/];
const problems: string[] = [];
let expected: RegExp[] = [];

for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
  const original = console[level].bind(console);
  console[level] = (...args: unknown[]) => {
    const text = args.map((a) => (a instanceof Error ? `${a.name}: ${a.message}` : String(a))).join(' ');
    if (![...ALWAYS_ALLOWED, ...expected].some((re) => re.test(text))) problems.push(`console.${level}: ${text}`);
    original(...args);
  };
}
addEventListener('error', (e) => problems.push(`uncaught: ${e.message}`));
addEventListener('unhandledrejection', (e) => problems.push(`unhandled rejection: ${String(e.reason)}`));

/** Allows console output matching `pattern` until the end of the current test. */
export function expectConsole(pattern: RegExp) {
  expected.push(pattern);
}

afterEach(function consoleGuard() {
  expected = [];
  const found = problems.splice(0);
  if (found.length) throw new Error(`Unexpected console output or errors:\n${found.join('\n')}`);
});
