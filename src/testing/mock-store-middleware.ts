import type { MockStore, MockStoreHttpRequest, MockStoreHttpResponse } from './mock-store.js';

/** The slice of a Koa context that @web/dev-server and @web/test-runner middleware receive. */
interface KoaLikeContext {
  req: MockStoreHttpRequest;
  res: MockStoreHttpResponse;
  respond?: boolean;
}

/**
 * Mounts a mock Store in @web/dev-server or @web/test-runner:
 * `middleware: [mockStoreMiddleware(createMockStore())]`.
 */
export function mockStoreMiddleware(store: MockStore) {
  return async (ctx: KoaLikeContext, next: () => Promise<unknown>) => {
    // No keep-alive on this server: a browser transparently resends a request whose *reused*
    // connection closed without an answer, which would hide the `drop` faults from the client.
    ctx.res.setHeader('Connection', 'close');
    // Koa must not touch the raw response we write (or destroy) ourselves.
    const handled = await store.handle(ctx.req, ctx.res);
    if (handled) ctx.respond = false;
    else await next();
  };
}
