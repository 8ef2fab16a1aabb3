import { expect } from '@open-wc/testing';
import { isStoreOffersError, StoreOffersError } from './errors.js';
import { createTokenProvider, isTokenProvider } from './token-provider.js';

/** A token function that records its calls and resolves each one when the test says so. */
function manualSource() {
  const calls: Array<{ options: { forceRefresh?: boolean } | undefined; resolve(token: unknown): void; reject(error: unknown): void }> = [];
  const source = (options?: { forceRefresh?: boolean }) =>
    new Promise<string>((resolve, reject) => calls.push({ options, resolve: resolve as (token: unknown) => void, reject }));
  return { source, calls };
}

async function rejection(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (!isStoreOffersError(error)) throw error;
    return error;
  }
  throw new Error('expected a rejection');
}

describe('createTokenProvider', () => {
  it('hands out a string source as is', async () => {
    expect(await createTokenProvider('tok').get()).to.equal('tok');
  });

  it('asks a function once for many gets, and again on forceRefresh', async () => {
    const calls: unknown[] = [];
    const tokens = createTokenProvider(async (options) => {
      calls.push(options);
      return `token-${calls.length}`;
    });
    expect(await tokens.get()).to.equal('token-1');
    expect(await tokens.get()).to.equal('token-1');
    expect(await tokens.get()).to.equal('token-1');
    expect(await tokens.get({ forceRefresh: true })).to.equal('token-2');
    expect(await tokens.get()).to.equal('token-2');
    expect(calls).to.deep.equal([{ forceRefresh: false }, { forceRefresh: true }]);
  });

  it('shares one request between concurrent gets, and one between concurrent refreshes', async () => {
    const { source, calls } = manualSource();
    const tokens = createTokenProvider(source);
    const first = Promise.all([tokens.get(), tokens.get(), tokens.get()]);
    expect(calls).to.have.length(1);
    calls[0]!.resolve('a');
    expect(await first).to.deep.equal(['a', 'a', 'a']);

    const refreshed = Promise.all([tokens.get({ forceRefresh: true }), tokens.get({ forceRefresh: true }), tokens.get()]);
    expect(calls).to.have.length(2);
    expect(calls[1]!.options).to.deep.equal({ forceRefresh: true });
    calls[1]!.resolve('b');
    expect(await refreshed).to.deep.equal(['b', 'b', 'b']);
  });

  it('does not let an older request overwrite a refreshed token', async () => {
    const { source, calls } = manualSource();
    const tokens = createTokenProvider(source);
    const stale = tokens.get();
    const fresh = tokens.get({ forceRefresh: true });
    expect(calls).to.have.length(2);
    calls[1]!.resolve('fresh');
    calls[0]!.resolve('stale');
    expect(await fresh).to.equal('fresh');
    expect(await stale).to.equal('stale');
    expect(await tokens.get()).to.equal('fresh');
    expect(calls).to.have.length(2);
  });

  it('does not cache a failure: the next get asks again', async () => {
    let calls = 0;
    const tokens = createTokenProvider(async () => {
      if (++calls === 1) throw new Error('sign-in window closed');
      return 'tok';
    });
    const error = await rejection(tokens.get());
    expect(error.code).to.equal('no-token');
    expect((error.cause as Error).message).to.equal('sign-in window closed');
    expect(await tokens.get()).to.equal('tok');
  });

  it("uses the host's getToken when there is no source, keeping its host-* codes", async () => {
    const asked: unknown[] = [];
    const host = {
      getToken: async (options?: { forceRefresh?: boolean }) => {
        asked.push(options);
        if (asked.length > 1) throw new StoreOffersError('host-timeout', 'getToken timed out');
        return 'host-token';
      },
    };
    const tokens = createTokenProvider(undefined, host);
    expect(await tokens.get()).to.equal('host-token');
    expect((await rejection(tokens.get({ forceRefresh: true }))).code).to.equal('host-timeout');
    expect(asked).to.deep.equal([{ forceRefresh: false }, { forceRefresh: true }]);
  });

  it('prefers the source over the host', async () => {
    const host = { getToken: async () => 'host-token' };
    expect(await createTokenProvider('own', host).get()).to.equal('own');
  });

  it('rejects with no-token when there is neither a source nor a host getToken', async () => {
    expect((await rejection(createTokenProvider(undefined).get())).code).to.equal('no-token');
    expect((await rejection(createTokenProvider(undefined, {}).get())).code).to.equal('no-token');
  });

  for (const [value, said] of [
    ['', 'gave an empty string'],
    [123, 'gave number instead of a string'],
    [null, 'gave null instead of a string'],
    [undefined, 'gave undefined instead of a string'],
  ] as const) {
    it(`rejects with no-token when the source ${said}`, async () => {
      const error = await rejection(createTokenProvider(async () => value as unknown as string).get());
      expect(error.code).to.equal('no-token');
      expect(error.message).to.contain(said);
    });
  }
  it('rejects an empty string source with no-token', async () => {
    expect((await rejection(createTokenProvider('').get())).code).to.equal('no-token');
  });

  it('rejects with no-token a token fetch cannot put in a header, and keeps one it can', async () => {
    for (const token of ['   ', 'S3CR3T\r\nX-Injected: 1', 'S3CR3T\0', 'S3CR3T\u2028', 'S3CR3T€']) {
      const error = await rejection(createTokenProvider(token).get());
      expect([error.code, error.message.includes('S3CR3T')], JSON.stringify(token)).to.deep.equal(['no-token', false]);
    }
    // fetch strips the whitespace around a header value: a token read with its line break still works.
    expect(await createTokenProvider('tok\n').get()).to.equal('tok\n');
  });

  it('refreshes once for two 401s of the same token, and again for a 401 of the refreshed one', async () => {
    let asked = 0;
    const tokens = createTokenProvider(async () => `token-${++asked}`);
    const first = await tokens.get();
    const refreshed = await tokens.get({ forceRefresh: true, rejected: first });
    // The second request sent with the first token comes back 401 after the refresh was done.
    expect(await tokens.get({ forceRefresh: true, rejected: first })).to.equal(refreshed);
    expect(await tokens.get({ forceRefresh: true, rejected: refreshed })).to.equal('token-3');
  });

  it("stops one caller's wait on abort without cancelling the shared request", async () => {
    const { source, calls } = manualSource();
    const tokens = createTokenProvider(source);
    const controller = new AbortController();
    const aborted = tokens.get({ signal: controller.signal });
    const other = tokens.get();
    controller.abort();
    expect((await rejection(aborted)).code).to.equal('aborted');
    calls[0]!.resolve('tok');
    expect(await other).to.equal('tok');
    expect(calls).to.have.length(1);
  });

  it('does not ask the source when the signal is already aborted', async () => {
    const { source, calls } = manualSource();
    const error = await rejection(createTokenProvider(source).get({ signal: AbortSignal.abort() }));
    expect(error.code).to.equal('aborted');
    expect(calls).to.have.length(0);
  });
});

describe('isTokenProvider', () => {
  it('tells a provider from a token source', () => {
    expect(isTokenProvider(createTokenProvider('t'))).to.equal(true);
    expect(isTokenProvider('t')).to.equal(false);
    expect(isTokenProvider(async () => 't')).to.equal(false);
    expect(isTokenProvider(null)).to.equal(false);
    expect(isTokenProvider(undefined)).to.equal(false);
  });
});
