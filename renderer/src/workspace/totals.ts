// The totals row: 人数 and the money columns summed in fen, shown in 元 with thousands separators.
import { ui } from '../../../domain/ui-text';
import { formatYuan } from './columns';
import type { DeclarationKind, GridRow } from './model';

const moneyFields: Record<DeclarationKind, readonly string[]> = {
  addition: ['wageFen'],
  reduction: [],
  base: ['lastYearAverageWageFen'],
  monthly: ['baseFen', 'unitTotalFen', 'personalTotalFen', 'totalFen'],
};

export function totalsOf(kind: DeclarationKind, rows: readonly GridRow[]): Record<string, string> {
  const fields = moneyFields[kind];
  const sums = fields.map(() => 0);
  for (const r of rows) {
    const d = r.data as Record<string, unknown>;
    for (let i = 0; i < fields.length; i++) {
      const v = d[fields[i]!];
      if (typeof v === 'number') sums[i]! += v;
    }
  }
  const out: Record<string, string> = {
    __rowNo: ui.workspace.totalsLabel,
    name: ui.workspace.headcount(rows.length),
  };
  fields.forEach((f, i) => (out[f] = formatYuan(sums[i]!)));
  return out;
}
