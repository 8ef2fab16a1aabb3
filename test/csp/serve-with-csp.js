// Serves a folder under a strict Content-Security-Policy (with Trusted Types) next to a mock
// Store, from a plain node:http server: the CSP test, the soak and the demo's CSP check use it.
// Nothing here is transformed on the fly (no dev-server plugins, no injected inline scripts), so
// what runs in the page is exactly what a WebView app would load: static HTML, the shipped
// bundle and plain modules, all from 'self'.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { readdirSync, statSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { createMockStore } from '../../dist/testing/index.js';
import { buildInMemory, modernBundle } from '../../scripts/build-bundles.js';

/** The policy SPEC.md promises the library works under. */
export const STRICT_CSP = "script-src 'self'; object-src 'none'; base-uri 'none'; require-trusted-types-for 'script'";

/** Where the server collects the browser's violation reports (`report-uri`). */
export const CSP_REPORT_PATH = '/__csp-report';

/** The URL path of the shipped bundle. */
export const BUNDLE_PATH = '/dist/store-offer-elements.bundle.js';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

let built;

/**
 * The shipped bundle's code: `dist/store-offer-elements.bundle.js` when it is newer than every
 * source file, else the same rollup pipeline (scripts/build-bundles.js) run in memory, so a test
 * never runs a stale bundle and never writes into dist/ behind the build's back.
 */
export async function bundleCode() {
  const file = `.${BUNDLE_PATH}`;
  const fresh = mtime(file) > newestSource('src');
  if (fresh) return readFile(file, 'utf8');
  built ??= buildInMemory(modernBundle()).then((result) => result.code);
  return built;
}

/**
 * Starts an HTTP server on 127.0.0.1 that serves `root` (default: the repository) with
 * `Content-Security-Policy: <csp>; report-uri /__csp-report` on every answer, the bundle at
 * {@link BUNDLE_PATH}, a mock Store at `/mock-store` (`store`, default a new one) and whatever
 * `before(req, res)` handles first (resolve `true` when it answered). Every answer closes its
 * connection, so the mock Store's dropped connections reach the page as network errors.
 *
 * @param {object} [options]
 * @param {string} [options.root] folder served at `/`
 * @param {number} [options.port] default: any free port
 * @param {string} [options.csp] the policy (default {@link STRICT_CSP}); `null` for none
 * @param {import('../../dist/testing/index.js').MockStore} [options.store]
 * @param {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => Promise<boolean> | boolean} [options.before]
 * @returns {Promise<{ origin: string, store: import('../../dist/testing/index.js').MockStore, reports: unknown[], close(): Promise<void> }>}
 */
export async function serveWithCsp({ root = '.', port = 0, csp = STRICT_CSP, store = createMockStore(), before } = {}) {
  const base = resolve(root);
  const reports = [];
  const server = createServer(async (req, res) => {
    res.setHeader('Connection', 'close');
    if (csp) res.setHeader('Content-Security-Policy', `${csp}; report-uri ${CSP_REPORT_PATH}`);
    try {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://host.invalid').pathname);
      if (path === CSP_REPORT_PATH && req.method === 'POST') {
        reports.push(JSON.parse(await readAll(req)));
        return end(res, 204);
      }
      if (before && (await before(req, res))) return;
      if (await store.handle(req, res)) return;
      if (path === BUNDLE_PATH) return end(res, 200, await bundleCode(), TYPES['.js']);
      const file = resolve(base, `.${path.endsWith('/') ? `${path}index.html` : path}`);
      if (file !== base && !file.startsWith(base + sep)) return end(res, 403, 'forbidden');
      const info = await stat(file).catch(() => undefined);
      if (!info?.isFile()) return end(res, 404, 'not found');
      end(res, 200, await readFile(file), TYPES[extname(file)] ?? 'application/octet-stream');
    } catch (error) {
      if (!res.headersSent) end(res, 500, String(error));
    }
  });
  await new Promise((ready) => server.listen(port, '127.0.0.1', ready));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    store,
    reports,
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

function end(res, status, body, type = 'text/plain; charset=utf-8') {
  res.statusCode = status;
  res.setHeader('Cache-Control', 'no-store');
  if (body !== undefined) res.setHeader('Content-Type', type);
  res.end(body);
}

async function readAll(req) {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text;
}

function mtime(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (/\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name)) newest = Math.max(newest, mtime(path));
  }
  return newest;
}
