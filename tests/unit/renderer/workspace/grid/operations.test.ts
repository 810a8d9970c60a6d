// The grid's range operations on 增员 rows: a paste, a single value over a range, cells that do
// not parse, rows appended past the end, fill-down and clear — each one edit batch.
import { describe, expect, it } from 'vitest';
import { columnsByKind, emptyRow, type Cells } from '../../../../../renderer/src/workspace/columns';
import {
  clearRange,
  copyRange,
  fillDown,
  inRange,
  pasteBlock,
  rangeOf,
} from '../../../../../renderer/src/workspace/grid/operations';
import type { GridRow, RowData } from '../../../../../renderer/src/workspace/model';

const columns = columnsByKind.addition;
const col = (key: string): number => columns.findIndex((c) => c.key === key);

function row(rowNo: number, over: Cells): GridRow {
  return { rowNo, data: { ...emptyRow('addition'), ...over } as unknown as RowData };
}

const rows: GridRow[] = [
  row(10, { name: '张伟', insuredFrom: '2024-07-01', wageFen: 800_000 }),
  row(11, { name: '李娜', insuredFrom: '', wageFen: null }),
  row(12, { name: '王芳', insuredFrom: '', wageFen: null }),
];

const cellsOf = (r: GridRow): Cells => r.data as unknown as Cells;

describe('ranges', () => {
  it('orders the corners and tells which cells are inside', () => {
    const r = rangeOf({ row: 2, col: 3 }, { row: 0, col: 1 });
    expect(r).toEqual({ top: 0, bottom: 2, left: 1, right: 3 });
    expect(inRange(r, 1, 2)).toBe(true);
    expect(inRange(r, 1, 4)).toBe(false);
    expect(inRange(null, 0, 0)).toBe(false);
  });
});

describe('pasteBlock', () => {
  it('parses each pasted text with its column: dates written as people write them', () => {
    const at = col('insuredFrom');
    const { batch, cells, rejected } = pasteBlock(
      rows,
      columns,
      rangeOf({ row: 1, col: at }, { row: 1, col: at }),
      [['2024/7/1'], ['2024年8月1日']],
      null,
    );
    expect({ cells, rejected }).toEqual({ cells: 2, rejected: 0 });
    expect(batch.changes.map((c) => [c.rowNo, cellsOf(c).insuredFrom])).toEqual([
      [11, '2024-07-01'],
      [12, '2024-08-01'],
    ]);
  });

  it('fills the whole selection with one copied value, as Excel does', () => {
    const at = col('insuredFrom');
    const { batch } = pasteBlock(
      rows,
      columns,
      rangeOf({ row: 0, col: at }, { row: 2, col: at }),
      [['20240901']],
      null,
    );
    expect(batch.changes.map((c) => cellsOf(c).insuredFrom)).toEqual([
      '2024-09-01',
      '2024-09-01',
      '2024-09-01',
    ]);
  });

  it('leaves a cell it cannot read as it was and counts it', () => {
    const at = col('insuredFrom');
    const { batch, rejected } = pasteBlock(
      rows,
      columns,
      rangeOf({ row: 0, col: at }, { row: 0, col: at }),
      [['下个月']],
      null,
    );
    expect(rejected).toBe(1);
    expect(batch.changes).toEqual([]);
  });

  it('appends rows made from the blank row when the block is longer than the grid', () => {
    const at = col('name');
    const { batch } = pasteBlock(
      rows,
      columns,
      rangeOf({ row: 2, col: at }, { row: 2, col: at }),
      [['赵强'], ['陈静'], ['刘洋']],
      emptyRow('addition'),
    );
    expect(batch.changes.map((c) => cellsOf(c).name)).toEqual(['赵强']);
    expect(batch.appends.map((a) => (a as unknown as Cells).name)).toEqual(['陈静', '刘洋']);
  });
});

describe('fillDown and clearRange', () => {
  it('copies the top row of the range down', () => {
    const at = col('insuredFrom');
    const { batch, cells } = fillDown(
      rows,
      columns,
      rangeOf({ row: 0, col: at }, { row: 2, col: at }),
    );
    expect(cells).toBe(2);
    expect(batch.changes.map((c) => [c.rowNo, cellsOf(c).insuredFrom])).toEqual([
      [11, '2024-07-01'],
      [12, '2024-07-01'],
    ]);
  });

  it('takes the value above for a single cell, and does nothing on the first row', () => {
    const at = col('insuredFrom');
    const one = fillDown(rows, columns, rangeOf({ row: 1, col: at }, { row: 1, col: at }));
    expect(one.batch.changes.map((c) => cellsOf(c).insuredFrom)).toEqual(['2024-07-01']);
    const none = fillDown(rows, columns, rangeOf({ row: 0, col: at }, { row: 0, col: at }));
    expect(none.batch.changes).toEqual([]);
  });

  it('empties every editable cell of the range and copies what it shows', () => {
    const from = col('name');
    const to = col('insuredFrom');
    const copied = copyRange(rows, columns, rangeOf({ row: 0, col: from }, { row: 0, col: to }));
    expect(copied[0]![0]).toBe('张伟');
    expect(copied[0]!.at(-1)).toBe('2024-07-01');
    const { batch } = clearRange(
      rows,
      columns,
      rangeOf({ row: 0, col: from }, { row: 0, col: to }),
    );
    expect(cellsOf(batch.changes[0]!).name).toBe('');
    expect(cellsOf(batch.changes[0]!).insuredFrom).toBe('');
  });
});
