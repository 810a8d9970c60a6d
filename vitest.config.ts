import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

// Unit and integration tests run in parallel forks; end-to-end tests share one browser-heavy
// lane so two cores are not oversubscribed.
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
          fileParallelism: false,
        },
      },
    ],
  },
});
