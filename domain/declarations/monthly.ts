// 月度申报: computed, never typed in. Everyone on the roster who is insured in the month, their
// base clamped to the region's bounds, every kind's unit and personal part, and the totals.
import { z } from 'zod';
import { fenToYuan } from '../money';
import {
  addToTotals,
  calculatePerson,
  compileRates,
  emptyTotals,
  type ContributionTotals,
  PersonContribution,
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

/** A person's 月度申报 line: their contribution, with who they are. */
export class MonthlyRow extends PersonContribution {
  constructor(
    /** Index into the roster passed in. */
    readonly rosterIndex: number,
    readonly person: RosterPerson,
  ) {
    super();
  }
}

export interface MonthlyDeclaration {
  month: string;
  regionCode: string;
  rows: MonthlyRow[];
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
  readonly totals = emptyTotals();
  readonly findings: Finding[] = [];
  private readonly lower: string;
  private readonly upper: string;

  constructor(rule: RegionRule) {
    this.lower = fenToYuan(rule.baseLowerFen);
    this.upper = fenToYuan(rule.baseUpperFen);
  }

  /** Adds person `row` (an index the findings will carry) with the base they declared. */
  add(row: number, declaredBaseFen: number, contribution: PersonContribution): void {
    addToTotals(this.totals, contribution);
    if (contribution.baseNote !== null) {
      this.findings.push(
        makeFinding(contribution.baseNote, 'warning', 'baseFen', row, {
          field: fieldLabels.baseFen,
          value: fenToYuan(declaredBaseFen),
          bound: contribution.baseNote === 'BASE_BELOW_LOWER' ? this.lower : this.upper,
        }),
      );
    }
  }
}

export function calculateMonthly(
  roster: readonly RosterPerson[],
  ctx: MonthlyContext,
): MonthlyDeclaration {
  const rates = compileRates(ctx.rule, ctx.unit);
  const monthIdx = monthIndex(ctx.month);
  const rows: MonthlyRow[] = [];
  const tally = new MonthlyTally(ctx.rule);
  for (let i = 0; i < roster.length; i++) {
    const person = roster[i]!;
    if (!isInsuredIn(person, monthIdx)) continue;
    const row = calculatePerson(rates, person.baseFen, person.kinds, new MonthlyRow(i, person));
    rows.push(row);
    tally.add(i, person.baseFen, row);
  }
  return {
    month: ctx.month,
    regionCode: ctx.rule.regionCode,
    rows,
    totals: tally.totals,
    findings: tally.findings,
  };
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
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    tally.add(i, line.declaredBaseFen, calculatePerson(rates, line.declaredBaseFen, line.kinds));
  }
  return { totals: tally.totals, findings: tally.findings };
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
