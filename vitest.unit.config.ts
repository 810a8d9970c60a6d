import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

// `npm run test:unit`: the pure rules, the renderer's pure modules and the services over real
// SQLite files — everything that needs neither a token module (SoftHSM2, the simulator) nor a
// browser, so it runs on any developer machine, Windows included, with no global setup.
export default defineConfig({
  test: {
    name: 'unit',
    testTimeout: 60_000,
    include: [
      'tests/unit/**/*.test.ts',
      'tests/integration/workspace-*.test.ts',
      'tests/integration/store-*.test.ts',
    ],
    alias: {
      electron: fileURLToPath(new URL('./tests/support/electron-mock.ts', import.meta.url)),
    },
  },
});
