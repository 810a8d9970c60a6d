// Prints the one line CI reads, `N passed, N failed`, from Vitest's JSON report.
import { readReport } from './vitest-report';

const file = process.argv[2] ?? '.tmp/vitest-report.json';
let passed = 0;
let failed = 1;
try {
  ({ passed, failed } = readReport(file));
} catch (error) {
  console.error(`No readable test report at ${file}: ${String(error)}`);
}
console.log(`${passed} passed, ${failed} failed`);
