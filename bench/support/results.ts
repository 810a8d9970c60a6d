// What a benchmark reports and how a figure is held against its goal. Pure functions, so the
// harness's table and results.json can be tested without timing anything.
import { z } from 'zod';

/** One figure. `goal` is free text; "≤ 150 ms" / "≥ 10 MB/s" forms are checked, others shown. */
export const benchResultSchema = z
  .object({
    name: z.string().min(1).max(200),
    value: z.number().finite(),
    unit: z.string().max(20),
    goal: z.string().max(80),
  })
  .strict();
export type BenchResult = z.infer<typeof benchResultSchema>;

export const benchResultsSchema = z.array(benchResultSchema);

/** Written for a figure that has no goal of its own (context for the figures that do). */
export const NO_GOAL = '—';

export interface Goal {
  comparison: 'at-most' | 'at-least';
  limit: number;
  /** Empty when the goal names no unit: then it is read in the figure's own unit. */
  unit: string;
}

const GOAL_PATTERN = /^\s*(≤|<=|≥|>=)\s*(\d+(?:\.\d+)?)\s*(\S(?:.*\S)?)?\s*$/u;

export function parseGoal(goal: string): Goal | null {
  const match = GOAL_PATTERN.exec(goal);
  if (!match) return null;
  const [, op, limit, unit] = match;
  return {
    comparison: op === '≤' || op === '<=' ? 'at-most' : 'at-least',
    limit: Number(limit),
    unit: unit ?? '',
  };
}

// Time is the one dimension benches mix (a ms figure against a "≤ 1 s" goal); other units
// must match exactly.
const TIME_IN_MS: Record<string, number> = { us: 0.001, µs: 0.001, ms: 1, s: 1000, min: 60_000 };

function toUnit(value: number, from: string, to: string): number | null {
  if (from === to || to === '') return value;
  const a = TIME_IN_MS[from];
  const b = TIME_IN_MS[to];
  return a !== undefined && b !== undefined ? (value * a) / b : null;
}

export type GoalVerdict = 'met' | 'missed' | 'unchecked';

export function checkGoal(result: BenchResult): GoalVerdict {
  const goal = parseGoal(result.goal);
  if (!goal) return 'unchecked';
  const value = toUnit(result.value, result.unit, goal.unit);
  if (value === null) return 'unchecked';
  const met = goal.comparison === 'at-most' ? value <= goal.limit : value >= goal.limit;
  return met ? 'met' : 'missed';
}

/** Enough digits to read, not more than a timer can mean. */
export function formatValue(value: number): string {
  const size = Math.abs(value);
  if (size >= 100 || Number.isInteger(value)) return value.toFixed(0);
  if (size >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

export interface BenchFailure {
  /** The bench file, e.g. login.bench.ts. */
  bench: string;
  reason: string;
}

const MARK: Record<GoalVerdict, string> = { met: '✓', missed: '✗', unchecked: '' };

/** The printed table: one row per figure, then one per bench that crashed or timed out. */
export function formatTable(
  results: readonly BenchResult[],
  failures: readonly BenchFailure[],
): string {
  const rows: string[][] = [
    ['name', 'value', 'unit', 'goal', ''],
    ...results.map((r) => [r.name, formatValue(r.value), r.unit, r.goal, MARK[checkGoal(r)]]),
    ...failures.map((f) => [f.bench, 'FAILED', '', f.reason.split('\n')[0] ?? '', '✗']),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length)));
  const line = (row: string[]) =>
    row
      .map((cell, i) => (i === 1 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const [head, ...body] = rows;
  return [line(head!), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

/**
 * A filtered run replaces the figures it measured and keeps the rest, so results.json always
 * holds the latest figure of every bench. Order: previous figures first, new ones appended.
 */
export function mergeResults(
  previous: readonly BenchResult[],
  fresh: readonly BenchResult[],
): BenchResult[] {
  const byName = new Map(fresh.map((r) => [r.name, r]));
  const merged = previous.map((r) => byName.get(r.name) ?? r);
  const kept = new Set(previous.map((r) => r.name));
  return [...merged, ...fresh.filter((r) => !kept.has(r.name))];
}

/** Reads a results.json; anything unreadable counts as no previous results. */
export function parseResultsFile(text: string | null): BenchResult[] {
  if (text === null) return [];
  try {
    const parsed = benchResultsSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

export function formatResultsFile(results: readonly BenchResult[]): string {
  return `${JSON.stringify(benchResultsSchema.parse(results), null, 2)}\n`;
}
