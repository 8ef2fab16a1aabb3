// Starts the demo exactly as `npm start` does (`node demo/serve.js`, after the build), on a free
// port, for the demo's browser test and the README screenshot.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

/** A port nobody listens on right now. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Runs `node demo/serve.js` with `PORT` set and resolves once it printed its URL:
 * `{ url, stop() }`. Rejects when the server exits first or prints nothing for `timeout` ms.
 */
export async function startDemo({ timeout = 30_000 } = {}) {
  const port = await freePort();
  const child = spawn(process.execPath, ['demo/serve.js'], {
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`the demo printed no URL in ${timeout} ms:\n${output}`)), timeout);
    const fail = (error) => {
      clearTimeout(timer);
      child.kill();
      reject(error);
    };
    const read = (chunk) => {
      output += chunk;
      const match = /demo: (http:\/\/localhost:\d+\/demo\/)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code) => fail(new Error(`the demo server exited (${code}):\n${output}`)));
  });
  return {
    url,
    port,
    /** Everything the server printed so far. */
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill();
      }),
  };
}
