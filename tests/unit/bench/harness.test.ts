// The `npm run bench` harness: how figures are held against their goals, what the table and
// bench/results.json look like, and that a crashing or hanging bench is reported, not hidden.
// No timings are asserted here.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { discoverBenches, runBench } from '../../../bench/support/harness';
import {
  checkGoal,
  formatResultsFile,
  formatTable,
  formatValue,
  mergeResults,
  parseGoal,
  parseResultsFile,
  type BenchResult,
} from '../../../bench/support/results';
import { median } from '../../../bench/support/stats';

const fig = (name: string, value: number, unit: string, goal: string): BenchResult => ({
  name,
  value,
  unit,
  goal,
});

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'shebao-bench-test-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('goals', () => {
  it('reads "≤ 150 ms", "<= 1.5" and "≥ 10 MB/s" as limits with their units', () => {
    expect(parseGoal('≤ 150 ms')).toEqual({ comparison: 'at-most', limit: 150, unit: 'ms' });
    expect(parseGoal('<=1.5')).toEqual({ comparison: 'at-most', limit: 1.5, unit: '' });
    expect(parseGoal(' ≥ 10 MB/s ')).toEqual({ comparison: 'at-least', limit: 10, unit: 'MB/s' });
  });

  it('treats free-text goals and "—" as no limit', () => {
    expect(parseGoal('—')).toBeNull();
    expect(parseGoal('as fast as a real key')).toBeNull();
    expect(parseGoal('≤ fast')).toBeNull();
  });

  it('marks a figure within its goal as met and one beyond it as missed, limits included', () => {
    expect(checkGoal(fig('a', 150, 'ms', '≤ 150 ms'))).toBe('met');
    expect(checkGoal(fig('a', 150.1, 'ms', '≤ 150 ms'))).toBe('missed');
    expect(checkGoal(fig('a', 12, 'MB/s', '≥ 10 MB/s'))).toBe('met');
    expect(checkGoal(fig('a', 9, 'MB/s', '≥ 10 MB/s'))).toBe('missed');
    expect(checkGoal(fig('a', 1.6, '×', '≤ 1.5'))).toBe('missed');
  });

  it('compares a millisecond figure with a goal in seconds', () => {
    expect(checkGoal(fig('a', 999, 'ms', '≤ 1 s'))).toBe('met');
    expect(checkGoal(fig('a', 1001, 'ms', '≤ 1 s'))).toBe('missed');
  });

  it('does not judge a figure whose unit cannot be compared with the goal', () => {
    expect(checkGoal(fig('a', 5, 'MB', '≤ 1 s'))).toBe('unchecked');
    expect(checkGoal(fig('a', 5, 'ms', '—'))).toBe('unchecked');
  });
});

describe('the printed table', () => {
  const table = formatTable(
    [
      fig('login round trip', 226.4, 'ms', '—'),
      fig('above the sign time', 22.9, 'ms', '≤ 150 ms'),
      fig('validate + calculate', 791, 'ms', '≤ 300 ms'),
    ],
    [{ bench: 'token-events.bench.ts', reason: 'timed out after 300 s\nmore detail' }],
  );
  const lines = table.split('\n');

  it('has a header, a rule, one row per figure and one per failed bench', () => {
    expect(lines[0]).toMatch(/^name\s+value\s+unit\s+goal$/);
    expect(lines[1]).toMatch(/^-+( +-+)+$/);
    expect(lines).toHaveLength(2 + 3 + 1);
  });

  it('shows ✓ for a met goal, ✗ for a missed one and nothing where there is no goal', () => {
    expect(lines[2]).toMatch(/^login round trip\s+226\s+ms\s+—$/);
    expect(lines[3]).toMatch(/^above the sign time\s+22\.9\s+ms\s+≤ 150 ms\s+✓$/);
    expect(lines[4]).toMatch(/^validate \+ calculate\s+791\s+ms\s+≤ 300 ms\s+✗$/);
  });

  it('names a crashed bench as FAILED with the first line of its reason', () => {
    expect(lines[5]).toMatch(/^token-events\.bench\.ts\s+FAILED\s+timed out after 300 s\s+✗$/);
    expect(table).not.toContain('more detail');
  });

  it('lines the columns up', () => {
    const goalColumn = lines[0]!.indexOf('goal');
    expect(lines[3]!.indexOf('≤ 150 ms')).toBe(goalColumn);
    expect(lines[4]!.indexOf('≤ 300 ms')).toBe(goalColumn);
  });

  it('prints values with as many digits as mean something', () => {
    expect(formatValue(1234.56)).toBe('1235');
    expect(formatValue(22.94)).toBe('22.9');
    expect(formatValue(1.049)).toBe('1.05');
    expect(formatValue(3)).toBe('3');
  });
});

describe('bench/results.json', () => {
  it('is an array of { name, value, unit, goal } that reads back the same', () => {
    const results = [fig('a', 1.5, 'ms', '≤ 2 ms'), fig('b', 93.6, '%', '—')];
    const text = formatResultsFile(results);
    const parsed: unknown = JSON.parse(text);
    expect(parsed).toEqual(results);
    expect(Object.keys((parsed as object[])[0]!).sort()).toEqual(['goal', 'name', 'unit', 'value']);
    expect(parseResultsFile(text)).toEqual(results);
  });

  it('refuses a figure that is not a number rather than writing null', () => {
    expect(() => formatResultsFile([fig('a', Number.NaN, 'ms', '—')])).toThrow();
  });

  it('starts afresh when the previous file is missing or unreadable', () => {
    expect(parseResultsFile(null)).toEqual([]);
    expect(parseResultsFile('{not json')).toEqual([]);
    expect(parseResultsFile('[{"name":"a"}]')).toEqual([]);
  });

  it('a filtered run replaces its own figures and keeps the other benches’ figures', () => {
    const previous = [fig('token scan', 5, 'ms', '—'), fig('login', 30, 'ms', '≤ 150 ms')];
    const fresh = [fig('login', 20, 'ms', '≤ 150 ms'), fig('login share', 24, '%', '—')];
    expect(mergeResults(previous, fresh)).toEqual([
      fig('token scan', 5, 'ms', '—'),
      fig('login', 20, 'ms', '≤ 150 ms'),
      fig('login share', 24, '%', '—'),
    ]);
  });

  it('takes the median of an even and an odd number of timings', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('running benches', () => {
  it('finds *.bench.ts files in name order, and only those matching the filter', () => {
    const dir = tempDir();
    for (const name of ['token.bench.ts', 'login.bench.ts', 'token-events.bench.ts', 'notes.ts'])
      writeFileSync(join(dir, name), '');
    expect(discoverBenches([], dir).map((f) => basename(f))).toEqual([
      'login.bench.ts',
      'token-events.bench.ts',
      'token.bench.ts',
    ]);
    expect(discoverBenches(['token'], dir).map((f) => basename(f))).toEqual([
      'token-events.bench.ts',
      'token.bench.ts',
    ]);
    expect(discoverBenches(['nothing'], dir)).toEqual([]);
  });

  it('the repository has the token, login, domain and workspace benches', () => {
    const names = discoverBenches([]).map((f) => basename(f));
    expect(names).toEqual(
      expect.arrayContaining([
        'domain.bench.ts',
        'login.bench.ts',
        'token-events.bench.ts',
        'token.bench.ts',
      ]),
    );
  });

  it('collects the figures a bench returns', async () => {
    const file = join(tempDir(), 'fine.bench.ts');
    writeFileSync(
      file,
      `export async function run() { return [{ name: 'x', value: 1, unit: 'ms', goal: '≤ 2 ms' }]; }\n`,
    );
    const outcome = await runBench(file, { timeoutMs: 30_000 });
    expect(outcome).toEqual({
      ok: true,
      bench: 'fine.bench.ts',
      results: [{ name: 'x', value: 1, unit: 'ms', goal: '≤ 2 ms' }],
    });
  });

  it('reports a bench that throws as failed, with its message', async () => {
    const file = join(tempDir(), 'broken.bench.ts');
    writeFileSync(file, `export async function run() { throw new Error('token not found'); }\n`);
    const outcome = await runBench(file, { timeoutMs: 30_000 });
    expect(outcome.ok).toBe(false);
    expect(outcome.ok ? '' : outcome.reason).toBe('exit code 1: bench failed: token not found');
  });

  it('reports a bench whose figures have the wrong shape as failed', async () => {
    const file = join(tempDir(), 'shapeless.bench.ts');
    writeFileSync(file, `export async function run() { return [{ name: 'x', value: 'fast' }]; }\n`);
    const outcome = await runBench(file, { timeoutMs: 30_000 });
    expect(outcome.ok).toBe(false);
  });

  // `sleep` and `ps` are POSIX tools; the limit leaves a loaded machine time to start the bench.
  it.skipIf(process.platform === 'win32')(
    'ends a bench that hangs, and the processes it started, after its time limit',
    async () => {
      const dir = tempDir();
      const pidFile = join(dir, 'sleeper.pid');
      const file = join(dir, 'hangs.bench.ts');
      writeFileSync(
        file,
        [
          `import { spawn } from 'node:child_process';`,
          `import { writeFileSync } from 'node:fs';`,
          `export async function run() {`,
          `  const sleeper = spawn('sleep', ['60'], { stdio: 'ignore' });`,
          `  writeFileSync(${JSON.stringify(pidFile)}, String(sleeper.pid));`,
          `  return new Promise(() => setInterval(() => undefined, 1000));`,
          `}`,
        ].join('\n'),
      );
      const outcome = await runBench(file, { timeoutMs: 20_000 });
      expect(outcome).toMatchObject({
        ok: false,
        bench: 'hangs.bench.ts',
        reason: 'timed out after 20 s',
      });
      const sleeper = Number(readFileSync(pidFile, 'utf8'));
      // Bounded wait for the kill to land: the process is gone (ps finds no such pid).
      const deadline = Date.now() + 10_000;
      let alive = true;
      while (alive && Date.now() < deadline) {
        alive =
          spawnSync('ps', ['-p', String(sleeper), '-o', 'stat='])
            .stdout.toString()
            .trim().length > 0;
        if (alive) await new Promise((r) => setTimeout(r, 200));
      }
      expect(alive).toBe(false);
    },
    90_000,
  );
});
