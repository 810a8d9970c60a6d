// Prints the one line CI reads, `N passed, N failed`, from Vitest's JSON report.
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const report = z.object({
  numPassedTests: z.number(),
  numFailedTests: z.number(),
  numPendingTests: z.number().optional(),
  numTotalTestSuites: z.number().optional(),
  testResults: z
    .array(z.object({ status: z.string(), message: z.string().optional(), name: z.string() }))
    .optional(),
});

const file = process.argv[2] ?? '.tmp/vitest-report.json';
let passed = 0;
let failed = 1;
try {
  const parsed = report.parse(JSON.parse(readFileSync(file, 'utf8')));
  // A test file that failed to load counts as a failure even though it ran no test.
  const brokenFiles = (parsed.testResults ?? []).filter(
    (r) => r.status === 'failed' && r.message,
  ).length;
  passed = parsed.numPassedTests;
  failed = parsed.numFailedTests + brokenFiles;
} catch (error) {
  console.error(`No readable test report at ${file}: ${String(error)}`);
}
console.log(`${passed} passed, ${failed} failed`);
