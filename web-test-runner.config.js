// Tests run in Debian's Chromium against the real mock Store (served by this same server).
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter, summaryReporter } from '@web/test-runner';
import { createMockStore, mockStoreMiddleware } from './dist/testing/index.js';
import { consoleGuardPlugin, countingReporter } from './scripts/wtr-plugins.js';
import { chromiumPath, chromiumArgs } from './scripts/chromium.js';
import { protocolValidatorPlugin } from './scripts/protocol-validator.js';
import { accessibilityTreePlugin, bringToFrontPlugin, forcedColorsPlugin } from './scripts/wtr-commands.js';

export default {
  // test/bundles/*.test.html: the shipped bundles' smoke suites (legacy: polyfills forced).
  files: ['src/**/*.test.ts', 'test/**/*.test.ts', 'test/bundles/*.test.html'],
  nodeResolve: { exportConditions: ['development'] },
  concurrency: 2,
  concurrentBrowsers: 1,
  testFramework: { config: { timeout: 10000 } },
  testsFinishTimeout: 10 * 60 * 1000,
  browsers: [
    chromeLauncher({
      launchOptions: { executablePath: chromiumPath(), headless: true, args: chromiumArgs },
    }),
  ],
  middleware: [mockStoreMiddleware(createMockStore())],
  plugins: [esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json', target: 'es2022' }), consoleGuardPlugin(), protocolValidatorPlugin(), forcedColorsPlugin(), bringToFrontPlugin(), accessibilityTreePlugin()],
  reporters: [defaultReporter(), summaryReporter({ flatten: false }), countingReporter('wtr')],
};
