// `npm test`: the browser suites (web-test-runner in Chromium), then the Node suites.
// Runs both even when the first fails, and exits non-zero if either failed.
import { spawnSync } from 'node:child_process';

const suites = [
  ['npx', ['wtr']],
  ['node', ['scripts/run-node-tests.js']],
];
let failed = false;
for (const [command, args] of suites) {
  const { status } = spawnSync(command, args, { stdio: 'inherit' });
  if (status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
