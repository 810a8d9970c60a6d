// Range operations of the grid, pure: what a paste, a fill-down, a clear or a group fix changes.
// Each returns one EditBatch so the store records it as one undo step. Text goes through the
// column's `write` (the domain's field table): what cannot be read is kept in the cell as an error.
import type { FieldContext } from '../../../../domain/declarations/field-table';
import { writeValue, type DraftRow } from '../../../../domain/declarations/field-table';
import type { ColumnSpec } from '../columns';
import { draftOf, type EditBatch, type GridRow, type ShownRow } from '../model';

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
  /** Cells whose text could not be read (kept as written, marked as errors). */
  rejected: number;
  /** Cells read with a doubt the clerk should check (城镇 → 本地城镇 from the ID). */
  noted: number;
}

const none = (): BatchResult => ({
  batch: { changes: [], appends: [] },
  cells: 0,
  rejected: 0,
  noted: 0,
});

/** Cells of a range as text, for the clipboard. */
export function copyRange(
  rows: readonly ShownRow[],
  columns: readonly ColumnSpec[],
  r: Range,
): string[][] {
  const out: string[][] = [];
  for (let i = r.top; i <= Math.min(r.bottom, rows.length - 1); i++) {
    const data = rows[i]!.data;
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
  rows: readonly ShownRow[],
  columns: readonly ColumnSpec[],
  target: Range,
  block: readonly (readonly string[])[],
  blank: DraftRow | null,
  ctx: FieldContext,
): BatchResult {
  const single = block.length === 1 && block[0]!.length === 1;
  const height = single ? target.bottom - target.top + 1 : block.length;
  const width = single ? target.right - target.left + 1 : Math.max(...block.map((b) => b.length));
  const changes = new Map<number, GridRow>();
  const appends: DraftRow[] = [];
  const result = none();
  for (let dy = 0; dy < height; dy++) {
    const viewRow = target.top + dy;
    const existing = viewRow < rows.length ? rows[viewRow]! : null;
    if (!existing && !blank) break;
    let data: DraftRow = existing
      ? draftOf(changes.get(existing.rowNo)?.data ?? existing.data)
      : structuredClone(blank!);
    let touched = false;
    for (let dx = 0; dx < width; dx++) {
      const col = columns[target.left + dx];
      if (!col) break;
      const text = single ? block[0]![0]! : (block[dy]![dx] ?? '');
      if (!col.editable) continue;
      const w = col.write(data, text, ctx);
      data = w.data;
      touched = true;
      result.cells++;
      if (!w.ok) result.rejected++;
      if (w.note) result.noted++;
    }
    if (!touched) continue;
    if (existing) changes.set(existing.rowNo, { rowNo: existing.rowNo, data });
    else appends.push(data);
  }
  result.batch = { changes: [...changes.values()], appends };
  return result;
}

/** The value and kept text of a cell, copied as they are (fill-down never re-reads text). */
function copyCell(from: DraftRow, to: DraftRow, key: string): DraftRow {
  const kept = from.raw?.[key];
  return writeValue(to, key, (from as Record<string, unknown>)[key], kept);
}

/** Ctrl+D: the top row of the range copied down; a single cell takes the value above it. */
export function fillDown(
  rows: readonly ShownRow[],
  columns: readonly ColumnSpec[],
  r: Range,
): BatchResult {
  const top = r.top === r.bottom ? r.top - 1 : r.top;
  const first = r.top === r.bottom ? r.top : r.top + 1;
  if (top < 0 || top >= rows.length) return none();
  const source = draftOf(rows[top]!.data);
  const result = none();
  for (let i = first; i <= Math.min(r.bottom, rows.length - 1); i++) {
    let data = draftOf(rows[i]!.data);
    for (let c = r.left; c <= r.right; c++) {
      const col = columns[c]!;
      if (!col.editable) continue;
      data = copyCell(source, data, col.key);
      result.cells++;
    }
    result.batch.changes.push({ rowNo: rows[i]!.rowNo, data });
  }
  return result;
}

/** Delete: every editable cell of the range emptied (its kept text too). */
export function clearRange(
  rows: readonly ShownRow[],
  columns: readonly ColumnSpec[],
  r: Range,
  ctx: FieldContext,
): BatchResult {
  const result = none();
  for (let i = r.top; i <= Math.min(r.bottom, rows.length - 1); i++) {
    let data = draftOf(rows[i]!.data);
    for (let c = r.left; c <= r.right; c++) {
      const col = columns[c]!;
      if (!col.editable) continue;
      data = col.write(data, '', ctx).data;
      result.cells++;
    }
    result.batch.changes.push({ rowNo: rows[i]!.rowNo, data });
  }
  return result;
}

/** One text written into one column of the given rows: a group fix or 设置选中列. */
export function setColumn(
  rows: readonly ShownRow[],
  column: ColumnSpec,
  text: string,
  ctx: FieldContext,
): BatchResult {
  const result = none();
  if (!column.editable) return result;
  for (const row of rows) {
    const w = column.write(draftOf(row.data), text, ctx);
    result.batch.changes.push({ rowNo: row.rowNo, data: w.data });
    result.cells++;
    if (!w.ok) result.rejected++;
    if (w.note) result.noted++;
  }
  return result;
}
