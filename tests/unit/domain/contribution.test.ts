import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  applyRate,
  fenToYuan,
  MAX_FEN,
  percentToPpm,
  ppmToPercent,
  roundFen,
  yuanToFen,
} from '../../../domain/money';
import {
  FIGURES_PER_PERSON,
  type CompiledRates,
  type PersonContribution,
  FigureTotals,
  clampBase,
  compileRates,
  personAt,
  writeFigures,
} from '../../../domain/insurance/contribution';
import { allKinds, noKinds, type KindFlags } from '../../../domain/insurance/kinds';
import {
  parseRegionTable,
  regionTableSchema,
  type RegionRule,
} from '../../../domain/insurance/region-table';
import { loadShippedTables, readRegionJson } from './support';

/** One person's month as an object: the figures a batch keeps, read back. */
function calculatePerson(
  rates: CompiledRates,
  declaredBaseFen: number,
  kinds: KindFlags,
): PersonContribution {
  const figures = new Float64Array(FIGURES_PER_PERSON);
  writeFigures(figures, 0, rates, declaredBaseFen, kinds);
  return personAt(figures, 0);
}

const tables = loadShippedTables();
const js = tables.find((t) => t.regionCode === '320000')!.rules[0]!;
const nat = tables.find((t) => t.regionCode === '000000')!.rules[0]!;

/** A variant of the national table: separate 生育, amounts rounded to the jiao. */
function variant(): RegionRule {
  const j = regionTableSchema.parse(readRegionJson('national.json'));
  const p = j.periods[0]!;
  p.kinds.maternity = { mergedIntoMedical: false, unitPercent: '0.8', personalPercent: '0' };
  p.rounding = { base: 'yuan-up', amount: 'jiao-half-up' };
  const r = parseRegionTable(j);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.table.rules[0]!;
}

describe('money', () => {
  it('reads yuan as written in spreadsheets and refuses what is not money', () => {
    expect(yuanToFen('7413')).toBe(741_300);
    expect(yuanToFen('7,413.5')).toBe(741_350);
    expect(yuanToFen(' 0.07 ')).toBe(7);
    expect(yuanToFen('7413.505')).toBeNull();
    expect(yuanToFen('-1')).toBeNull();
    expect(yuanToFen('1e3')).toBeNull();
    expect(fenToYuan(741_305)).toBe('7413.05');
  });

  it('reads percents as exact decimal strings', () => {
    expect(percentToPpm('16')).toBe(160_000);
    expect(percentToPpm('0.25')).toBe(2_500);
    expect(percentToPpm('7.5')).toBe(75_000);
    expect(percentToPpm('0.12345')).toBeNull();
    expect(ppmToPercent(2_500)).toBe('0.25');
    expect(ppmToPercent(160_000)).toBe('16');
  });

  it('rounds half up, down and up to fen, jiao and yuan', () => {
    // 6543.21 × 0.5 % = 32.71605 yuan
    expect(applyRate(654_321, 5_000, 1, 'half-up')).toBe(3_272);
    expect(applyRate(654_321, 5_000, 1, 'down')).toBe(3_271);
    expect(applyRate(654_321, 5_000, 10, 'half-up')).toBe(3_270);
    expect(applyRate(654_321, 5_000, 100, 'half-up')).toBe(3_300);
    // exactly half a fen rounds up: 0.5 % of 1.01 yuan = 0.505 fen
    expect(applyRate(101, 5_000, 1, 'half-up')).toBe(1);
    expect(roundFen(456_789, 100, 'half-up')).toBe(456_800);
    expect(roundFen(456_701, 100, 'up')).toBe(456_800);
    expect(roundFen(456_799, 100, 'down')).toBe(456_700);
  });

  it('refuses a base or rate it cannot compute exactly', () => {
    expect(() => applyRate(MAX_FEN + 1, 1, 1, 'half-up')).toThrow(RangeError);
    expect(() => applyRate(-1, 1, 1, 'half-up')).toThrow(RangeError);
    expect(() => applyRate(100, 1_000_001, 1, 'half-up')).toThrow(RangeError);
  });
});

describe('one person’s month', () => {
  it('computes 江苏 contributions on an 8,000 yuan base, 工伤 class 1, 生育 inside 医疗', () => {
    const p = calculatePerson(compileRates(js, { injuryClass: 1 }), 800_000, allKinds);
    expect(p).toMatchObject({
      pensionUnitFen: 128_000,
      pensionPersonalFen: 64_000,
      medicalUnitFen: 64_000,
      medicalPersonalFen: 16_000,
      unemploymentUnitFen: 4_000,
      unemploymentPersonalFen: 4_000,
      injuryUnitFen: 1_600,
      maternityUnitFen: 0,
      maternityPersonalFen: 0,
    });
    expect(p.unitTotalFen).toBe(197_600);
    expect(p.personalTotalFen).toBe(84_000);
    expect(p.totalFen).toBe(281_600);
    expect(p.baseNote).toBeNull();
  });

  it('rounds each part to the fen half-up on an odd base', () => {
    const p = calculatePerson(compileRates(nat, { injuryClass: 8 }), 654_321, allKinds);
    expect(p.baseFen).toBe(654_321);
    expect(p.unemploymentUnitFen).toBe(3_272); // 32.71605
    expect(p.medicalPersonalFen).toBe(13_086); // 130.8642
    expect(p.injuryUnitFen).toBe(12_432); // 1.9 % = 124.32099
  });

  it('rounds the base to the yuan where the region does so', () => {
    const p = calculatePerson(compileRates(js, { injuryClass: 1 }), 654_350, allKinds);
    expect(p.baseFen).toBe(654_400);
  });

  it('raises a base below the lower bound to the bound and says so', () => {
    const p = calculatePerson(compileRates(js, { injuryClass: 1 }), 300_000, allKinds);
    expect(p.baseFen).toBe(js.baseLowerFen);
    expect(p.baseNote).toBe('BASE_BELOW_LOWER');
    const q = calculatePerson(compileRates(js, { injuryClass: 1 }), 5_000_000, allKinds);
    expect(q.baseFen).toBe(js.baseUpperFen);
    expect(q.baseNote).toBe('BASE_ABOVE_UPPER');
  });

  it('charges only the kinds the person is insured for', () => {
    const flags: KindFlags = { ...noKinds, injury: true };
    const p = calculatePerson(compileRates(js, { injuryClass: 4 }), 800_000, flags);
    expect(p.totalFen).toBe(7_200); // 0.9 % of 8,000
    expect(p.personalTotalFen).toBe(0);
  });

  it('computes 生育 separately where it is not merged, rounding to the jiao', () => {
    const rule = variant();
    const p = calculatePerson(compileRates(rule, { injuryClass: 1 }), 654_321, allKinds);
    expect(p.baseFen).toBe(654_400); // yuan-up
    expect(p.maternityUnitFen).toBe(5_240); // 0.8 % of 6544 = 52.352 → 52.4
    expect(p.unitTotalFen % 10).toBe(0);
    const noMaternity = calculatePerson(compileRates(rule, { injuryClass: 1 }), 654_321, {
      ...allKinds,
      maternity: false,
    });
    expect(noMaternity.maternityUnitFen).toBe(0);
  });

  it('uses the unit’s floated 工伤 rate when it has one', () => {
    const p = calculatePerson(
      compileRates(js, { injuryClass: 2, injuryPpmOverride: 4_800 }),
      800_000,
      allKinds,
    );
    expect(p.injuryUnitFen).toBe(3_840);
  });
});

describe('fen maths properties', () => {
  const rules = [js, nat, variant()];
  const ruleArb = fc.constantFrom(...rules);
  const baseArb = fc.integer({ min: 0, max: MAX_FEN });
  const flagsArb = fc.record({
    pension: fc.boolean(),
    medical: fc.boolean(),
    unemployment: fc.boolean(),
    injury: fc.boolean(),
    maternity: fc.boolean(),
  });
  const classArb = fc.constantFrom(1, 2, 3, 4, 5, 6, 7, 8 as const);
  const runs = { numRuns: 3000 };

  it('a person’s totals equal the sum of the parts, and no amount is negative', () => {
    fc.assert(
      fc.property(ruleArb, baseArb, flagsArb, classArb, (rule, base, flags, cls) => {
        const p = calculatePerson(compileRates(rule, { injuryClass: cls as 1 }), base, flags);
        const unitParts = [
          p.pensionUnitFen,
          p.medicalUnitFen,
          p.unemploymentUnitFen,
          p.injuryUnitFen,
          p.maternityUnitFen,
        ];
        const personalParts = [
          p.pensionPersonalFen,
          p.medicalPersonalFen,
          p.unemploymentPersonalFen,
          p.maternityPersonalFen,
        ];
        expect(p.unitTotalFen).toBe(unitParts.reduce((s, x) => s + x, 0));
        expect(p.personalTotalFen).toBe(personalParts.reduce((s, x) => s + x, 0));
        expect(p.totalFen).toBe(p.unitTotalFen + p.personalTotalFen);
        for (const x of [...unitParts, ...personalParts]) {
          expect(x).toBeGreaterThanOrEqual(0);
          expect(Number.isInteger(x)).toBe(true);
        }
      }),
      runs,
    );
  });

  it('clamping is idempotent and always lands inside the bounds', () => {
    fc.assert(
      fc.property(ruleArb, baseArb, (rule, base) => {
        const once = clampBase(rule, base);
        expect(once.baseFen).toBeGreaterThanOrEqual(rule.baseLowerFen);
        expect(once.baseFen).toBeLessThanOrEqual(rule.baseUpperFen);
        const twice = clampBase(rule, once.baseFen);
        expect(twice).toEqual({ baseFen: once.baseFen, note: null });
      }),
      runs,
    );
  });

  it('applying a rate is exact for any base in range (checked against BigInt)', () => {
    fc.assert(
      fc.property(
        baseArb,
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.constantFrom(1, 10, 100 as const),
        (base, ppm, step) => {
          const exact = BigInt(base) * BigInt(ppm);
          const unit = 1_000_000n * BigInt(step);
          const q = exact / unit;
          const r = exact % unit;
          const expected = (r * 2n >= unit ? q + 1n : q) * BigInt(step);
          expect(applyRate(base, ppm, step as 1, 'half-up')).toBe(Number(expected));
        },
      ),
      runs,
    );
  });

  it('fen ↔ yuan text round-trips', () => {
    fc.assert(
      fc.property(baseArb, (fen) => {
        expect(yuanToFen(fenToYuan(fen))).toBe(fen);
      }),
      runs,
    );
  });

  it('batch totals equal the sum of every person’s parts', () => {
    fc.assert(
      fc.property(
        ruleArb,
        fc.array(fc.tuple(baseArb, flagsArb), { maxLength: 50 }),
        (rule, people) => {
          const rates = compileRates(rule, { injuryClass: 3 });
          const sums = new FigureTotals();
          const figures = new Float64Array(FIGURES_PER_PERSON);
          let unit = 0;
          let personal = 0;
          for (const [base, flags] of people) {
            writeFigures(figures, 0, rates, base, flags);
            sums.add(figures, 0);
            const p = calculatePerson(rates, base, flags);
            expect(personAt(figures, 0)).toEqual(p);
            unit += p.unitTotalFen;
            personal += p.personalTotalFen;
          }
          const totals = sums.totals();
          expect(totals.headcount).toBe(people.length);
          expect(totals.unitTotalFen).toBe(unit);
          expect(totals.personalTotalFen).toBe(personal);
          expect(totals.totalFen).toBe(unit + personal);
          expect(totals.unitTotalFen).toBe(
            totals.pensionUnitFen +
              totals.medicalUnitFen +
              totals.unemploymentUnitFen +
              totals.injuryUnitFen +
              totals.maternityUnitFen,
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('applyRate against exact big-integer arithmetic', () => {
  it('rounds every base and rate exactly as integer division would', () => {
    const mode = fc.constantFrom<'half-up' | 'down' | 'up'>('half-up', 'down', 'up');
    const step = fc.constantFrom<1 | 10 | 100>(1, 10, 100);
    const base = fc.oneof(
      fc.integer({ min: 0, max: MAX_FEN }),
      fc.integer({ min: MAX_FEN - 1000, max: MAX_FEN }),
    );
    fc.assert(
      fc.property(base, fc.integer({ min: 0, max: 1_000_000 }), step, mode, (b, ppm, st, m) => {
        const num = BigInt(b) * BigInt(ppm);
        const den = 1_000_000n * BigInt(st);
        const q = num / den;
        const r = num % den;
        const rounded =
          r === 0n || m === 'down' ? q : m === 'up' ? q + 1n : 2n * r >= den ? q + 1n : q;
        expect(applyRate(b, ppm, st, m)).toBe(Number(rounded * BigInt(st)));
      }),
      { numRuns: 20_000 },
    );
  });
});
