import { describe, expect, it } from 'vitest';
import { calculateMonthly, monthlyRows } from '../../../domain/declarations/monthly';
import { validateBatch } from '../../../domain/declarations/checks';
import { indexRoster, type RosterPerson } from '../../../domain/declarations/roster';
import type { AdditionRow } from '../../../domain/declarations/addition';
import { allKinds } from '../../../domain/insurance/kinds';
import { additionRow, loadShippedTables, makeId, rosterPerson } from './support';

const tables = loadShippedTables();
const js = tables.find((t) => t.regionCode === '320000')!.rules[0]!;
const hlj = tables.find((t) => t.regionCode === '230000')!.rules[0]!;

describe('月度申报', () => {
  const roster: RosterPerson[] = [
    rosterPerson({ documentNumber: makeId('320102', '1990-03-07', 11), baseFen: 800_000 }),
    rosterPerson({
      documentNumber: makeId('320102', '1991-04-07', 12),
      baseFen: 300_000,
      gender: 'female',
    }),
    // stopped after February: paid for January and February only
    rosterPerson({
      documentNumber: makeId('320102', '1992-05-07', 13),
      status: 'stopped',
      lastPaidMonth: '2025-02',
    }),
    // joins in April
    rosterPerson({ documentNumber: makeId('320102', '1993-06-07', 15), insuredFrom: '2025-04-01' }),
  ];

  it('includes only people insured in the month and adds their contributions up', () => {
    const m = calculateMonthly(roster, { rule: js, unit: { injuryClass: 1 }, month: '2025-03' });
    expect([...m.rosterIndexes]).toEqual([0, 1]);
    expect(m.totals.headcount).toBe(2);
    // 8,000 and the lower bound 4,500: 16 + 8 + 0.5 + 0.2 % unit, 8 + 2 + 0.5 % personal
    expect(m.totals.unitTotalFen).toBe(197_600 + 111_150);
    expect(m.totals.personalTotalFen).toBe(84_000 + 47_250);
    expect(m.totals.totalFen).toBe(m.totals.unitTotalFen + m.totals.personalTotalFen);
    expect(m.regionCode).toBe('320000');
  });

  it('notes a base raised to the lower bound as a warning on that roster row', () => {
    const m = calculateMonthly(roster, { rule: js, unit: { injuryClass: 1 }, month: '2025-03' });
    expect(m.findings).toHaveLength(1);
    expect(m.findings[0]).toMatchObject({
      code: 'BASE_BELOW_LOWER',
      severity: 'warning',
      row: 1,
      field: 'baseFen',
    });
    expect(m.findings[0]!.message).toBe(
      '缴费基数3000.00元低于缴费基数下限，将按下限4500.00元计算。',
    );
  });

  it('counts a stopped person in the months they paid for', () => {
    const feb = calculateMonthly(roster, { rule: js, unit: { injuryClass: 1 }, month: '2025-02' });
    expect([...feb.rosterIndexes]).toEqual([0, 1, 2]);
    const apr = calculateMonthly(roster, { rule: js, unit: { injuryClass: 1 }, month: '2025-04' });
    expect([...apr.rosterIndexes]).toEqual([0, 1, 3]);
  });

  it('uses the region’s rates: 黑龙江 charges 7.5 % unit 医疗', () => {
    const m = calculateMonthly(roster.slice(0, 1), {
      rule: hlj,
      unit: { injuryClass: 1 },
      month: '2025-03',
    });
    expect(m.totals.medicalUnitFen).toBe(60_000);
  });
});

describe('100,000 rows', () => {
  it('validates and calculates a 100,000-row batch, finding exactly the planted problems', () => {
    const n = 100_000;
    let roster: RosterPerson[] = new Array<RosterPerson>(n);
    let rows: AdditionRow[] = new Array<AdditionRow>(n);
    const template = additionRow();
    for (let i = 0; i < n; i++) {
      // (birth date, sequence) is unique per i: 100 birth months × 1000 sequence numbers.
      const d = Math.floor(i / 1000);
      const birth = `${1975 + (d % 30)}-0${1 + Math.floor(d / 30)}-15`;
      roster[i] = rosterPerson({
        documentNumber: makeId('320102', birth, i % 1000),
        baseFen: 400_000 + (i % 2000) * 100,
        kinds: allKinds,
      });
      rows[i] = {
        ...template,
        documentNumber: makeId('320583', birth, i % 1000),
        wageFen: 500_000 + i,
      };
    }
    // Flat strings, as they arrive from the store or a spreadsheet parser (not concatenation ropes).
    roster = JSON.parse(JSON.stringify(roster)) as RosterPerson[];
    rows = JSON.parse(JSON.stringify(rows)) as AdditionRow[];
    // Planted: a duplicate of row 0, and a wrong check digit.
    rows[n - 1] = { ...rows[0]! };
    rows[n - 2] = {
      ...rows[n - 2]!,
      documentNumber:
        rows[n - 2]!.documentNumber.slice(0, 17) +
        (rows[n - 2]!.documentNumber.endsWith('0') ? '1' : '0'),
    };

    // Three runs: the first includes JIT warm-up; the figure to compare with the goal is the last.
    const times: string[] = [];
    let findings: ReturnType<typeof validateBatch> = [];
    let monthly: ReturnType<typeof calculateMonthly> | undefined;
    for (let run = 0; run < 3; run++) {
      const t0 = performance.now();
      const index = indexRoster(roster);
      const t1 = performance.now();
      findings = validateBatch(
        { kind: 'addition', rows },
        { rule: js, roster: index, month: '2025-03', today: '2025-03-15' },
      );
      const t2 = performance.now();
      monthly = calculateMonthly(roster, { rule: js, unit: { injuryClass: 2 }, month: '2025-03' });
      const t3 = performance.now();
      const ms = (a: number, b: number): string => (b - a).toFixed(0);
      times.push(
        `${ms(t0, t3)} (index ${ms(t0, t1)}, validate ${ms(t1, t2)}, calculate ${ms(t2, t3)})`,
      );
    }
    console.log(`validate + calculate ${n} rows, ms: ${times.join(' / ')} (goal ≤ 300 ms)`);
    if (!monthly) throw new Error('no run');

    const errors = findings.filter((f) => f.severity === 'error').map((f) => `${f.row}:${f.code}`);
    expect(errors).toEqual([`${n - 2}:ID_CHECK_DIGIT`, `${n - 1}:DUPLICATE_IN_BATCH`]);
    expect(monthly.totals.headcount).toBe(n);
    const sum = monthlyRows(monthly).reduce((s, r) => s + r.contribution.totalFen, 0);
    expect(monthly.totals.totalFen).toBe(sum);
  });
});
