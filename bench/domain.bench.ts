// The pure rules on a big unit — index a 100,000-person roster, validate 100,000
// addition rows against it, and calculate the month's contributions for all of them.
// Goal: validate + calculate 100,000 rows ≤ 100 ms.
import type { AdditionRow } from '../domain/declarations/addition';
import { validateBatch } from '../domain/declarations/checks';
import { calculateMonthly } from '../domain/declarations/monthly';
import { indexRoster, type RosterPerson } from '../domain/declarations/roster';
import { allKinds } from '../domain/insurance/kinds';
import { additionRow, loadShippedTables, makeId, rosterPerson } from '../tests/unit/domain/support';
import { NO_GOAL, type BenchResult } from './support/results';
import { median } from './support/stats';

const ROWS = 100_000;
const RUNS = 11;
const REGION = '320000'; // 江苏: the demo units' province

/** Roster and rows as they come out of the database: parsed from JSON, no shared objects. */
function makeData(): { roster: RosterPerson[]; rows: AdditionRow[] } {
  const roster: RosterPerson[] = [];
  const rows: AdditionRow[] = [];
  const template = additionRow();
  for (let i = 0; i < ROWS; i++) {
    const d = Math.floor(i / 1000);
    const birth = `${1975 + (d % 30)}-0${1 + Math.floor(d / 30)}-15`;
    roster.push(
      rosterPerson({
        documentNumber: makeId('320102', birth, i % 1000),
        baseFen: 400_000 + (i % 2000) * 100,
        kinds: allKinds,
      }),
    );
    rows.push({
      ...template,
      documentNumber: makeId('320583', birth, i % 1000),
      wageFen: 500_000 + i,
    });
  }
  return JSON.parse(JSON.stringify({ roster, rows })) as {
    roster: RosterPerson[];
    rows: AdditionRow[];
  };
}

export async function run(): Promise<BenchResult[]> {
  const table = loadShippedTables().find((t) => t.regionCode === REGION);
  const rule = table?.rules[0];
  if (!rule) throw new Error(`no shipped region table for ${REGION}`);
  const { roster, rows } = makeData();

  const total: number[] = [];
  const cpu: number[] = [];
  const parts = { index: [] as number[], validate: [] as number[], monthly: [] as number[] };
  // One run more than counted: the first pays for the JIT.
  for (let k = 0; k <= RUNS; k++) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const index = indexRoster(roster);
    const t1 = performance.now();
    const checked = validateBatch(
      { kind: 'addition', rows },
      { rule, roster: index, month: '2025-03', today: '2025-03-15' },
    );
    const t2 = performance.now();
    const monthly = calculateMonthly(roster, { rule, unit: { injuryClass: 2 }, month: '2025-03' });
    const t3 = performance.now();
    const used = process.cpuUsage(cpu0);
    // Keep the results alive so no engine could skip the work.
    if (checked === undefined || monthly === undefined) throw new Error('no result');
    if (k === 0) continue;
    total.push(t3 - t0);
    cpu.push((used.user + used.system) / 1000);
    parts.index.push(t1 - t0);
    parts.validate.push(t2 - t1);
    parts.monthly.push(t3 - t2);
  }

  const n = ROWS.toLocaleString('en-US');
  return [
    {
      name: `domain: validate + calculate ${n} rows, median of ${RUNS}`,
      value: median(total),
      unit: 'ms',
      goal: '≤ 100 ms',
    },
    {
      name: `domain: the same, CPU time, median of ${RUNS}`,
      value: median(cpu),
      unit: 'ms',
      goal: NO_GOAL,
    },
    {
      name: `domain: index a ${n}-person roster, median`,
      value: median(parts.index),
      unit: 'ms',
      goal: NO_GOAL,
    },
    {
      name: `domain: validate ${n} addition rows, median`,
      value: median(parts.validate),
      unit: 'ms',
      goal: NO_GOAL,
    },
    {
      name: `domain: monthly contributions of ${n} people, median`,
      value: median(parts.monthly),
      unit: 'ms',
      goal: NO_GOAL,
    },
  ];
}
