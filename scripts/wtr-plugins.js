// Test-runner plumbing: the console guard in every test file, and the pass/fail counts for CI.
import { mkdirSync, writeFileSync } from 'node:fs';

/** Prepends the console guard to every test file, so console noise fails the test that made it. */
export function consoleGuardPlugin() {
  return {
    name: 'console-guard',
    transform(context) {
      if (/\.test\.ts$/.test(context.path)) {
        return { body: `import '/test/setup/console-guard.ts';\n${context.body}` };
      }
    },
  };
}

function count(results, tally) {
  for (const test of results?.tests ?? []) {
    if (test.skipped) tally.skipped++;
    else if (test.passed) tally.passed++;
    else tally.failed++;
  }
  for (const suite of results?.suites ?? []) count(suite, tally);
}

/** Writes `.cache/results/<name>.json` ({ passed, failed, skipped }) and prints the counts. */
export function countingReporter(name) {
  return {
    onTestRunFinished({ sessions }) {
      const tally = { passed: 0, failed: 0, skipped: 0 };
      for (const session of sessions) {
        count(session.testResults, tally);
        // A file that failed to load or threw outside a test counts as one failure.
        if (!session.passed && (session.errors?.length || !session.testResults)) tally.failed++;
      }
      mkdirSync('.cache/results', { recursive: true });
      writeFileSync(`.cache/results/${name}.json`, JSON.stringify(tally));
      console.log(`${name}: ${tally.passed} passed, ${tally.failed} failed, ${tally.skipped} skipped`);
    },
  };
}
