// Range operations of the grid, pure: what a paste, a fill-down or a clear changes. Each returns
// one EditBatch so the store records it as one undo step.
import type { Cells, ColumnSpec } from '../columns';
import type { EditBatch, GridRow, RowData } from '../model';

export interface CellPos {
  /** Index into the visible (sorted/filtered) rows. */
  row: number;
  /** Index into the grid's columns. */
  col: number;
}

export interface Range {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

export function rangeOf(a: CellPos, b: CellPos): Range {
  return {
    top: Math.min(a.row, b.row),
    bottom: Math.max(a.row, b.row),
    left: Math.min(a.col, b.col),
    right: Math.max(a.col, b.col),
  };
}

export function inRange(r: Range | null, row: number, col: number): boolean {
  return r !== null && row >= r.top && row <= r.bottom && col >= r.left && col <= r.right;
}

export interface BatchResult {
  batch: EditBatch;
  /** Cells written. */
  cells: number;
  /** Cells whose text could not be understood (left unchanged). */
  rejected: number;
}

function setCell(data: Cells, key: string, value: unknown): Cells {
  return { ...data, [key]: value };
}

/** Cells of a range as text, for the clipboard. */
export function copyRange(
  rows: readonly GridRow[],
  columns: readonly ColumnSpec[],
  r: Range,
): string[][] {
  const out: string[][] = [];
  for (let i = r.top; i <= Math.min(r.bottom, rows.length - 1); i++) {
    const data = rows[i]!.data as unknown as Cells;
    const line: string[] = [];
    for (let c = r.left; c <= r.right; c++) line.push(columns[c]!.format(data));
    out.push(line);
  }
  return out;
}

/**
 * A block of text at `at`. One value pasted onto a larger range fills the range (as Excel does);
 * a block longer than the visible rows appends new rows made from `blank`.
 */
export function pasteBlock(
  rows: readonly GridRow[],
  columns: readonly ColumnSpec[],
  target: Range,
  block: readonly (readonly string[])[],
  blank: Cells | null,
): BatchResult {
  const single = block.length === 1 && block[0]!.length === 1;
  const height = single ? target.bottom - target.top + 1 : block.length;
  const width = single ? target.right - target.left + 1 : Math.max(...block.map((b) => b.length));
  const changes = new Map<number, GridRow>();
  const appends: Cells[] = [];
  let cells = 0;
  let rejected = 0;
  for (let dy = 0; dy < height; dy++) {
    const viewRow = target.top + dy;
    const existing = viewRow < rows.length ? rows[viewRow]! : null;
    if (!existing && !blank) break;
    let data: Cells = existing
      ? ((changes.get(existing.rowNo)?.data ?? existing.data) as unknown as Cells)
      : { ...blank! };
    let touched = false;
    for (let dx = 0; dx < width; dx++) {
      const col = columns[target.left + dx];
      if (!col) break;
      const text = single ? block[0]![0]! : (block[dy]![dx] ?? '');
      if (!col.editable) continue;
      const value = col.parse(text);
      if (value === undefined) {
        rejected++;
        continue;
      }
      data = setCell(data, col.key, value);
      touched = true;
      cells++;
    }
    if (!touched) continue;
    if (existing)
      changes.set(existing.rowNo, { rowNo: existing.rowNo, data: data as unknown as RowData });
    else appends.push(data);
  }
  return {
    batch: { changes: [...changes.values()], appends: appends as unknown as RowData[] },
    cells,
    rejected,
  };
}

/** Ctrl+D: the top row of the range copied down; a single cell takes the value above it. */
export function fillDown(
  rows: readonly GridRow[],
  columns: readonly ColumnSpec[],
  r: Range,
): BatchResult {
  const top = r.top === r.bottom ? r.top - 1 : r.top;
  const first = r.top === r.bottom ? r.top : r.top + 1;
  if (top < 0 || top >= rows.length)
    return { batch: { changes: [], appends: [] }, cells: 0, rejected: 0 };
  const source = rows[top]!.data as unknown as Cells;
  const changes: GridRow[] = [];
  let cells = 0;
  for (let i = first; i <= Math.min(r.bottom, rows.length - 1); i++) {
    let data = rows[i]!.data as unknown as Cells;
    for (let c = r.left; c <= r.right; c++) {
      const col = columns[c]!;
      if (!col.editable) continue;
      data = setCell(data, col.key, structuredClone(source[col.key]));
      cells++;
    }
    changes.push({ rowNo: rows[i]!.rowNo, data: data as unknown as RowData });
  }
  return { batch: { changes, appends: [] }, cells, rejected: 0 };
}

/** Delete: every editable cell of the range emptied. */
export function clearRange(
  rows: readonly GridRow[],
  columns: readonly ColumnSpec[],
  r: Range,
): BatchResult {
  const changes: GridRow[] = [];
  let cells = 0;
  for (let i = r.top; i <= Math.min(r.bottom, rows.length - 1); i++) {
    let data = rows[i]!.data as unknown as Cells;
    for (let c = r.left; c <= r.right; c++) {
      const col = columns[c]!;
      if (!col.editable) continue;
      data = setCell(data, col.key, col.parse(''));
      cells++;
    }
    changes.push({ rowNo: rows[i]!.rowNo, data: data as unknown as RowData });
  }
  return { batch: { changes, appends: [] }, cells, rejected: 0 };
}
