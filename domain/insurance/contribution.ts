// Contribution maths in integer fen: base clamped to the region's bounds, each kind's unit and
// personal part rounded as the table says, totals as plain sums of the rounded parts (so a
// printed row always adds up).
import { applyRate, MAX_FEN, roundFen, type RoundingMode, type RoundingStep } from '../money';
import type { InjuryClass, InsuranceKind, KindFlags } from './kinds';
import type { RegionRule } from './region-table';

export type BaseNote = 'BASE_BELOW_LOWER' | 'BASE_ABOVE_UPPER';

export interface ClampedBase {
  baseFen: number;
  /** Set when the declared figure was replaced by a bound. */
  note: BaseNote | null;
}

/**
 * The base used for contributions. Out of bounds → the bound (exactly); inside → rounded as the
 * region says, never leaving the bounds. Idempotent: clamping a clamped base changes nothing.
 */
export function clampBaseFen(rule: RegionRule, declaredFen: number): number {
  if (!(declaredFen > rule.baseLowerFen)) return rule.baseLowerFen; // also NaN
  if (declaredFen >= rule.baseUpperFen) return rule.baseUpperFen;
  const rounded = roundFen(Math.round(declaredFen), rule.baseRounding.step, rule.baseRounding.mode);
  return rounded < rule.baseLowerFen
    ? rule.baseLowerFen
    : rounded > rule.baseUpperFen
      ? rule.baseUpperFen
      : rounded;
}

/** Why the declared figure was replaced by a bound, if it was. */
export function baseNoteOf(rule: RegionRule, declaredFen: number): BaseNote | null {
  if (Number.isNaN(declaredFen) || declaredFen < rule.baseLowerFen) return 'BASE_BELOW_LOWER';
  if (declaredFen > rule.baseUpperFen) return 'BASE_ABOVE_UPPER';
  return null;
}

export function clampBase(rule: RegionRule, declaredFen: number): ClampedBase {
  return { baseFen: clampBaseFen(rule, declaredFen), note: baseNoteOf(rule, declaredFen) };
}

/** What a unit adds to the region rule: its 工伤 risk class and, if set, its floated rate. */
export interface UnitSettings {
  injuryClass: InjuryClass;
  /** 浮动费率 as ppm of the base, when the unit's rate differs from the class rate. */
  injuryPpmOverride?: number;
}

/** Rates of one rule and unit, flattened once per batch. */
export interface CompiledRates {
  rule: RegionRule;
  pensionUnit: number;
  pensionPersonal: number;
  medicalUnit: number;
  medicalPersonal: number;
  unemploymentUnit: number;
  unemploymentPersonal: number;
  injuryUnit: number;
  maternityUnit: number;
  maternityPersonal: number;
  maternitySeparate: boolean;
}

export function compileRates(rule: RegionRule, unit: UnitSettings): CompiledRates {
  const injury = unit.injuryPpmOverride ?? rule.injuryClassPpm[unit.injuryClass - 1];
  if (injury === undefined) throw new RangeError(`no 工伤 rate for class ${unit.injuryClass}`);
  return {
    rule,
    pensionUnit: rule.unitPpm.pension,
    pensionPersonal: rule.personalPpm.pension,
    medicalUnit: rule.unitPpm.medical,
    medicalPersonal: rule.personalPpm.medical,
    unemploymentUnit: rule.unitPpm.unemployment,
    unemploymentPersonal: rule.personalPpm.unemployment,
    injuryUnit: injury,
    maternityUnit: rule.unitPpm.maternity ?? 0,
    maternityPersonal: rule.personalPpm.maternity ?? 0,
    maternitySeparate: !rule.maternityMergedIntoMedical,
  };
}

/** The amounts, per kind and side, that a person's month and a sum of months both carry. */
export interface ContributionAmounts {
  pensionUnitFen: number;
  pensionPersonalFen: number;
  medicalUnitFen: number;
  medicalPersonalFen: number;
  unemploymentUnitFen: number;
  unemploymentPersonalFen: number;
  injuryUnitFen: number;
  maternityUnitFen: number;
  maternityPersonalFen: number;
  unitTotalFen: number;
  personalTotalFen: number;
  totalFen: number;
}

/**
 * One person's month, flat so 100,000 of them stay cheap. A class so that a caller's row type can
 * extend it and carry its own fields on the same object (one allocation per person).
 */
export class PersonContribution implements ContributionAmounts {
  declaredBaseFen = 0;
  baseFen = 0;
  baseNote: BaseNote | null = null;
  pensionUnitFen = 0;
  pensionPersonalFen = 0;
  medicalUnitFen = 0;
  medicalPersonalFen = 0;
  unemploymentUnitFen = 0;
  unemploymentPersonalFen = 0;
  injuryUnitFen = 0;
  maternityUnitFen = 0;
  maternityPersonalFen = 0;
  unitTotalFen = 0;
  personalTotalFen = 0;
  totalFen = 0;
}

function part(
  on: boolean,
  baseFen: number,
  ppm: number,
  step: RoundingStep,
  mode: RoundingMode,
): number {
  return on && ppm > 0 ? applyRate(baseFen, ppm, step, mode) : 0;
}

/** One person's month from the base they declared. */
export function calculatePerson(
  rates: CompiledRates,
  declaredBaseFen: number,
  kinds: KindFlags,
): PersonContribution;
/** The same, written into `into` (a caller's row that carries more). */
export function calculatePerson<T extends PersonContribution>(
  rates: CompiledRates,
  declaredBaseFen: number,
  kinds: KindFlags,
  into: T,
): T;
export function calculatePerson(
  rates: CompiledRates,
  declaredBaseFen: number,
  kinds: KindFlags,
  r: PersonContribution = new PersonContribution(),
): PersonContribution {
  const rule = rates.rule;

  const baseFen = clampBaseFen(rule, Math.min(declaredBaseFen, MAX_FEN));
  const step = rule.amountRounding.step;
  const mode = rule.amountRounding.mode;
  const maternityOn = kinds.maternity && rates.maternitySeparate;
  r.declaredBaseFen = declaredBaseFen;
  r.baseFen = baseFen;
  r.baseNote = baseNoteOf(rule, declaredBaseFen);
  r.pensionUnitFen = part(kinds.pension, baseFen, rates.pensionUnit, step, mode);
  r.pensionPersonalFen = part(kinds.pension, baseFen, rates.pensionPersonal, step, mode);
  r.medicalUnitFen = part(kinds.medical, baseFen, rates.medicalUnit, step, mode);
  r.medicalPersonalFen = part(kinds.medical, baseFen, rates.medicalPersonal, step, mode);
  r.unemploymentUnitFen = part(kinds.unemployment, baseFen, rates.unemploymentUnit, step, mode);
  r.unemploymentPersonalFen = part(
    kinds.unemployment,
    baseFen,
    rates.unemploymentPersonal,
    step,
    mode,
  );
  r.injuryUnitFen = part(kinds.injury, baseFen, rates.injuryUnit, step, mode);
  r.maternityUnitFen = part(maternityOn, baseFen, rates.maternityUnit, step, mode);
  r.maternityPersonalFen = part(maternityOn, baseFen, rates.maternityPersonal, step, mode);
  r.unitTotalFen =
    r.pensionUnitFen +
    r.medicalUnitFen +
    r.unemploymentUnitFen +
    r.injuryUnitFen +
    r.maternityUnitFen;
  r.personalTotalFen =
    r.pensionPersonalFen +
    r.medicalPersonalFen +
    r.unemploymentPersonalFen +
    r.maternityPersonalFen;
  r.totalFen = r.unitTotalFen + r.personalTotalFen;
  return r;
}

/** The same figures keyed by kind, for views and reports. */
export function partsByKind(
  p: PersonContribution,
): Record<InsuranceKind, { unitFen: number; personalFen: number }> {
  return {
    pension: { unitFen: p.pensionUnitFen, personalFen: p.pensionPersonalFen },
    medical: { unitFen: p.medicalUnitFen, personalFen: p.medicalPersonalFen },
    unemployment: { unitFen: p.unemploymentUnitFen, personalFen: p.unemploymentPersonalFen },
    injury: { unitFen: p.injuryUnitFen, personalFen: 0 },
    maternity: { unitFen: p.maternityUnitFen, personalFen: p.maternityPersonalFen },
  };
}

export interface ContributionTotals extends ContributionAmounts {
  headcount: number;
}

export function emptyTotals(): ContributionTotals {
  return {
    headcount: 0,
    pensionUnitFen: 0,
    pensionPersonalFen: 0,
    medicalUnitFen: 0,
    medicalPersonalFen: 0,
    unemploymentUnitFen: 0,
    unemploymentPersonalFen: 0,
    injuryUnitFen: 0,
    maternityUnitFen: 0,
    maternityPersonalFen: 0,
    unitTotalFen: 0,
    personalTotalFen: 0,
    totalFen: 0,
  };
}

/** Adds one person into running totals (in place: no allocation per row). */
export function addToTotals(t: ContributionTotals, p: PersonContribution): void {
  t.headcount += 1;
  t.pensionUnitFen += p.pensionUnitFen;
  t.pensionPersonalFen += p.pensionPersonalFen;
  t.medicalUnitFen += p.medicalUnitFen;
  t.medicalPersonalFen += p.medicalPersonalFen;
  t.unemploymentUnitFen += p.unemploymentUnitFen;
  t.unemploymentPersonalFen += p.unemploymentPersonalFen;
  t.injuryUnitFen += p.injuryUnitFen;
  t.maternityUnitFen += p.maternityUnitFen;
  t.maternityPersonalFen += p.maternityPersonalFen;
  t.unitTotalFen += p.unitTotalFen;
  t.personalTotalFen += p.personalTotalFen;
  t.totalFen += p.totalFen;
}
