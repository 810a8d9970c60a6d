// 问题列表 grouped by kind: one group per column, problem and — for text the column could not
// read — the text itself, so "用工形式 值不可识别 “正式” ×920" is one line with one fix.
import type { ColumnSpec } from './columns';
import type { FindingView, ShownRow } from './model';

export interface ProblemGroup {
  key: string;
  field: string;
  code: string;
  severity: 'error' | 'warning';
  /** The text the cells kept as written, when the group is about one such text. */
  kept: string | null;
  /** One finding's message, as an example of what the group is about. */
  message: string;
  action: string;
  rowNos: number[];
  /** The column the group's cells are in (null for a field the grid does not show). */
  column: ColumnSpec | null;
}

export function groupProblems(
  findings: readonly FindingView[],
  rows: ReadonlyMap<number, ShownRow>,
  columns: readonly ColumnSpec[],
): ProblemGroup[] {
  const byKey = new Map<string, ProblemGroup>();
  for (const f of findings) {
    const column = columns.find((c) => c.key === f.field) ?? null;
    const row = rows.get(f.rowNo);
    const kept = row && column ? (column.kept(row.data) ?? null) : null;
    const key = `${f.field}\u0000${f.code}\u0000${kept ?? ''}`;
    let g = byKey.get(key);
    if (!g) {
      g = {
        key,
        field: f.field,
        code: f.code,
        severity: f.severity,
        kept,
        message: f.message,
        action: f.action,
        rowNos: [],
        column,
      };
      byKey.set(key, g);
    }
    if (g.rowNos[g.rowNos.length - 1] !== f.rowNo) g.rowNos.push(f.rowNo);
  }
  // Errors first, then the biggest groups: what fixes the most with one step comes first.
  return [...byKey.values()].sort((a, b) =>
    a.severity !== b.severity
      ? a.severity === 'error'
        ? -1
        : 1
      : b.rowNos.length - a.rowNos.length,
  );
}

/** Whether one value written into every cell of the group can fix it. */
export function canFixByValue(g: ProblemGroup): boolean {
  return g.column !== null && g.column.editable && fixable.has(g.code);
}

const fixable = new Set([
  'CHOICE_INVALID',
  'AMOUNT_INVALID',
  'DATE_INVALID',
  'MONTH_INVALID',
  'FIELD_REQUIRED',
  'TEXT_TOO_LONG',
  'CELL_KEPT_AS_WRITTEN',
  'KINDS_NONE',
  'WAGE_ZERO',
  'MOBILE_FORMAT',
]);
