// 月度申报: computed, never typed in. Everyone on the roster who is insured in the month, their
// base clamped to the region's bounds, every kind's unit and personal part, and the totals.
import { z } from 'zod';
import { fenToYuan } from '../money';
import {
  FIGURES_PER_PERSON,
  FigureTotals,
  baseNoteAt,
  compileRates,
  declaredBaseAt,
  personAt,
  writeFigures,
  type ContributionTotals,
  type PersonContribution,
  type UnitSettings,
} from '../insurance/contribution';
import type { KindFlags } from '../insurance/kinds';
import type { RegionRule } from '../insurance/region-table';
import { monthIndex } from '../insurance/working-age';
import { fieldLabels } from '../labels';
import { makeFinding, type Finding } from './findings';
import type { RosterPerson } from './roster';

export interface MonthlyContext {
  rule: RegionRule;
  unit: UnitSettings;
  /** YYYY-MM */
  month: string;
}

export interface MonthlyRow {
  /** Index into the roster passed in. */
  rosterIndex: number;
  person: RosterPerson;
  contribution: PersonContribution;
}

/**
 * The month's lines, kept compact for 100,000 people: line n is person `people[n]` (roster index
 * `rosterIndexes[n]`) with the figures at n × FIGURES_PER_PERSON; monthlyRows gives them as objects.
 */
export interface MonthlyDeclaration {
  month: string;
  regionCode: string;
  people: RosterPerson[];
  rosterIndexes: Int32Array;
  figures: Float64Array;
  totals: ContributionTotals;
  /** Bases replaced by a bound (warnings); `row` is the roster index. */
  findings: Finding[];
}

/** Insured during `month`: joined on or before it and, if stopped, paid through it. */
export function isInsuredIn(person: RosterPerson, monthIdx: number): boolean {
  if (monthIndex(person.insuredFrom) > monthIdx) return false;
  if (person.status === 'insured') return true;
  return person.lastPaidMonth !== '' && monthIndex(person.lastPaidMonth) >= monthIdx;
}

/** Totals and bound warnings as people are added: what calculating and re-checking share. */
class MonthlyTally {
  private readonly sums = new FigureTotals();
  readonly findings: Finding[] = [];
  private readonly lower: string;
  private readonly upper: string;

  constructor(rule: RegionRule) {
    this.lower = fenToYuan(rule.baseLowerFen);
    this.upper = fenToYuan(rule.baseUpperFen);
  }

  /** Adds the person whose figures are at `at`; `row` is the index their finding carries. */
  add(row: number, figures: Float64Array, at: number): void {
    this.sums.add(figures, at);
    const note = baseNoteAt(figures, at);
    if (note !== null) {
      this.findings.push(
        makeFinding(note, 'warning', 'baseFen', row, {
          field: fieldLabels.baseFen,
          value: fenToYuan(declaredBaseAt(figures, at)),
          bound: note === 'BASE_BELOW_LOWER' ? this.lower : this.upper,
        }),
      );
    }
  }

  totals(): ContributionTotals {
    return this.sums.totals();
  }
}

export function calculateMonthly(
  roster: readonly RosterPerson[],
  ctx: MonthlyContext,
): MonthlyDeclaration {
  const rates = compileRates(ctx.rule, ctx.unit);
  const monthIdx = monthIndex(ctx.month);
  let count = 0;
  for (let i = 0; i < roster.length; i++) if (isInsuredIn(roster[i]!, monthIdx)) count++;
  const people = new Array<RosterPerson>(count);
  const rosterIndexes = new Int32Array(count);
  const figures = new Float64Array(count * FIGURES_PER_PERSON);
  const tally = new MonthlyTally(ctx.rule);
  let n = 0;
  for (let i = 0; i < roster.length; i++) {
    const person = roster[i]!;
    if (!isInsuredIn(person, monthIdx)) continue;
    const at = n * FIGURES_PER_PERSON;
    writeFigures(figures, at, rates, person.baseFen, person.kinds);
    tally.add(i, figures, at);
    people[n] = person;
    rosterIndexes[n] = i;
    n++;
  }
  return {
    month: ctx.month,
    regionCode: ctx.rule.regionCode,
    people,
    rosterIndexes,
    figures,
    totals: tally.totals(),
    findings: tally.findings,
  };
}

/** The month's lines as objects (for views and storage, not for 100,000-line loops). */
export function monthlyRows(m: MonthlyDeclaration): MonthlyRow[] {
  return m.people.map((person, n) => ({
    rosterIndex: m.rosterIndexes[n]!,
    person,
    contribution: personAt(m.figures, n * FIGURES_PER_PERSON),
  }));
}

/**
 * The totals and bound warnings of 月度申报 lines already calculated, against the rule as it is
 * now (`row` in the findings is the line's index). Keeps nothing per line.
 */
export function recheckMonthly(
  lines: readonly { declaredBaseFen: number; kinds: KindFlags }[],
  ctx: MonthlyContext,
): { totals: ContributionTotals; findings: Finding[] } {
  const rates = compileRates(ctx.rule, ctx.unit);
  const tally = new MonthlyTally(ctx.rule);
  const figures = new Float64Array(FIGURES_PER_PERSON);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    writeFigures(figures, 0, rates, line.declaredBaseFen, line.kinds);
    tally.add(i, figures, 0);
  }
  return { totals: tally.totals(), findings: tally.findings };
}

const fen = z.number().int().min(0);
/** The totals as they cross a boundary (IPC, the outbox). */
export const contributionTotalsSchema = z
  .object({
    headcount: z.number().int().min(0),
    pensionUnitFen: fen,
    pensionPersonalFen: fen,
    medicalUnitFen: fen,
    medicalPersonalFen: fen,
    unemploymentUnitFen: fen,
    unemploymentPersonalFen: fen,
    injuryUnitFen: fen,
    maternityUnitFen: fen,
    maternityPersonalFen: fen,
    unitTotalFen: fen,
    personalTotalFen: fen,
    totalFen: fen,
  })
  .strict();
