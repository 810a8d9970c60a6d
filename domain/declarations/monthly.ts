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
  type PersonContribution,
  type UnitSettings,
} from '../insurance/contribution';
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

export function calculateMonthly(
  roster: readonly RosterPerson[],
  ctx: MonthlyContext,
): MonthlyDeclaration {
  const rates = compileRates(ctx.rule, ctx.unit);
  const monthIdx = monthIndex(ctx.month);
  const rows: MonthlyRow[] = [];
  const findings: Finding[] = [];
  const totals = emptyTotals();
  const lower = fenToYuan(ctx.rule.baseLowerFen);
  const upper = fenToYuan(ctx.rule.baseUpperFen);
  for (let i = 0; i < roster.length; i++) {
    const person = roster[i]!;
    if (!isInsuredIn(person, monthIdx)) continue;
    const contribution = calculatePerson(rates, person.baseFen, person.kinds);
    rows.push({ rosterIndex: i, person, contribution });
    addToTotals(totals, contribution);
    if (contribution.baseNote !== null) {
      findings.push(
        makeFinding(contribution.baseNote, 'warning', 'baseFen', i, {
          field: fieldLabels.baseFen,
          value: fenToYuan(person.baseFen),
          bound: contribution.baseNote === 'BASE_BELOW_LOWER' ? lower : upper,
        }),
      );
    }
  }
  return { month: ctx.month, regionCode: ctx.rule.regionCode, rows, totals, findings };
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
