/**
 * Providers configured the way frameworks do it, the legacy lease locks
 * against the real Web Locks, refresh() races.
 */
import { expect, waitUntil } from '@open-wc/testing';
import type { StoreOffers } from '../src/components/store-offers/store-offers.js';
import { createClaimQueue } from '../src/core/claims/claim-queue.js';
import { createOffersClient } from '../src/core/offers-client.js';
import { functionHost } from '../src/core/host/function-host.js';
import { leaseLocks } from '../src/legacy/shims.js';
import { createMockStoreSession } from '../src/testing/mock-store-client.js';
import '../src/define.js';

const RAW = { offers: ['coins'], trackingId: '5de5dd29-6dce-4e68-b45e-d8ee6c2cd203' };
const unique = (what: string) => `races-${what}-${Math.random().toString(36).slice(2)}`;

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.reverse()) cleanup();
  cleanups = [];
});
function removeKeys(fragment: string) {
  cleanups.push(() => {
    for (let i = localStorage.length - 1; i >= 0; i--) if (localStorage.key(i)!.includes(fragment)) localStorage.removeItem(localStorage.key(i)!);
  });
}

describe('providers configured the way frameworks do it', () => {
  it('claimOptions set right after the provider is inserted (as @lit/react does, in a layout effect) are used', async () => {
    const key = unique('react-claims');
    removeKeys(key);
    // A claim the app stored earlier under its own key.
    const earlier = createClaimQueue({ key });
    earlier.enqueue({ storeOffer: { ...RAW, raw: RAW }, productId: 'coins', receipt: 'order-earlier' });
    earlier.dispose();

    const el = document.createElement('store-offers') as StoreOffers;
    const status = document.createElement('store-claim-status');
    el.append(status);
    document.body.append(el);
    cleanups.push(() => el.remove());
    // @lit/react: the element is in the DOM (React's commit), then useLayoutEffect sets the props.
    el.claimOptions = { key, retry: { baseDelay: 3_600_000, maxDelay: 3_600_000 } };
    el.claims = 'auto';
    await el.updateComplete;
    await (status as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    expect(status.shadowRoot!.querySelector('[part~=label]'), 'the app’s stored claim shows').not.to.equal(null);
  });

  it('refresh() called twice: the first call does not resolve while its load was superseded and still loading', async () => {
    const session = await createMockStoreSession({ offers: [RAW], faults: [{ method: 'GET', delayMs: 300 }, { method: 'GET', delayMs: 300 }] });
    const el = document.createElement('store-offers') as StoreOffers;
    el.endpoint = session.endpoint;
    el.token = 'token';
    el.host = functionHost({ purchase: async () => ({ status: 'not-purchased' }) });
    el.claims = 'off';
    document.body.append(el);
    cleanups.push(() => el.remove());
    await waitUntil(() => el.status === 'ready', 'never ready', { timeout: 5000 });
    const first = el.refresh();
    const second = el.refresh();
    await first;
    const statusAfterFirst = el.status;
    await second;
    expect(statusAfterFirst, 'status when the first refresh() resolved').to.equal('ready');
  });
});

describe('leaseLocks (EdgeHTML 18) next to the real navigator.locks', () => {
  it('a lease left by a crashed tab under a clock that was set back does not block the claim far beyond the lease time', async () => {
    const key = unique('clock');
    removeKeys(key);
    const session = await createMockStoreSession({ offers: [RAW] });
    const crashed = createClaimQueue({ key, locks: leaseLocks() as unknown as LockManager });
    const { id } = crashed.enqueue({ storeOffer: { ...RAW, raw: RAW }, productId: 'coins', receipt: 'order-clock' });
    crashed.dispose();
    const record = JSON.parse(localStorage.getItem(`${key}:${id}`)!);
    localStorage.setItem(`${key}:${id}`, JSON.stringify({ ...record, state: 'submitting', attempts: 1 }));
    // The crashed tab's last lease, written when the clock was a day ahead (since set right).
    localStorage.setItem(`lock:${key}:${id}`, JSON.stringify({ owner: 'crashed', due: Date.now() + 86_400_000 }));
    const next = createClaimQueue({ key, retry: { baseDelay: 5, maxDelay: 50 }, locks: leaseLocks() as unknown as LockManager });
    cleanups.push(() => next.dispose());
    next.connect(createOffersClient({ endpoint: session.endpoint, token: 't' }));
    const end = Date.now() + 2000;
    while (Date.now() < end && next.claims()[0]?.state !== 'claimed') {
      next.resume();
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(next.claims()[0]?.state).to.equal('claimed');
  });

  it('navigator.locks.request(name, callback) — the two-argument form apps use — works on the shim as on the real API', async () => {
    const name = unique('two-args');
    removeKeys(name);
    const real = await navigator.locks.request(`${name}-real`, async (lock) => lock?.name);
    let shim: unknown;
    try {
      shim = await (leaseLocks() as unknown as LockManager).request(`${name}-shim`, async (lock) => lock?.name);
    } catch (error) {
      shim = String(error);
    }
    expect([real, shim]).to.deep.equal([`${name}-real`, `${name}-shim`]);
  });

  it('a request without ifAvailable waits for the holder, as navigator.locks does (not null at once)', async () => {
    const name = unique('wait');
    removeKeys(name);
    const results: Record<string, unknown> = {};
    for (const [label, locks] of [
      ['real', navigator.locks],
      ['shim', leaseLocks() as unknown as LockManager],
    ] as const) {
      let release!: () => void;
      const held = locks.request(`${name}-${label}`, () => new Promise<void>((r) => (release = r)));
      await new Promise((r) => setTimeout(r, 10));
      const waiting = locks.request(`${name}-${label}`, async (lock) => lock?.name ?? null);
      setTimeout(() => release(), 30);
      results[label] = await waiting;
      await held;
    }
    expect(results).to.deep.equal({ real: `${name}-real`, shim: `${name}-shim` });
  });
});
