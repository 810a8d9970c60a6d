// Measurements that must run in a process of their own (SoftHSM2 and the simulator initialise
// once per process, with the environment they find): a probe script takes its options as one
// JSON argument and prints one `BENCH_PROBE <json>` line, which the bench parses with zod.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { z } from 'zod';
import { repoRoot } from './harness';

const MARK = 'BENCH_PROBE ';

export function runProbe<S extends z.ZodType>(
  script: string,
  input: unknown,
  env: Record<string, string>,
  output: S,
  timeoutMs = 120_000,
): Promise<z.output<S>> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, JSON.stringify(input)], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let found: string | null = null;
  const log: string[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (line.startsWith(MARK)) found = line.slice(MARK.length);
    else log.push(line);
  });
  createInterface({ input: child.stderr }).on('line', (line) => log.push(line));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('close', (code) => {
      clearTimeout(timer);
      if (code === 0 && found !== null) {
        try {
          resolve(output.parse(JSON.parse(found)));
        } catch (error) {
          reject(new Error(`${script} answered unreadably: ${String(error)}`));
        }
        return;
      }
      reject(new Error(`${script} failed (${code}):\n${log.slice(-15).join('\n')}`));
    });
  });
}

/** The probe side: parses the JSON argument, runs, prints the answer, exits. */
export async function probeMain<I extends z.ZodType>(
  input: I,
  measure: (options: z.output<I>) => Promise<unknown>,
): Promise<void> {
  try {
    const options = input.parse(JSON.parse(process.argv[2] ?? 'null'));
    const answer = await measure(options);
    console.log(`${MARK}${JSON.stringify(answer)}`);
    process.exit(0);
  } catch (error) {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  }
}
