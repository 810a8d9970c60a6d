// Finds the bench files and runs each in a child process of its own, bounded in time.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { benchResultsSchema, type BenchFailure, type BenchResult } from './results';

export const benchDir = resolve(import.meta.dirname, '..');
export const repoRoot = resolve(benchDir, '..');
const RUN_ONE = join(benchDir, 'support', 'run-one.ts');

/** `bench/*.bench.ts` in name order; with filters, only files whose name contains one of them. */
export function discoverBenches(filters: readonly string[], dir = benchDir): string[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.bench.ts'))
    .filter((name) => filters.length === 0 || filters.some((f) => name.includes(f)))
    .sort()
    .map((name) => join(dir, name));
}

export type BenchOutcome =
  { ok: true; bench: string; results: BenchResult[] } | ({ ok: false } & BenchFailure);

export interface RunBenchOptions {
  timeoutMs: number;
  /** Each output line of the bench, for progress (the harness prints it to stderr). */
  onLine?: (line: string) => void;
}

/** The process group of the bench now running, so the harness can end it when interrupted. */
let current: { pid: number } | null = null;

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    // The bench leads its own process group: this reaches its server, app and browser too.
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

/** Ends the running bench (SIGTERM lets Playwright close Chromium), then kills what is left. */
export async function stopCurrentBench(): Promise<void> {
  const running = current;
  if (!running) return;
  killGroup(running.pid, 'SIGTERM');
  await new Promise((r) => setTimeout(r, 3_000));
  killGroup(running.pid, 'SIGKILL');
}

export function runBench(file: string, options: RunBenchOptions): Promise<BenchOutcome> {
  const bench = basename(file);
  const outDir = mkdtempSync(join(tmpdir(), 'shebao-bench-'));
  const outFile = join(outDir, 'results.json');
  const child = spawn(process.execPath, ['--import', 'tsx', RUN_ONE, file, outFile], {
    cwd: repoRoot,
    env: process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const pid = child.pid;
  if (pid !== undefined) current = { pid };
  const tail: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      tail.push(line);
      if (tail.length > 20) tail.shift();
      options.onLine?.(line);
    });
  }

  return new Promise<BenchOutcome>((resolveOutcome) => {
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      if (pid === undefined) return;
      killGroup(pid, 'SIGTERM');
      setTimeout(() => killGroup(pid, 'SIGKILL'), 5_000).unref();
    }, options.timeoutMs);
    const finish = (outcome: BenchOutcome) => {
      clearTimeout(timer);
      current = null;
      rmSync(outDir, { recursive: true, force: true });
      resolveOutcome(outcome);
    };
    child.once('error', (error) => finish({ ok: false, bench, reason: error.message }));
    child.once('close', (code, signal) => {
      // The bench is done; whatever it left running in its group goes with it.
      if (pid !== undefined) killGroup(pid, 'SIGKILL');
      if (timedOut) {
        finish({ ok: false, bench, reason: `timed out after ${options.timeoutMs / 1000} s` });
        return;
      }
      if (code !== 0) {
        const last = tail.filter((l) => l.trim() !== '').slice(-1)[0] ?? '';
        const how = signal ? `killed by ${signal}` : `exit code ${code}`;
        finish({ ok: false, bench, reason: `${how}${last ? `: ${last.trim()}` : ''}` });
        return;
      }
      try {
        const results = benchResultsSchema.parse(JSON.parse(readFileSync(outFile, 'utf8')));
        finish({ ok: true, bench, results });
      } catch (error) {
        finish({ ok: false, bench, reason: `no readable results: ${String(error)}` });
      }
    });
  });
}
