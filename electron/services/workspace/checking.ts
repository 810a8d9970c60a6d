// 数据校验 by the domain's rules, and the 月度申报 lines calculated from the roster.
import { AppError } from '../../../domain/errors';
import type { Batch } from '../../../domain/declarations/checks';
import { checkDeclarationRows } from '../../../domain/declarations/unread-cells';
import {
  calculateMonthly,
  monthlyRows,
  recheckMonthly,
} from '../../../domain/declarations/monthly';
import type { Finding } from '../../../domain/declarations/findings';
import type { InjuryClass } from '../../../domain/insurance/kinds';
import type {
  DeclarationSummary,
  FindingView,
  MonthlyLine,
  ValidationResult,
} from '../../contract/views-workspace';
import type { UnitRule } from './regions';
import type { WorkspaceScope } from './scope';

const DEFAULT_INJURY_CLASS: InjuryClass = 1;

export class Checking {
  constructor(private readonly scope: WorkspaceScope) {}

  validate(id: string): ValidationResult {
    const doc = this.scope.doc(id);
    const { unitNo, month, kind } = doc.meta;
    const { rule } = this.scope.rule(unitNo, month);
    let findings: Finding[];
    let totals: ValidationResult['totals'] = null;
    if (kind === 'monthly') {
      // The stored lines are who was insured when computed: check their bases again, now.
      const result = recheckMonthly(doc.rows as MonthlyLine[], {
        rule,
        unit: { injuryClass: DEFAULT_INJURY_CLASS },
        month,
      });
      findings = result.findings;
      totals = result.totals;
    } else {
      const batch = { kind, rows: doc.rows } as Batch;
      findings = checkDeclarationRows(batch, {
        rule,
        roster: this.scope.cache().rosterIndex(unitNo),
        month,
        today: this.scope.today(),
      });
    }
    let errorCount = 0;
    const views: FindingView[] = new Array(findings.length);
    for (let i = 0; i < findings.length; i++) {
      const f = findings[i]!;
      if (f.severity === 'error') errorCount++;
      views[i] = { ...f, rowNo: doc.rowNos[f.row]! };
    }
    return { findings: views, errorCount, warningCount: findings.length - errorCount, totals };
  }

  /** The unit's insured people as 月度申报 lines for the month. */
  monthlyLines(unitNo: string, month: string, { rule }: UnitRule): MonthlyLine[] {
    const result = calculateMonthly(this.scope.cache().roster(unitNo), {
      rule,
      unit: { injuryClass: DEFAULT_INJURY_CLASS },
      month,
    });
    return monthlyRows(result).map(({ person, contribution: c }) => ({
      name: person.name,
      documentType: person.documentType,
      documentNumber: person.documentNumber,
      kinds: person.kinds,
      declaredBaseFen: c.declaredBaseFen,
      baseFen: c.baseFen,
      pensionUnitFen: c.pensionUnitFen,
      pensionPersonalFen: c.pensionPersonalFen,
      medicalUnitFen: c.medicalUnitFen,
      medicalPersonalFen: c.medicalPersonalFen,
      unemploymentUnitFen: c.unemploymentUnitFen,
      unemploymentPersonalFen: c.unemploymentPersonalFen,
      injuryUnitFen: c.injuryUnitFen,
      maternityUnitFen: c.maternityUnitFen,
      maternityPersonalFen: c.maternityPersonalFen,
      unitTotalFen: c.unitTotalFen,
      personalTotalFen: c.personalTotalFen,
      totalFen: c.totalFen,
    }));
  }

  /** A 月度申报 draft calculated again from today's roster; other kinds stay as they are. */
  recalculate(id: string): DeclarationSummary {
    const doc = this.scope.doc(id);
    if (doc.meta.state !== 'draft') throw new AppError('DECLARATION_NOT_DRAFT');
    if (doc.meta.kind !== 'monthly') return doc.meta;
    const { unitNo, month } = doc.meta;
    const lines = this.monthlyLines(unitNo, month, this.scope.rule(unitNo, month));
    this.scope.cache().store.replaceRows(id, lines, this.scope.stamp());
    return this.scope.summary(id);
  }
}
