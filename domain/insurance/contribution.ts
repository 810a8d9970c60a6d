// Contribution maths in integer fen: base clamped to the region's bounds, each kind's unit and
// personal part rounded as the table says, totals as plain sums of the rounded parts (so a
// printed row always adds up).
import { applyRate, MAX_FEN, roundFen, type RoundingMode, type RoundingStep } from '../money';
import type { InjuryClass, KindFlags } from './kinds';
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

/** One person's month, flat so 100,000 of them stay cheap. */
export interface PersonContribution extends ContributionAmounts {
  declaredBaseFen: number;
  baseFen: number;
  baseNote: BaseNote | null;
}

/**
 * A person's month as numbers in a row of figures (FIGURES_PER_PERSON of them, at these places),
 * so a batch keeps 100,000 people in one Float64Array instead of 100,000 objects.
 */
const enum At {
  declaredBase = 0,
  base = 1,
  /** 0: none, 1: BASE_BELOW_LOWER, 2: BASE_ABOVE_UPPER. */
  note = 2,
  pensionUnit = 3,
  pensionPersonal = 4,
  medicalUnit = 5,
  medicalPersonal = 6,
  unemploymentUnit = 7,
  unemploymentPersonal = 8,
  injuryUnit = 9,
  maternityUnit = 10,
  maternityPersonal = 11,
  unitTotal = 12,
  personalTotal = 13,
  total = 14,
}
export const FIGURES_PER_PERSON = 15;
/** The amounts (pension unit … total) sit at these places, in ContributionAmounts order. */
const FIRST_AMOUNT = At.pensionUnit;

function part(
  on: boolean,
  baseFen: number,
  ppm: number,
  step: RoundingStep,
  mode: RoundingMode,
): number {
  return on && ppm > 0 ? applyRate(baseFen, ppm, step, mode) : 0;
}

/** One person's month from the base they declared, written into `out` from place `at`. */
export function writeFigures(
  out: Float64Array,
  at: number,
  rates: CompiledRates,
  declaredBaseFen: number,
  kinds: KindFlags,
): void {
  const rule = rates.rule;
  const baseFen = clampBaseFen(rule, Math.min(declaredBaseFen, MAX_FEN));
  const step = rule.amountRounding.step;
  const mode = rule.amountRounding.mode;
  const maternityOn = kinds.maternity && rates.maternitySeparate;
  const note = baseNoteOf(rule, declaredBaseFen);
  const pensionUnit = part(kinds.pension, baseFen, rates.pensionUnit, step, mode);
  const pensionPersonal = part(kinds.pension, baseFen, rates.pensionPersonal, step, mode);
  const medicalUnit = part(kinds.medical, baseFen, rates.medicalUnit, step, mode);
  const medicalPersonal = part(kinds.medical, baseFen, rates.medicalPersonal, step, mode);
  const unemploymentUnit = part(kinds.unemployment, baseFen, rates.unemploymentUnit, step, mode);
  const unemploymentPersonal = part(
    kinds.unemployment,
    baseFen,
    rates.unemploymentPersonal,
    step,
    mode,
  );
  const injuryUnit = part(kinds.injury, baseFen, rates.injuryUnit, step, mode);
  const maternityUnit = part(maternityOn, baseFen, rates.maternityUnit, step, mode);
  const maternityPersonal = part(maternityOn, baseFen, rates.maternityPersonal, step, mode);
  const unitTotal = pensionUnit + medicalUnit + unemploymentUnit + injuryUnit + maternityUnit;
  const personalTotal =
    pensionPersonal + medicalPersonal + unemploymentPersonal + maternityPersonal;
  out[at + At.declaredBase] = declaredBaseFen;
  out[at + At.base] = baseFen;
  out[at + At.note] = note === null ? 0 : note === 'BASE_BELOW_LOWER' ? 1 : 2;
  out[at + At.pensionUnit] = pensionUnit;
  out[at + At.pensionPersonal] = pensionPersonal;
  out[at + At.medicalUnit] = medicalUnit;
  out[at + At.medicalPersonal] = medicalPersonal;
  out[at + At.unemploymentUnit] = unemploymentUnit;
  out[at + At.unemploymentPersonal] = unemploymentPersonal;
  out[at + At.injuryUnit] = injuryUnit;
  out[at + At.maternityUnit] = maternityUnit;
  out[at + At.maternityPersonal] = maternityPersonal;
  out[at + At.unitTotal] = unitTotal;
  out[at + At.personalTotal] = personalTotal;
  out[at + At.total] = unitTotal + personalTotal;
}

/** Why the declared base kept at `at` was replaced by a bound, if it was. */
export function baseNoteAt(figures: Float64Array, at: number): BaseNote | null {
  const note = figures[at + At.note];
  return note === 1 ? 'BASE_BELOW_LOWER' : note === 2 ? 'BASE_ABOVE_UPPER' : null;
}

/** The declared base kept at `at`. */
export function declaredBaseAt(figures: Float64Array, at: number): number {
  return figures[at + At.declaredBase]!;
}

/** The person's month kept at `at`, as an object. */
export function personAt(figures: Float64Array, at: number): PersonContribution {
  return {
    declaredBaseFen: figures[at + At.declaredBase]!,
    baseFen: figures[at + At.base]!,
    baseNote: baseNoteAt(figures, at),
    pensionUnitFen: figures[at + At.pensionUnit]!,
    pensionPersonalFen: figures[at + At.pensionPersonal]!,
    medicalUnitFen: figures[at + At.medicalUnit]!,
    medicalPersonalFen: figures[at + At.medicalPersonal]!,
    unemploymentUnitFen: figures[at + At.unemploymentUnit]!,
    unemploymentPersonalFen: figures[at + At.unemploymentPersonal]!,
    injuryUnitFen: figures[at + At.injuryUnit]!,
    maternityUnitFen: figures[at + At.maternityUnit]!,
    maternityPersonalFen: figures[at + At.maternityPersonal]!,
    unitTotalFen: figures[at + At.unitTotal]!,
    personalTotalFen: figures[at + At.personalTotal]!,
    totalFen: figures[at + At.total]!,
  };
}

export interface ContributionTotals extends ContributionAmounts {
  headcount: number;
}

/** Running totals over rows of figures: a headcount and one sum per amount place. */
export class FigureTotals {
  private headcount = 0;
  private readonly sums = new Float64Array(FIGURES_PER_PERSON);

  add(figures: Float64Array, at: number): void {
    this.headcount += 1;
    for (let k = FIRST_AMOUNT; k < FIGURES_PER_PERSON; k++) this.sums[k]! += figures[at + k]!;
  }

  totals(): ContributionTotals {
    // The sums sit where a person's amounts do; the base places stay 0 and are dropped.
    const {
      declaredBaseFen: _declared,
      baseFen: _base,
      baseNote: _note,
      ...amounts
    } = personAt(this.sums, 0);
    return { headcount: this.headcount, ...amounts };
  }
}
