// Reads Vitest's JSON report: the counts CI prints and the names of the tests that failed.
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const assertionSchema = z.object({
  fullName: z.string(),
  status: z.string(),
  failureMessages: z.array(z.string()).optional(),
});

const reportSchema = z.object({
  numPassedTests: z.number(),
  numFailedTests: z.number(),
  testResults: z
    .array(
      z.object({
        name: z.string(),
        status: z.string(),
        message: z.string().optional(),
        assertionResults: z.array(assertionSchema).optional(),
      }),
    )
    .optional(),
});

export interface ReportSummary {
  passed: number;
  /** Failed tests, plus test files that failed to load (they ran no test but are failures). */
  failed: number;
  /** `file › test name` of each failure, and `file` alone for a file that failed to load. */
  failures: string[];
}

export function readReport(file: string): ReportSummary {
  const parsed = reportSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  const failures: string[] = [];
  let brokenFiles = 0;
  for (const result of parsed.testResults ?? []) {
    const failedTests = (result.assertionResults ?? []).filter((a) => a.status === 'failed');
    for (const a of failedTests) failures.push(`${result.name} › ${a.fullName}`);
    if (result.status === 'failed' && result.message && failedTests.length === 0) {
      brokenFiles++;
      failures.push(`${result.name} (did not load: ${result.message.split('\n')[0]})`);
    }
  }
  return {
    passed: parsed.numPassedTests,
    failed: parsed.numFailedTests + brokenFiles,
    failures,
  };
}
