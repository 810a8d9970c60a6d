// `npm run test:repeat -- <n> [vitest args…]`: runs the suite n times in a row and reports every
// test that failed, with how often, so that a flaky test is found before CI finds it.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { readReport } from './vitest-report';

const [countArg, ...vitestArgs] = process.argv.slice(2);
const runs = Number(countArg ?? '');
if (!Number.isInteger(runs) || runs < 1 || runs > 100) {
  console.error('usage: npm run test:repeat -- <runs 1..100> [vitest arguments]');
  process.exit(2);
}

const reportFile = '.tmp/vitest-report.json';
const CRASHED = '(no report: the run crashed)';
const failureCounts = new Map<string, number>();
const durations: number[] = [];
let failedRuns = 0;

for (let run = 1; run <= runs; run++) {
  rmSync(reportFile, { force: true });
  const started = Date.now();
  const result = spawnSync('npx', ['vitest', 'run', ...vitestArgs], {
    // The configured JSON reporter writes the report read below; the console output is not needed.
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, CI: 'true' },
  });
  const seconds = Math.round((Date.now() - started) / 1000);
  durations.push(seconds);
  let line: string;
  try {
    const report = readReport(reportFile);
    for (const name of report.failures) failureCounts.set(name, (failureCounts.get(name) ?? 0) + 1);
    if (report.failed > 0 || result.status !== 0) failedRuns++;
    line = `${report.passed} passed, ${report.failed} failed`;
  } catch {
    failedRuns++;
    failureCounts.set(CRASHED, (failureCounts.get(CRASHED) ?? 0) + 1);
    line = `no report (exit ${String(result.status)})`;
  }
  console.log(`run ${run}/${runs}: ${line} in ${seconds} s`);
}

console.log(`\n${runs - failedRuns} of ${runs} runs green; durations ${durations.join(', ')} s`);
if (failureCounts.size > 0) {
  console.log('failures (count × test):');
  for (const [name, count] of [...failureCounts].sort((a, b) => b[1] - a[1]))
    console.log(`  ${count} × ${name}`);
}
process.exit(failedRuns === 0 ? 0 : 1);
