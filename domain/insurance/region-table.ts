// Region rule tables (resources/regions/*.json): rates, base bounds and rounding per region and
// period. Figures nobody could source precisely carry `example: true` and a note, so the UI can
// say "示例数据" instead of presenting a guess as law. Loading the files is the caller's job;
// this module only checks and compiles what was read.
import { z } from 'zod';
import { monthPattern, monthSchema } from '../month';
import {
  mulDivRound,
  percentToPpm,
  yuanToFen,
  roundFen,
  type RoundingMode,
  type RoundingStep,
  PPM_PER_PERCENT,
} from '../money';
import type { InsuranceKind } from './kinds';

export { monthSchema };

const percentString = z
  .string()
  .refine((s) => percentToPpm(s) !== null, 'a percent as an exact decimal string, e.g. "0.5"');
/** A contribution rate: at most 100 %. */
const ratePercent = percentString.refine(
  (s) => percentToPpm(s)! <= 100 * PPM_PER_PERCENT,
  'a rate is at most 100 %',
);
const yuanString = z
  .string()
  .refine((s) => yuanToFen(s) !== null, 'yuan as a decimal string, e.g. "7413.50"');

/** Any figure group may be an example; then it must say why. */
const provenance = {
  example: z.boolean().optional(),
  note: z.string().min(1).max(500).optional(),
  source: z.string().min(1).max(500).optional(),
};
function exampleNeedsNote(v: {
  example?: boolean | undefined;
  note?: string | undefined;
}): boolean {
  return !v.example || Boolean(v.note);
}
const exampleMessage = { message: 'a figure marked example needs a note saying why' };

const splitRateSchema = z
  .object({ unitPercent: ratePercent, personalPercent: ratePercent, ...provenance })
  .strict()
  .refine(exampleNeedsNote, exampleMessage);

const injuryRateSchema = z
  .object({
    classPercents: z
      .array(percentString)
      .length(8)
      .refine(
        (list) =>
          list.every((p) => {
            const ppm = percentToPpm(p)!;
            return ppm >= 0.2 * PPM_PER_PERCENT && ppm <= 1.9 * PPM_PER_PERCENT;
          }),
        '工伤 class rates lie between 0.2 % and 1.9 %',
      )
      .refine(
        (list) => list.every((p, i) => i === 0 || percentToPpm(p)! >= percentToPpm(list[i - 1]!)!),
        {
          message: '工伤 class rates rise with the class',
        },
      ),
    personalPercent: percentString.refine(
      (p) => percentToPpm(p) === 0,
      '工伤 has no personal part',
    ),
    ...provenance,
  })
  .strict()
  .refine(exampleNeedsNote, exampleMessage);

const maternitySchema = z.union([
  z.object({ mergedIntoMedical: z.literal(true), ...provenance }).strict(),
  z
    .object({
      mergedIntoMedical: z.literal(false),
      unitPercent: ratePercent,
      personalPercent: ratePercent,
      ...provenance,
    })
    .strict()
    .refine(exampleNeedsNote, exampleMessage),
]);

export const baseRoundingValues = ['fen', 'yuan-half-up', 'yuan-up', 'yuan-down'] as const;
export const amountRoundingValues = [
  'fen-half-up',
  'fen-down',
  'jiao-half-up',
  'yuan-half-up',
] as const;

const periodSchema = z
  .object({
    validFrom: monthSchema,
    /** Inclusive; null while in force. */
    validTo: monthSchema.nullable(),
    source: z.string().min(1).max(1000),
    averageMonthlyWage: z
      .object({ yuan: yuanString, year: z.number().int().min(1990).max(2100), ...provenance })
      .strict()
      .refine(exampleNeedsNote, exampleMessage),
    baseBounds: z
      .object({
        lowerPercent: percentString,
        upperPercent: percentString,
        /** Published figures win over the computed ones (regions round them their own way). */
        lowerYuan: yuanString.optional(),
        upperYuan: yuanString.optional(),
        ...provenance,
      })
      .strict()
      .refine(exampleNeedsNote, exampleMessage)
      .refine(
        (b) => percentToPpm(b.lowerPercent)! < percentToPpm(b.upperPercent)!,
        'lower bound below upper',
      ),
    rounding: z
      .object({
        base: z.enum(baseRoundingValues),
        amount: z.enum(amountRoundingValues),
        ...provenance,
      })
      .strict()
      .refine(exampleNeedsNote, exampleMessage),
    kinds: z
      .object({
        pension: splitRateSchema,
        medical: splitRateSchema,
        unemployment: splitRateSchema,
        injury: injuryRateSchema,
        maternity: maternitySchema,
      })
      .strict(),
  })
  .strict()
  .refine(
    (p) => p.validTo === null || p.validFrom <= p.validTo,
    'validFrom must not be after validTo',
  );

export const regionTableSchema = z
  .object({
    region: z
      .object({ code: z.string().regex(/^\d{6}$/), name: z.string().min(1).max(50) })
      .strict(),
    periods: z.array(periodSchema).min(1).max(100),
  })
  .strict()
  .refine(
    (t) => {
      const sorted = [...t.periods].sort((a, b) => (a.validFrom < b.validFrom ? -1 : 1));
      return sorted.every((p, i) => {
        const next = sorted[i + 1];
        return !next || (p.validTo !== null && p.validTo < next.validFrom);
      });
    },
    { message: 'periods of one region must not overlap' },
  );

export type RegionTableJson = z.infer<typeof regionTableSchema>;

export const NATIONAL_REGION_CODE = '000000';

/** One compiled period: integer fen and ppm, ready for 100,000-row batches. */
export interface RegionRule {
  regionCode: string;
  regionName: string;
  validFrom: string;
  validTo: string | null;
  source: string;
  averageMonthlyWageFen: number;
  baseLowerFen: number;
  baseUpperFen: number;
  baseRounding: { step: RoundingStep; mode: RoundingMode };
  amountRounding: { step: RoundingStep; mode: RoundingMode };
  /** ppm of the base; maternity is null when merged into medical. */
  unitPpm: Record<Exclude<InsuranceKind, 'injury' | 'maternity'>, number> & {
    maternity: number | null;
  };
  personalPpm: Record<Exclude<InsuranceKind, 'injury' | 'maternity'>, number> & {
    maternity: number | null;
  };
  /** Index 0 is class 1. */
  injuryClassPpm: readonly number[];
  maternityMergedIntoMedical: boolean;
  /** Paths of figures marked as examples, with their notes. Empty when every figure is sourced. */
  examples: ReadonlyArray<{ path: string; note: string }>;
}

export interface RegionTable {
  regionCode: string;
  regionName: string;
  rules: readonly RegionRule[];
}

const baseRoundingMap: Record<
  (typeof baseRoundingValues)[number],
  { step: RoundingStep; mode: RoundingMode }
> = {
  fen: { step: 1, mode: 'half-up' },
  'yuan-half-up': { step: 100, mode: 'half-up' },
  'yuan-up': { step: 100, mode: 'up' },
  'yuan-down': { step: 100, mode: 'down' },
};
const amountRoundingMap: Record<
  (typeof amountRoundingValues)[number],
  { step: RoundingStep; mode: RoundingMode }
> = {
  'fen-half-up': { step: 1, mode: 'half-up' },
  'fen-down': { step: 1, mode: 'down' },
  'jiao-half-up': { step: 10, mode: 'half-up' },
  'yuan-half-up': { step: 100, mode: 'half-up' },
};

function boundFen(
  wageFen: number,
  percent: string,
  published: string | undefined,
  rounding: { step: RoundingStep; mode: RoundingMode },
): number {
  if (published !== undefined) return yuanToFen(published)!;
  // wage × percent, then the region's base rounding (fen first, half-up).
  const fen = mulDivRound(wageFen, percentToPpm(percent)!, 1_000_000, 'half-up');
  return roundFen(fen, rounding.step, rounding.mode);
}

function compilePeriod(
  region: RegionTableJson['region'],
  p: RegionTableJson['periods'][number],
): RegionRule {
  const examples: Array<{ path: string; note: string }> = [];
  const mark = (
    path: string,
    v: { example?: boolean | undefined; note?: string | undefined },
  ): void => {
    if (v.example) examples.push({ path: `${p.validFrom}.${path}`, note: v.note ?? '' });
  };
  mark('averageMonthlyWage', p.averageMonthlyWage);
  mark('baseBounds', p.baseBounds);
  mark('rounding', p.rounding);
  for (const kind of ['pension', 'medical', 'unemployment', 'injury', 'maternity'] as const) {
    mark(`kinds.${kind}`, p.kinds[kind]);
  }
  const baseRounding = baseRoundingMap[p.rounding.base];
  const wageFen = yuanToFen(p.averageMonthlyWage.yuan)!;
  const maternity = p.kinds.maternity;
  const merged = maternity.mergedIntoMedical;
  return {
    regionCode: region.code,
    regionName: region.name,
    validFrom: p.validFrom,
    validTo: p.validTo,
    source: p.source,
    averageMonthlyWageFen: wageFen,
    baseLowerFen: boundFen(
      wageFen,
      p.baseBounds.lowerPercent,
      p.baseBounds.lowerYuan,
      baseRounding,
    ),
    baseUpperFen: boundFen(
      wageFen,
      p.baseBounds.upperPercent,
      p.baseBounds.upperYuan,
      baseRounding,
    ),
    baseRounding,
    amountRounding: amountRoundingMap[p.rounding.amount],
    unitPpm: {
      pension: percentToPpm(p.kinds.pension.unitPercent)!,
      medical: percentToPpm(p.kinds.medical.unitPercent)!,
      unemployment: percentToPpm(p.kinds.unemployment.unitPercent)!,
      maternity: maternity.mergedIntoMedical ? null : percentToPpm(maternity.unitPercent)!,
    },
    personalPpm: {
      pension: percentToPpm(p.kinds.pension.personalPercent)!,
      medical: percentToPpm(p.kinds.medical.personalPercent)!,
      unemployment: percentToPpm(p.kinds.unemployment.personalPercent)!,
      maternity: maternity.mergedIntoMedical ? null : percentToPpm(maternity.personalPercent)!,
    },
    injuryClassPpm: p.kinds.injury.classPercents.map((c) => percentToPpm(c)!),
    maternityMergedIntoMedical: merged,
    examples,
  };
}

export type ParseRegionTableResult =
  | { ok: true; table: RegionTable }
  | { ok: false; issues: ReadonlyArray<{ path: string; message: string }> };

/** Checks and compiles one region file's parsed JSON. */
export function parseRegionTable(json: unknown): ParseRegionTableResult {
  const parsed = regionTableSchema.safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    };
  }
  const t = parsed.data;
  const rules = t.periods
    .map((p) => compilePeriod(t.region, p))
    .sort((a, b) => (a.validFrom < b.validFrom ? -1 : 1));
  const table: RegionTable = { regionCode: t.region.code, regionName: t.region.name, rules };
  for (const rule of rules) {
    if (rule.baseLowerFen >= rule.baseUpperFen) {
      return {
        ok: false,
        issues: [{ path: `${rule.validFrom}.baseBounds`, message: 'lower bound below upper' }],
      };
    }
  }
  return { ok: true, table };
}

export type RuleLookup =
  | { ok: true; rule: RegionRule; match: 'exact' | 'province' | 'national' }
  | { ok: false; code: 'RULE_NOT_FOUND' };

function periodFor(table: RegionTable | undefined, month: string): RegionRule | undefined {
  if (!table) return undefined;
  for (const rule of table.rules) {
    if (rule.validFrom <= month && (rule.validTo === null || month <= rule.validTo)) return rule;
  }
  return undefined;
}

/**
 * The rule in force for a region (e.g. 320100 南京) and month: the region's own table, else its
 * province's (320000), else the national default.
 */
export function ruleFor(
  tables: readonly RegionTable[],
  regionCode: string,
  month: string,
): RuleLookup {
  if (!monthPattern.test(month)) return { ok: false, code: 'RULE_NOT_FOUND' };
  const byCode = (code: string): RegionTable | undefined =>
    tables.find((t) => t.regionCode === code);
  const exact = periodFor(byCode(regionCode), month);
  if (exact) return { ok: true, rule: exact, match: 'exact' };
  const provinceCode = `${regionCode.slice(0, 2)}0000`;
  if (provinceCode !== regionCode) {
    const province = periodFor(byCode(provinceCode), month);
    if (province) return { ok: true, rule: province, match: 'province' };
  }
  const national = periodFor(byCode(NATIONAL_REGION_CODE), month);
  if (national) return { ok: true, rule: national, match: 'national' };
  return { ok: false, code: 'RULE_NOT_FOUND' };
}
