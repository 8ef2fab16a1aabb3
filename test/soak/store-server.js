// The soak's mock Store, served under the strict CSP from its own worker thread: the driver's
// thread is busy with Playwright (bindings, pages, contexts), and a Store that shares its event
// loop answers late — late enough, on a loaded machine, for the page's 10 s timeout to fire first
// and for a socket the client already closed to look open. In its own thread the Store answers
// when the request arrives, and what it records (when each POST came, whether its answer went to
// an open connection) is what the page saw.
//
// Import `startStoreServer()` from the driver; the same file is the worker's code.
import { isMainThread, parentPort, Worker } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';

/** Milliseconds on a clock both threads share (`performance.now()` starts anew in each thread). */
export const clock = () => performance.timeOrigin + performance.now();

const STORE_PATH = /^\/mock-store\/s\/([^/]+)\/v2\.0\/my\/storeoffers\/user$/;

/** `trackingId\nreceipt`: what names a claim. */
export function claimKey(trackingId, receipt) {
  return `${trackingId}\n${receipt}`;
}

function keyOfBody(body) {
  try {
    const { storeOffer, receipt } = JSON.parse(body);
    return claimKey(storeOffer?.trackingId, receipt);
  } catch {
    return undefined;
  }
}

/**
 * Starts the Store thread; resolves with `{ origin, call(type, args), close() }`. Calls:
 * `scenario` (a MockStoreScenario → `{ id, endpoint }`), `busy` (scenario ids → requests still
 * being handled), `claim` (`{ scenario, key }` → `{ accepted, tokens, sends: [{ start, answeredAt, outcome }] }`: the
 * token of each accepted claim).
 */
export function startStoreServer() {
  const worker = new Worker(new URL(import.meta.url));
  const pending = new Map();
  let next = 0;
  worker.on('message', ({ id, result, error }) => {
    const settle = pending.get(id);
    pending.delete(id);
    if (error) settle?.reject(new Error(error));
    else settle?.resolve(result);
  });
  const call = (type, args) =>
    new Promise((resolve, reject) => {
      const id = next++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ id, type, args });
    });
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    call('start').then(({ origin }) =>
      resolve({
        origin,
        call,
        close: async () => {
          await call('close');
          await worker.terminate();
        },
      }),
    );
  });
}

async function serveInThisThread() {
  const { serveWithCsp } = await import('../csp/serve-with-csp.js');
  const { createMockStore } = await import('../../dist/testing/index.js');
  const store = createMockStore();
  const sends = new Map(); // claim key → [{ start, answeredAt, outcome }]
  const busy = new Map(); // scenario id → requests being handled
  let server;

  /** Sees every Store request before the mock Store does: which claim a POST carries, when and how it was answered. */
  async function track(req, res) {
    const match = STORE_PATH.exec(new URL(req.url ?? '/', 'http://host.invalid').pathname);
    if (!match) return false;
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const body = Buffer.concat(chunks);
    const scenario = match[1];
    let send;
    if (req.method === 'POST') {
      // When the POST arrived, and when the Store answered it over a connection still open (never,
      // when the Store dropped it or the client had given up: then the client was no longer waiting).
      send = { start: clock(), answeredAt: undefined, outcome: undefined };
      const end = res.end.bind(res);
      res.end = (...args) => {
        if (res.socket && !res.socket.destroyed) send.answeredAt = clock();
        return end(...args);
      };
      const key = keyOfBody(body.toString());
      if (!sends.has(key)) sends.set(key, []);
      sends.get(key).push(send);
    }
    busy.set(scenario, (busy.get(scenario) ?? 0) + 1);
    try {
      const replay = { method: req.method, url: req.url, headers: req.headers, async *[Symbol.asyncIterator]() { if (body.length) yield body; } };
      // The whole body is in hand, so the Store logs this request before any other is handled: at this index.
      const index = store.log(scenario)?.requests.length ?? 0;
      await store.handle(replay, res);
      if (send) send.outcome = store.log(scenario)?.requests[index]?.outcome;
    } finally {
      busy.set(scenario, busy.get(scenario) - 1);
    }
    return true;
  }

  const calls = {
    async start() {
      server = await serveWithCsp({ store, before: track });
      return { origin: server.origin };
    },
    scenario: (scenario) => store.createScenario(scenario),
    busy: (scenarios) => scenarios.reduce((sum, id) => sum + (busy.get(id) ?? 0), 0),
    claim: ({ scenario, key }) => {
      const accepted = (store.log(scenario)?.claims ?? []).filter((c) => claimKey(c.storeOffer?.trackingId, c.receipt) === key);
      // The token of each accepted claim says whose account the Store credited.
      return { accepted: accepted.length, tokens: accepted.map((c) => c.token), sends: sends.get(key) ?? [] };
    },
    close: () => server?.close(),
  };
  parentPort.on('message', async ({ id, type, args }) => {
    try {
      parentPort.postMessage({ id, result: await calls[type](args) });
    } catch (error) {
      parentPort.postMessage({ id, error: String(error?.stack ?? error) });
    }
  });
}

if (!isMainThread) await serveInThisThread();
