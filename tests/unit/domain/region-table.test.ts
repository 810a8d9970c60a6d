import { describe, expect, it } from 'vitest';
import {
  parseRegionTable,
  regionTableSchema,
  ruleFor,
  type RegionTable,
  type RegionTableJson,
} from '../../../domain/insurance/region-table';
import { loadShippedTables, readRegionJson } from './support';

/** A typed copy of a shipped file to break on purpose. */
function load(file: string): RegionTableJson {
  return regionTableSchema.parse(readRegionJson(file));
}
function national(): RegionTableJson {
  return load('national.json');
}
function period(j: RegionTableJson): RegionTableJson['periods'][number] {
  return j.periods[0]!;
}

function parseOk(json: unknown): RegionTable {
  const r = parseRegionTable(json);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.table;
}

describe('shipped region tables', () => {
  const tables = loadShippedTables();

  it('include 江苏, 黑龙江 and the national default, each with a source note', () => {
    const codes = tables.map((t) => t.regionCode).sort();
    expect(codes).toEqual(expect.arrayContaining(['000000', '230000', '320000']));
    for (const t of tables)
      for (const rule of t.rules) expect(rule.source.length).toBeGreaterThan(10);
  });

  it('say which figures are examples, each with a note', () => {
    for (const t of tables) {
      for (const rule of t.rules) {
        expect(rule.examples.length).toBeGreaterThan(0);
        for (const e of rule.examples) expect(e.note.length).toBeGreaterThan(10);
      }
    }
  });

  it('carry the national 16 % / 8 % pension rates and the eight 工伤 class rates', () => {
    for (const t of tables) {
      const rule = t.rules[0]!;
      expect(rule.unitPpm.pension).toBe(160_000);
      expect(rule.personalPpm.pension).toBe(80_000);
      expect(rule.injuryClassPpm).toEqual([2000, 4000, 7000, 9000, 11000, 13000, 16000, 19000]);
      expect(rule.maternityMergedIntoMedical).toBe(true);
    }
  });

  it('derive 江苏 base bounds as 60 % and 300 % of the average wage', () => {
    const js = tables.find((t) => t.regionCode === '320000')!.rules[0]!;
    expect(js.averageMonthlyWageFen).toBe(750_000);
    expect(js.baseLowerFen).toBe(450_000);
    expect(js.baseUpperFen).toBe(2_250_000);
  });
});

describe('region table schema', () => {
  it('rejects a float rate instead of an exact decimal string', () => {
    const j = national();
    (period(j).kinds.pension as { unitPercent: unknown }).unitPercent = 16;
    expect(parseRegionTable(j).ok).toBe(false);
  });

  it('rejects a figure marked as example without a note', () => {
    const j = national();
    delete period(j).averageMonthlyWage.note;
    const r = parseRegionTable(j);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues[0]!.message).toContain('example');
  });

  it('rejects 工伤 class rates outside 0.2 %–1.9 %', () => {
    const j = national();
    period(j).kinds.injury.classPercents[7] = '2.5';
    expect(parseRegionTable(j).ok).toBe(false);
  });

  it('rejects a rate above 100 %, more than four decimals, and a period ending before it starts', () => {
    const a = national();
    period(a).kinds.medical.unitPercent = '120';
    expect(parseRegionTable(a).ok).toBe(false);
    const b = national();
    period(b).kinds.medical.unitPercent = '0.12345';
    expect(parseRegionTable(b).ok).toBe(false);
    const c = national();
    period(c).validFrom = '2024-07';
    period(c).validTo = '2024-06';
    expect(parseRegionTable(c).ok).toBe(false);
  });

  it('rejects overlapping periods and unknown keys', () => {
    const j = national();
    j.periods.push(structuredClone(period(j)));
    expect(parseRegionTable(j).ok).toBe(false);
    const k = national();
    (period(k).kinds.pension as Record<string, unknown>).rate = '16';
    expect(parseRegionTable(k).ok).toBe(false);
  });

  it('uses published bounds over computed ones', () => {
    const j = national();
    period(j).baseBounds.lowerYuan = '6035';
    period(j).baseBounds.upperYuan = '30174';
    const rule = parseOk(j).rules[0]!;
    expect(rule.baseLowerFen).toBe(603_500);
    expect(rule.baseUpperFen).toBe(3_017_400);
  });
});

describe('ruleFor', () => {
  const tables = loadShippedTables();

  it('finds a province table for a city code and says it fell back', () => {
    const r = ruleFor(tables, '320100', '2025-03');
    expect(r).toMatchObject({ ok: true, match: 'province' });
    expect(r.ok && r.rule.regionName).toBe('江苏省');
    expect(ruleFor(tables, '320000', '2025-03')).toMatchObject({ ok: true, match: 'exact' });
  });

  it('falls back to the national default for a region without a table', () => {
    const r = ruleFor(tables, '440300', '2025-03');
    expect(r).toMatchObject({ ok: true, match: 'national' });
    expect(r.ok && r.rule.regionCode).toBe('000000');
  });

  it('finds nothing before the first period and for a malformed month', () => {
    expect(ruleFor(tables, '320000', '2018-12')).toEqual({ ok: false, code: 'RULE_NOT_FOUND' });
    expect(ruleFor(tables, '320000', '2025-13')).toEqual({ ok: false, code: 'RULE_NOT_FOUND' });
  });

  it('switches period at the month a new one starts', () => {
    const j = load('js.json');
    const second = structuredClone(period(j));
    period(j).validTo = '2025-06';
    second.validFrom = '2025-07';
    second.averageMonthlyWage.yuan = '8000';
    j.periods.push(second);
    const table = parseOk(j);
    expect(ruleFor([table], '320000', '2025-06')).toMatchObject({
      rule: { averageMonthlyWageFen: 750_000 },
    });
    expect(ruleFor([table], '320000', '2025-07')).toMatchObject({
      rule: { averageMonthlyWageFen: 800_000 },
    });
  });
});
