// What the grid shows of its rows: the column filters, the 只看有问题的行 switch and the sort.
import { useMemo, useState } from 'react';
import type { SortColumn } from 'react-data-grid';
import type { ColumnSpec } from '../columns';
import type { CellFinding, ShownRow } from '../model';

/** Findings by row and field, the worst one kept per cell. */
export type FindingIndex = ReadonlyMap<number, ReadonlyMap<string, CellFinding>>;

export function indexFindings(findings: readonly CellFinding[]): FindingIndex {
  const byRow = new Map<number, Map<string, CellFinding>>();
  for (const f of findings) {
    let cells = byRow.get(f.rowNo);
    if (!cells) byRow.set(f.rowNo, (cells = new Map()));
    const had = cells.get(f.field);
    if (!had || (had.severity === 'warning' && f.severity === 'error')) cells.set(f.field, f);
  }
  return byRow;
}

const collator = new Intl.Collator('zh-CN', { numeric: true });

export type Filters = Readonly<Record<string, string>>;

export function useGridView(
  rows: readonly ShownRow[],
  specs: readonly ColumnSpec[],
  findings: FindingIndex,
  onlyProblems: boolean,
) {
  const [sortColumns, setSortColumns] = useState<readonly SortColumn[]>([]);
  const [filters, setFilters] = useState<Filters>({});

  /** Row number → position in the declaration (the grid's row numbers). */
  const positionOf = useMemo(() => {
    const m = new Map<number, number>();
    rows.forEach((r, i) => m.set(r.rowNo, i));
    return m;
  }, [rows]);

  const activeFilters = useMemo(
    () =>
      Object.entries(filters)
        .filter(([, v]) => v.trim() !== '')
        .flatMap(([key, v]) => {
          const spec = specs.find((s) => s.key === key);
          return spec ? [{ spec, needle: v.trim() }] : [];
        }),
    [filters, specs],
  );

  const view = useMemo<readonly ShownRow[]>(() => {
    let list: readonly ShownRow[] = rows;
    if (activeFilters.length > 0 || onlyProblems) {
      list = rows.filter((r) => {
        if (onlyProblems && !findings.has(r.rowNo) && !hasKept(r)) return false;
        return activeFilters.every((f) => f.spec.format(r.data).includes(f.needle));
      });
    }
    const sort = sortColumns[0];
    const spec = sort && specs.find((s) => s.key === sort.columnKey);
    if (sort && spec) {
      const keyed = list.map((r) => ({ r, k: spec.sortValue(r.data) }));
      const dir = sort.direction === 'ASC' ? 1 : -1;
      keyed.sort((a, b) => {
        const c =
          typeof a.k === 'number' && typeof b.k === 'number'
            ? a.k - b.k
            : collator.compare(String(a.k), String(b.k));
        return c * dir;
      });
      list = keyed.map((x) => x.r);
    }
    return list;
  }, [rows, activeFilters, sortColumns, specs, onlyProblems, findings]);

  /** Row number → index in the view. */
  const viewIndex = useMemo(() => {
    const m = new Map<number, number>();
    view.forEach((r, i) => m.set(r.rowNo, i));
    return m;
  }, [view]);

  return {
    view,
    viewIndex,
    positionOf,
    filters,
    setFilters,
    sortColumns,
    setSortColumns,
  };
}

/** A row holding text kept as written (an error even before 数据校验 runs). */
export function hasKept(row: ShownRow): boolean {
  const raw = (row.data as { raw?: Record<string, string> }).raw;
  return raw !== undefined && Object.keys(raw).length > 0;
}
