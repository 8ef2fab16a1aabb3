/**
 * The demo's live log: the `store-*` events the page received, the requests the mock Store
 * received and the requests the page sent to the host. Entries are built with `textContent` only.
 * The Store log holds the bearer tokens it saw; they are never shown, only "REDACTED".
 */
import { isStoreOffersError } from '../src/index.js';
import type { MockStoreRequest } from '../src/testing/index.js';

/** Where an entry comes from. */
export type LogSource = 'event' | 'store' | 'host';

export { STORE_EVENTS } from '../src/testing/index.js';

/** The live log list. */
export class DemoLog {
  #start = performance.now();

  constructor(private readonly list: HTMLOListElement) {}

  /** Empties the list and restarts the clock. */
  clear() {
    this.list.replaceChildren();
    this.#start = performance.now();
  }

  /**
   * Adds one entry, in time order; `type` is the event type, HTTP method or host method, `at`
   * the time in ms since the log started (default now).
   */
  add(source: LogSource, type: string, text: string, tone: 'ok' | 'bad' | 'neutral' = 'neutral', at = this.#now()) {
    const item = document.createElement('li');
    item.dataset.source = source;
    item.dataset.type = type;
    item.dataset.at = String(at);
    item.className = `entry ${tone}`;
    const time = document.createElement('span');
    time.className = 'time';
    time.textContent = `${(at / 1000).toFixed(1)}s`;
    const badge = document.createElement('span');
    badge.className = 'badge';
    badge.textContent = source;
    const body = document.createElement('span');
    body.className = 'text';
    const name = document.createElement('b');
    name.textContent = type;
    body.append(name, text ? ` ${text}` : '');
    item.append(time, badge, body);
    const later = [...this.list.children].find((entry) => Number((entry as HTMLElement).dataset.at) > at);
    const atBottom = this.list.scrollTop + this.list.clientHeight >= this.list.scrollHeight - 4;
    this.list.insertBefore(item, later ?? null);
    if (atBottom) this.list.scrollTop = this.list.scrollHeight;
  }

  #now() {
    return Math.round(performance.now() - this.#start);
  }

  /** Logs a `store-*` event with a short summary of its `detail`. */
  event(event: Event) {
    const detail = (event as Event & { detail?: Record<string, unknown> }).detail ?? {};
    const bad = event.type.endsWith('-error') || (event.type === 'store-claim-change' && claimState(detail) === 'failed');
    const good = event.type === 'store-purchase-complete' || (event.type === 'store-claim-change' && claimState(detail) === 'claimed');
    this.add('event', event.type, summarize(detail), bad ? 'bad' : good ? 'ok' : 'neutral');
  }

  /** Milliseconds since the log started. */
  elapsed() {
    return this.#now();
  }

  /**
   * Logs a request the mock Store received, at the time it received it (`request.at` counts from
   * the scenario's creation, `createdAt` on this log's clock): method, path, outcome, and whether
   * a token came, never the token itself.
   */
  storeRequest(request: MockStoreRequest, createdAt: number) {
    const ok = typeof request.outcome === 'number' && request.outcome < 300;
    const auth = request.token === null ? 'no token' : 'Bearer REDACTED';
    this.add('store', request.method, `${request.path} → ${request.outcome} · ${auth}`, ok ? 'ok' : 'bad', createdAt + request.at);
  }

  /** Logs an event the host posted to the page (such as `account-changed`), with a note for people. */
  hostEvent(event: string, data: object, note: string) {
    this.add('host', event, `${JSON.stringify(data)} · ${note}`);
  }

  /** Logs a request the page sent to the host (requests carry no token; answers are not shown). */
  hostRequest(message: unknown) {
    const { method, params } = (message ?? {}) as { method?: string; params?: unknown };
    const text = JSON.stringify(params ?? {});
    this.add('host', String(method), text === '{}' ? '' : text);
  }
}

function claimState(detail: Record<string, unknown>) {
  return (detail.claim as { state?: string } | undefined)?.state;
}

/** `key: value` pairs of an event detail; errors as `code: message`, offers as their count and ids. */
function summarize(detail: Record<string, unknown>): string {
  return Object.entries(detail)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => {
      if (isStoreOffersError(value)) return `error: ${value.code} (${value.message})`;
      if (key === 'offers' && Array.isArray(value)) {
        return `offers: ${value.length} [${value.map((offer: { offers: string[] }) => offer.offers.join(', ')).join(' | ')}]`;
      }
      if (key === 'claim' && value && typeof value === 'object') {
        const { state, productId, attempts } = value as { state: string; productId: string; attempts: number };
        return `claim: ${state} (${productId}, attempts ${attempts})`;
      }
      if (key === 'trackingId' && typeof value === 'string') return `trackingId: ${value.slice(0, 8)}…`;
      return `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`;
    })
    .join(' · ');
}
