import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

// Unit and integration tests run in parallel forks; end-to-end tests run two files at a time
// beside them. The end-to-end files spend most of their time waiting (on the token's signing
// delay, the service's review, the browser), so two lanes roughly halve the suite on two cores
// without starving anything; every wait in them is for a condition, never a fixed time.
export default defineConfig({
  test: {
    globalSetup: ['tests/support/global-setup.ts'],
    reporters: ['default', ['json', { outputFile: '.tmp/vitest-report.json' }]],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Polls wait for what a person would see; on a loaded two-core machine that can take seconds.
    expect: { poll: { timeout: 15_000, interval: 50 } },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: [
            'tests/unit/**/*.test.ts',
            'tests/integration/**/*.test.ts',
            'tests/native/**/*.test.ts',
            'tests/server/**/*.test.ts',
          ],
          alias: {
            electron: fileURLToPath(new URL('./tests/support/electron-mock.ts', import.meta.url)),
          },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          maxWorkers: 2,
        },
      },
    ],
  },
});
