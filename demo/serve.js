// `npm start`: serves the demo with the embedded mock Store on a fixed port (PORT overrides it),
// under the strict Content-Security-Policy the library promises to work with.
import { startDevServer } from '@web/dev-server';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { createMockStore, mockStoreMiddleware } from '../dist/testing/index.js';

/** No inline script, no eval, Trusted Types required; images only from here or data: URLs. */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "require-trusted-types-for 'script'",
].join('; ');

const port = Number(process.env.PORT || 8765);
await startDevServer({
  config: {
    rootDir: '.',
    port,
    open: false,
    nodeResolve: { exportConditions: ['development'] },
    appIndex: 'demo/index.html',
    middleware: [
      (ctx, next) => {
        ctx.set('Content-Security-Policy', CSP);
        return next();
      },
      mockStoreMiddleware(createMockStore()),
    ],
    plugins: [esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json', target: 'es2022' })],
  },
  readCliArgs: false,
  readFileConfig: false,
  logStartMessage: false,
});
console.log(`store-offer-elements demo: http://localhost:${port}/demo/`);
