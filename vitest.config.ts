import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

// Two phases on a two-core machine: first the unit, integration, native and server files, three
// at a time; then the end-to-end files, two at a time. Both kinds spend much of their time
// waiting (on a token's signing delay, a server, the browser), so a third and a second lane use
// what would be idle time; every wait in them is for a condition, never a fixed time.
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
          maxWorkers: 3,
          sequence: { groupOrder: 0 },
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
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
