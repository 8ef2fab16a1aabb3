// Runs `tsc --noEmit -p <project>` with the repository's TypeScript; for the Node suites that
// compile consumer code (test/types, the README's code blocks).
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

/** Compiles `project`; `{ status, output }` (the diagnostics, empty when clean). */
export function typecheck(project) {
  const { status, stdout, stderr } = spawnSync(process.execPath, [tsc, '--noEmit', '--pretty', 'false', '-p', project], { encoding: 'utf8' });
  return { status, output: (stdout + stderr).trim() };
}
