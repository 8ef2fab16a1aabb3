import type { MockStoreFault, MockStoreLog, MockStoreScenario } from './mock-store.js';

/** A scenario on a running mock Store, driven from browser (or Node) code over HTTP. */
export interface MockStoreSession {
  /** Absolute URL of this scenario's Store endpoint: pass it as `endpoint`. */
  readonly endpoint: string;
  /** Queues faults for the next matching requests. */
  addFaults(...faults: MockStoreFault[]): Promise<void>;
  /** Changes the offers or the accepted tokens. */
  update(patch: Omit<MockStoreScenario, 'faults'>): Promise<void>;
  /** Everything the mock received and the claims it accepted. */
  log(): Promise<MockStoreLog>;
}

/**
 * Creates an isolated scenario on a mock Store served at `origin` (default: the page's origin)
 * under `prefix` (default `/mock-store`).
 */
export async function createMockStoreSession(
  scenario: MockStoreScenario = {},
  { origin = globalThis.location?.origin, prefix = '/mock-store' }: { origin?: string; prefix?: string } = {},
): Promise<MockStoreSession> {
  const created = await call<{ id: string; endpoint: string }>(`${origin}${prefix}/scenarios`, 'POST', scenario);
  const base = `${origin}${prefix}/s/${created.id}`;
  return {
    endpoint: `${origin}${created.endpoint}`,
    addFaults: (...faults) => call(`${base}/_faults`, 'POST', faults),
    update: (patch) => call(`${base}/_scenario`, 'PATCH', patch),
    log: () => call<MockStoreLog>(`${base}/_log`, 'GET'),
  };
}

async function call<T = void>(url: string, method: string, body?: unknown): Promise<T> {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`mock-store ${method} ${url} → ${response.status}`);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

/** The loopback names of one test server: each is a different origin for the browser. */
const LOOPBACK_NAMES = { localhost: '127.0.0.1', '127.0.0.1': 'localhost' } as const;

/**
 * `endpoint` on the same server under its other loopback name (`localhost` ↔ `127.0.0.1`): a
 * different origin, where the mock Store is a CORS-less cross-origin Store (see mock-store.ts).
 * Throws for an endpoint on another host name.
 */
export function crossOriginEndpoint(endpoint: string): string {
  const url = new URL(endpoint);
  const other = LOOPBACK_NAMES[url.hostname as keyof typeof LOOPBACK_NAMES];
  if (!other) throw new Error(`${url.hostname} is not a loopback name this mock knows`);
  url.hostname = other;
  return url.href;
}
