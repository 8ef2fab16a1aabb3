// `npm start`: serves the demo with the embedded mock Store on a fixed port.
import { startDevServer } from '@web/dev-server';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { createMockStore, mockStoreMiddleware } from '../dist/testing/index.js';

const port = Number(process.env.PORT || 8765);
await startDevServer({
  config: {
    rootDir: '.',
    port,
    open: false,
    nodeResolve: { exportConditions: ['development'] },
    appIndex: 'demo/index.html',
    middleware: [mockStoreMiddleware(createMockStore())],
    plugins: [esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json', target: 'es2022' })],
  },
  readCliArgs: false,
  readFileConfig: false,
  logStartMessage: false,
});
console.log(`store-offer-elements demo: http://localhost:${port}/demo/`);
