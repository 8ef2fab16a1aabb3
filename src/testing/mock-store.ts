/**
 * A faithful local stand-in for the Store's targeted-offers endpoint (STORE-API.md §1), with
 * fault injection and a request log. One implementation serves the tests, the demo and users'
 * own tests. It has no Node imports, so it runs from plain `node:http`, @web/dev-server and
 * @web/test-runner alike.
 *
 * Every test or demo page works in its own *scenario* (isolated offers, tokens, faults and log):
 *
 * | request | does |
 * |---|---|
 * | `POST {prefix}/scenarios` body {@link MockStoreScenario} | creates one → `{ id, endpoint }` |
 * | `GET|POST {prefix}/s/<id>/v2.0/my/storeoffers/user` | the Store endpoint |
 * | `PATCH {prefix}/s/<id>/_scenario` body partial scenario | changes offers/tokens/fulfilled |
 * | `POST {prefix}/s/<id>/_faults` body `MockStoreFault[]` | queues faults (used in order) |
 * | `GET {prefix}/s/<id>/_log` | → {@link MockStoreLog} |
 *
 * **No CORS, as the real endpoint.** Microsoft documents no CORS for the Store endpoint, so the
 * mock sends no `Access-Control-*` header at all, and a preflight (`OPTIONS`, which carries no
 * token) is answered 401 like any request without one. Reached from another origin (the same
 * server under its other loopback name: `crossOriginEndpoint` of mock-store-client.ts), it is a
 * CORS-less cross-origin Store, as a WebView2 virtual host or `ms-appx-web://` page sees the real
 * one: direct requests fail there, host-carried ones (`storeRequest`) work.
 */

/** One injected fault; consumed by the next matching request(s). */
export interface MockStoreFault {
  /** Only requests with this method match (default: any). */
  method?: 'GET' | 'POST';
  /** How many matching requests this fault applies to (default 1). */
  times?: number;
  /** Wait this long before answering (or before dropping). */
  delayMs?: number;
  /** Answer with this status instead of the normal answer. */
  status?: number;
  /** Answer with this raw body (e.g. malformed JSON); with `status` defaults to 200. */
  body?: string;
  /** Repeat `body` this many times (for huge bodies). */
  repeat?: number;
  /** Content type of `body` (default `application/json`). */
  contentType?: string;
  /** A `Retry-After` header value (seconds or HTTP date). */
  retryAfter?: string;
  /**
   * Destroy the connection without an answer: `before` the request is processed (a POST is
   * not recorded as a claim), or `after` it was processed (the claim IS recorded, the client
   * never learns it).
   */
  drop?: 'before' | 'after';
}

/** The state of one scenario. */
export interface MockStoreScenario {
  /** The GET 200 body, any JSON (either wire shape, or something hostile). Default `[]`. */
  offers?: unknown;
  /** Accepted bearer tokens; empty or missing = any non-empty token. */
  tokens?: string[];
  /** Faults queued from the start. */
  faults?: MockStoreFault[];
}

/** One request as the mock saw it. */
export interface MockStoreRequest {
  method: string;
  /** Path without the scenario prefix, e.g. `/v2.0/my/storeoffers/user`. */
  path: string;
  /** The bearer token sent (the mock is test code: it records it so tests can check it). */
  token: string | null;
  contentType: string | null;
  body: string;
  /** What the mock did: an HTTP status, or `dropped-before` / `dropped-after`. */
  outcome: number | 'dropped-before' | 'dropped-after';
  /** Milliseconds since the scenario was created. */
  at: number;
}

/** A claim the mock accepted (processed successfully, whether or not the answer arrived). */
export interface MockStoreClaim {
  storeOffer: unknown;
  receipt: string;
  token: string | null;
}

/** What `GET …/_log` returns. */
export interface MockStoreLog {
  requests: MockStoreRequest[];
  claims: MockStoreClaim[];
}

/** The minimal request shape the handler needs (Node's `IncomingMessage` fits). */
export interface MockStoreHttpRequest extends AsyncIterable<unknown> {
  method?: string;
  url?: string;
  headers: Record<string, string | string[] | undefined>;
}

/** The minimal response shape the handler needs (Node's `ServerResponse` fits). */
export interface MockStoreHttpResponse {
  statusCode: number;
  setHeader(name: string, value: string): unknown;
  end(body?: string): unknown;
  destroy?(): unknown;
  socket?: { destroy(): unknown } | null;
}

/** Options of {@link createMockStore}. */
export interface MockStoreOptions {
  /** Path prefix the mock owns (default `/mock-store`). */
  prefix?: string;
  /** Largest request body accepted, in bytes (default 1 MiB). */
  maxBodyBytes?: number;
}

/** The Store path under a scenario. */
export const MOCK_STORE_API_PATH = '/v2.0/my/storeoffers/user';

interface ScenarioState {
  offers: unknown;
  tokens: string[];
  faults: Array<MockStoreFault & { left: number }>;
  log: MockStoreLog;
  createdAt: number;
}

/** A mock Store: call `handle(req, res)` from any Node HTTP server. */
export interface MockStore {
  /** Handles the request if it is under the prefix; resolves `false` when it is not ours. */
  handle(req: MockStoreHttpRequest, res: MockStoreHttpResponse): Promise<boolean>;
  /** Creates a scenario from Node code (tests of the demo server, the soak). */
  createScenario(scenario?: MockStoreScenario): { id: string; endpoint: string };
  /** The log of a scenario, from Node code. */
  log(id: string): MockStoreLog | undefined;
}

/** Creates an in-memory mock Store. */
export function createMockStore(options: MockStoreOptions = {}): MockStore {
  const prefix = options.prefix ?? '/mock-store';
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;
  const scenarios = new Map<string, ScenarioState>();
  let counter = 0;

  function createScenario(scenario: MockStoreScenario = {}) {
    const id = `${Date.now().toString(36)}-${(counter++).toString(36)}`;
    scenarios.set(id, {
      offers: scenario.offers ?? [],
      tokens: scenario.tokens ?? [],
      faults: (scenario.faults ?? []).map((f) => ({ ...f, left: f.times ?? 1 })),
      log: { requests: [], claims: [] },
      createdAt: Date.now(),
    });
    return { id, endpoint: `${prefix}/s/${id}${MOCK_STORE_API_PATH}` };
  }

  async function handle(req: MockStoreHttpRequest, res: MockStoreHttpResponse): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://mock.invalid');
    if (url.pathname !== prefix && !url.pathname.startsWith(prefix + '/')) return false;
    const rest = url.pathname.slice(prefix.length);
    const method = (req.method ?? 'GET').toUpperCase();
    res.setHeader('Cache-Control', 'no-store');
    // See mockStoreMiddleware: no reused connections, so dropped connections reach the client.
    res.setHeader('Connection', 'close');

    let body: string;
    try {
      body = await readBody(req, maxBodyBytes);
    } catch {
      send(res, 413, { error: 'body too large' });
      return true;
    }

    if (rest === '/scenarios' && method === 'POST') {
      const parsed = parseJson(body);
      send(res, 201, createScenario(isObject(parsed) ? (parsed as MockStoreScenario) : {}));
      return true;
    }

    const match = /^\/s\/([^/]+)(\/.*)$/.exec(rest);
    const state = match ? scenarios.get(match[1]!) : undefined;
    if (!match || !state) {
      send(res, 404, { error: 'unknown mock-store scenario' });
      return true;
    }
    const path = match[2]!;

    if (path === '/_log' && method === 'GET') {
      send(res, 200, state.log);
    } else if (path === '/_faults' && method === 'POST') {
      const faults = parseJson(body);
      if (!Array.isArray(faults)) return send(res, 400, { error: 'expected an array of faults' }), true;
      state.faults.push(...faults.map((f: MockStoreFault) => ({ ...f, left: f.times ?? 1 })));
      send(res, 204);
    } else if (path === '/_scenario' && method === 'PATCH') {
      const patch = parseJson(body);
      if (!isObject(patch)) return send(res, 400, { error: 'expected an object' }), true;
      const p = patch as MockStoreScenario;
      if ('offers' in p) state.offers = p.offers;
      if (p.tokens) state.tokens = p.tokens;
      send(res, 204);
    } else if (path === MOCK_STORE_API_PATH) {
      await serveStore(state, method, path, req, res, body);
    } else {
      send(res, 404, { error: 'not found' });
    }
    return true;
  }

  function log(id: string) {
    return scenarios.get(id)?.log;
  }

  return { handle, createScenario, log };
}

async function serveStore(
  state: ScenarioState,
  method: string,
  path: string,
  req: MockStoreHttpRequest,
  res: MockStoreHttpResponse,
  body: string,
) {
  const auth = header(req, 'authorization');
  const token = auth?.startsWith('Bearer ') ? auth.slice(7) : null;
  const entry: MockStoreRequest = {
    method,
    path,
    token,
    contentType: header(req, 'content-type'),
    body,
    outcome: 200,
    at: Date.now() - state.createdAt,
  };
  state.log.requests.push(entry);

  if (method === 'OPTIONS') {
    // A CORS preflight: no token, no CORS headers; the browser then refuses the request itself.
    entry.outcome = 401;
    send(res, 401, { code: 'Unauthorized', message: 'The token could not be validated.' });
    return;
  }
  const fault = takeFault(state, method);
  if (fault?.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));

  if (fault?.drop === 'before') {
    entry.outcome = 'dropped-before';
    return drop(res);
  }
  if (fault && fault.drop !== 'after' && (fault.status !== undefined || fault.body !== undefined)) {
    entry.outcome = fault.status ?? 200;
    res.statusCode = entry.outcome;
    if (fault.retryAfter !== undefined) res.setHeader('Retry-After', fault.retryAfter);
    res.setHeader('Content-Type', fault.contentType ?? 'application/json');
    res.end((fault.body ?? '').repeat(fault.repeat ?? 1));
    return;
  }

  const [status, answer] = answerStore(state, method, token, entry);
  if (fault?.drop === 'after') {
    entry.outcome = 'dropped-after';
    return drop(res);
  }
  entry.outcome = status;
  send(res, status, answer);
}

/** The normal (fault-free) behaviour of the Store endpoint. */
function answerStore(
  state: ScenarioState,
  method: string,
  token: string | null,
  entry: MockStoreRequest,
): [number, unknown?] {
  if (!token || (state.tokens.length > 0 && !state.tokens.includes(token))) {
    return [401, { code: 'Unauthorized', message: 'The token could not be validated.' }];
  }
  if (method === 'GET') return [200, state.offers];
  if (method !== 'POST') return [405, { message: 'method not allowed' }];
  if (!entry.contentType?.startsWith('application/json')) return [415, { message: 'expected JSON' }];
  const claim = parseJson(entry.body);
  if (!isValidClaim(claim)) return [400, { message: 'expected { storeOffer, receipt }' }];
  state.log.claims.push({ storeOffer: claim.storeOffer, receipt: claim.receipt, token });
  return [200];
}

function isValidClaim(value: unknown): value is { storeOffer: unknown; receipt: string } {
  if (!isObject(value)) return false;
  const { storeOffer, receipt } = value as { storeOffer?: unknown; receipt?: unknown };
  return (
    isObject(storeOffer) &&
    Array.isArray((storeOffer as { offers?: unknown }).offers) &&
    typeof (storeOffer as { trackingId?: unknown }).trackingId === 'string' &&
    typeof receipt === 'string' &&
    receipt.length > 0
  );
}

function takeFault(state: ScenarioState, method: string) {
  const index = state.faults.findIndex((f) => !f.method || f.method === method);
  if (index < 0) return undefined;
  const fault = state.faults[index]!;
  if (--fault.left <= 0) state.faults.splice(index, 1);
  return fault;
}

function drop(res: MockStoreHttpResponse) {
  if (res.socket) res.socket.destroy();
  else res.destroy?.();
}

function send(res: MockStoreHttpResponse, status: number, body?: unknown) {
  res.statusCode = status;
  if (body === undefined) {
    res.end();
    return;
  }
  res.setHeader('Content-Type', 'application/json');
  res.end(JSON.stringify(body));
}

function header(req: MockStoreHttpRequest, name: string): string | null {
  const value = req.headers[name];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

async function readBody(req: MockStoreHttpRequest, max: number): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  let size = 0;
  for await (const chunk of req) {
    const bytes = chunk as Uint8Array;
    size += bytes.byteLength;
    if (size > max) throw new Error('too large');
    text += decoder.decode(bytes, { stream: true });
  }
  return text + decoder.decode();
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
