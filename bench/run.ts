// `npm run bench [-- <substring>...]`: runs bench/*.bench.ts (each in its own process, at most
// BENCH_TIMEOUT_MS, default 5 minutes), prints a table of figures against their goals and
// writes bench/results.json. Figures are not tests: a missed goal is shown with ✗ and the exit
// code stays 0; only a bench that crashed or timed out makes it non-zero.
// A bench file exports `async function run(): Promise<BenchResult[]>` (bench/support/results.ts);
// with a filter, results.json keeps the other benches' last figures.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ensureUkeySimBuilt } from '../native/ukey-sim/build';
import { buildRenderer } from '../scripts/build-renderer';
import { benchDir, discoverBenches, runBench, stopCurrentBench } from './support/harness';
import {
  formatResultsFile,
  formatTable,
  mergeResults,
  parseResultsFile,
  type BenchFailure,
  type BenchResult,
} from './support/results';

const RESULTS_FILE = join(benchDir, 'results.json');
const DEFAULT_TIMEOUT_MS = 5 * 60_000;

function timeoutMs(): number {
  const raw = Number(process.env.BENCH_TIMEOUT_MS);
  return Number.isFinite(raw) && raw > 0 ? raw : DEFAULT_TIMEOUT_MS;
}

async function main(): Promise<number> {
  const filters = process.argv.slice(2).filter((a) => a !== '--');
  const files = discoverBenches(filters);
  if (files.length === 0) {
    console.error(`No bench/*.bench.ts matches ${filters.map((f) => `"${f}"`).join(', ')}.`);
    return 2;
  }

  // The benches load the browser-mode renderer and the simulated U-Key; build them once here
  // rather than racing to build them in each bench.
  process.stderr.write('Building the renderer and ukey-sim if stale…\n');
  await buildRenderer();
  await ensureUkeySimBuilt();

  const results: BenchResult[] = [];
  const failures: BenchFailure[] = [];
  for (const file of files) {
    const name = basename(file);
    const started = performance.now();
    process.stderr.write(`▶ ${name}\n`);
    const outcome = await runBench(file, {
      timeoutMs: timeoutMs(),
      onLine: (line) => process.stderr.write(`  ${name}: ${line}\n`),
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    if (outcome.ok) {
      results.push(...outcome.results);
      process.stderr.write(`✔ ${name} (${seconds} s)\n`);
    } else {
      failures.push({ bench: outcome.bench, reason: outcome.reason });
      process.stderr.write(`✘ ${name} (${seconds} s): ${outcome.reason}\n`);
    }
  }

  const previous = existsSync(RESULTS_FILE)
    ? parseResultsFile(readFileSync(RESULTS_FILE, 'utf8'))
    : [];
  const written = filters.length > 0 ? mergeResults(previous, results) : results;
  writeFileSync(RESULTS_FILE, formatResultsFile(written));

  console.log(formatTable(results, failures));
  console.log(`\n${results.length} figures written to bench/results.json`);
  return failures.length > 0 ? 1 : 0;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void stopCurrentBench().finally(() => process.exit(130));
  });
}

process.exitCode = await main();
