// The grid's range operations on 增员 rows: a paste, a single value over a range, cells that do
// not read (kept as written), rows appended past the end, fill-down, clear and a group fix — each
// one edit batch — and copy → paste through Excel's clipboard text.
import { describe, expect, it } from 'vitest';
import type { AdditionRow } from '../../../../../domain/declarations/addition';
import type { FieldContext } from '../../../../../domain/declarations/field-table';
import { columnsByKind, emptyRow } from '../../../../../renderer/src/workspace/columns';
import {
  clearRange,
  copyRange,
  fillDown,
  inRange,
  pasteBlock,
  rangeOf,
  setColumn,
  type CellPos,
} from '../../../../../renderer/src/workspace/grid/operations';
import { parseTsv, toTsv } from '../../../../../renderer/src/workspace/grid/tsv';
import type { GridRow, RowData } from '../../../../../renderer/src/workspace/model';

const columns = columnsByKind.addition;
const ctx: FieldContext = { regionCode: '110101' };
const col = (key: string): number => {
  const i = columns.findIndex((c) => c.key === key);
  if (i < 0) throw new Error(`no column ${key}`);
  return i;
};
const cell = (row: number, key: string): CellPos => ({ row, col: col(key) });

function row(rowNo: number, over: Partial<AdditionRow>): GridRow {
  return { rowNo, data: { ...(emptyRow('addition') as AdditionRow), ...over } };
}

const rows: readonly GridRow[] = [
  row(10, { name: '张伟', insuredFrom: '2024-07-01', wageFen: 800_000 }),
  row(11, { name: '李娜' }),
  row(12, { name: '王芳' }),
];

const added = (data: RowData): AdditionRow => data as AdditionRow;

describe('ranges', () => {
  it('orders the corners and tells which cells are inside', () => {
    const r = rangeOf({ row: 2, col: 3 }, { row: 0, col: 1 });
    expect(r).toEqual({ top: 0, bottom: 2, left: 1, right: 3 });
    expect(inRange(r, 1, 2)).toBe(true);
    expect(inRange(r, 0, 1)).toBe(true);
    expect(inRange(r, 2, 3)).toBe(true);
    expect(inRange(r, 1, 4)).toBe(false);
    expect(inRange(r, 3, 2)).toBe(false);
    expect(inRange(null, 0, 0)).toBe(false);
  });
});

describe('pasteBlock', () => {
  it('reads each pasted text with its column: dates written as people write them', () => {
    const at = cell(1, 'insuredFrom');
    const { batch, cells, rejected } = pasteBlock(
      rows,
      columns,
      rangeOf(at, at),
      [['2024/7/1'], ['2024年8月1日']],
      null,
      ctx,
    );
    expect({ cells, rejected }).toEqual({ cells: 2, rejected: 0 });
    expect(batch.changes.map((c) => [c.rowNo, added(c.data).insuredFrom])).toEqual([
      [11, '2024-07-01'],
      [12, '2024-08-01'],
    ]);
    expect(batch.appends).toEqual([]);
  });

  it('writes a block across columns, each cell read by its own column', () => {
    const at = cell(1, 'insuredFrom');
    const { batch, cells, rejected } = pasteBlock(
      rows,
      columns,
      rangeOf(at, at),
      [['2024-07-01', '6,000.50', '养老、医疗']],
      null,
      ctx,
    );
    expect({ cells, rejected }).toEqual({ cells: 3, rejected: 0 });
    const data = added(batch.changes[0]!.data);
    expect(data).toMatchObject({ name: '李娜', insuredFrom: '2024-07-01', wageFen: 600_050 });
    expect(data.kinds).toMatchObject({ pension: true, medical: true, injury: false });
  });

  it('fills the whole selection with one copied value, as Excel does', () => {
    const { batch, cells } = pasteBlock(
      rows,
      columns,
      rangeOf(cell(0, 'insuredFrom'), cell(2, 'insuredFrom')),
      [['20240901']],
      null,
      ctx,
    );
    expect(cells).toBe(3);
    expect(batch.changes.map((c) => added(c.data).insuredFrom)).toEqual([
      '2024-09-01',
      '2024-09-01',
      '2024-09-01',
    ]);
  });

  it('keeps a cell it cannot read as written, marks it and counts it', () => {
    const at = cell(0, 'insuredFrom');
    const { batch, cells, rejected } = pasteBlock(
      rows,
      columns,
      rangeOf(at, at),
      [['下个月']],
      null,
      ctx,
    );
    expect({ cells, rejected }).toEqual({ cells: 1, rejected: 1 });
    const data = added(batch.changes[0]!.data);
    expect(data.insuredFrom).toBe('');
    expect(data.raw).toEqual({ insuredFrom: '下个月' });
    expect(data.name).toBe('张伟');
    const shown = [{ rowNo: 10, data }];
    expect(
      copyRange(shown, columns, rangeOf(cell(0, 'insuredFrom'), cell(0, 'insuredFrom'))),
    ).toEqual([['下个月']]);
  });

  it('counts household words read with a doubt', () => {
    const at = cell(0, 'householdType');
    const { batch, noted, rejected } = pasteBlock(
      [row(10, { name: '张伟', documentNumber: '110101199003071234' })],
      columns,
      rangeOf(at, at),
      [['城镇']],
      null,
      ctx,
    );
    expect({ noted, rejected }).toEqual({ noted: 1, rejected: 0 });
    expect(added(batch.changes[0]!.data).householdType).toBe('localUrban');
  });

  it('appends rows made from the blank row when the block is longer than the grid', () => {
    const at = cell(2, 'name');
    const { batch, cells } = pasteBlock(
      rows,
      columns,
      rangeOf(at, at),
      [['赵强'], ['陈静'], ['刘洋']],
      emptyRow('addition'),
      ctx,
    );
    expect(cells).toBe(3);
    expect(batch.changes.map((c) => [c.rowNo, added(c.data).name])).toEqual([[12, '赵强']]);
    expect(batch.appends.map((a) => added(a).name)).toEqual(['陈静', '刘洋']);
    expect(added(batch.appends[0]!).insuredFrom).toBe('');
  });

  it('drops what does not fit when there is no blank row, and columns past the last', () => {
    const { batch, cells } = pasteBlock(
      rows,
      columns,
      rangeOf(cell(2, 'mobile'), cell(2, 'mobile')),
      [
        ['13800138000', '多余'],
        ['13900139000', '多余'],
      ],
      null,
      ctx,
    );
    expect(cells).toBe(1);
    expect(batch.appends).toEqual([]);
    expect(batch.changes.map((c) => [c.rowNo, added(c.data).mobile])).toEqual([
      [12, '13800138000'],
    ]);
  });

  it('does not change the rows it was given', () => {
    const before = structuredClone(rows);
    pasteBlock(
      rows,
      columns,
      rangeOf(cell(0, 'name'), cell(2, 'wageFen')),
      [['x']],
      emptyRow('addition'),
      ctx,
    );
    expect(rows).toEqual(before);
  });
});

describe('fillDown', () => {
  it('copies the top row of the range down', () => {
    const { batch, cells } = fillDown(
      rows,
      columns,
      rangeOf(cell(0, 'insuredFrom'), cell(2, 'wageFen')),
    );
    expect(cells).toBe(4);
    expect(
      batch.changes.map((c) => [c.rowNo, added(c.data).insuredFrom, added(c.data).wageFen]),
    ).toEqual([
      [11, '2024-07-01', 800_000],
      [12, '2024-07-01', 800_000],
    ]);
    expect(batch.changes.map((c) => added(c.data).name)).toEqual(['李娜', '王芳']);
  });

  it('takes the value above for a single cell, and does nothing on the first row', () => {
    const at = cell(1, 'insuredFrom');
    const one = fillDown(rows, columns, rangeOf(at, at));
    expect(one.batch.changes.map((c) => [c.rowNo, added(c.data).insuredFrom])).toEqual([
      [11, '2024-07-01'],
    ]);
    const top = cell(0, 'insuredFrom');
    const none = fillDown(rows, columns, rangeOf(top, top));
    expect(none.batch.changes).toEqual([]);
    expect(none.cells).toBe(0);
  });

  it('copies a kept text down as it is, and an empty cell clears kept text below', () => {
    const kept = [
      row(1, { name: '张伟', raw: { insuredFrom: '下个月' } }),
      row(2, { name: '李娜', insuredFrom: '2024-07-01' }),
      row(3, { name: '王芳', raw: { insuredFrom: '七月' } }),
    ];
    const down = fillDown(kept, columns, rangeOf(cell(0, 'insuredFrom'), cell(1, 'insuredFrom')));
    const filled = added(down.batch.changes[0]!.data);
    expect(filled.insuredFrom).toBe('');
    expect(filled.raw).toEqual({ insuredFrom: '下个月' });

    const over = fillDown(kept, columns, rangeOf(cell(1, 'insuredFrom'), cell(2, 'insuredFrom')));
    const cleared = added(over.batch.changes[0]!.data);
    expect(cleared.insuredFrom).toBe('2024-07-01');
    expect(cleared.raw).toBeUndefined();
  });

  it('gives each row its own copy of the kinds', () => {
    const source = row(1, {
      kinds: { pension: true, medical: true, unemployment: false, injury: false, maternity: false },
    });
    const { batch } = fillDown([source, row(2, {}), row(3, {})], columns, {
      top: 0,
      bottom: 2,
      left: col('kinds'),
      right: col('kinds'),
    });
    const [a, b] = batch.changes.map((c) => added(c.data).kinds);
    expect(a).toEqual(added(source.data).kinds);
    expect(a).not.toBe(b);
    expect(a).not.toBe(added(source.data).kinds);
  });
});

describe('clearRange, copyRange and setColumn', () => {
  it('copies what the cells show and empties every cell of the range, kept text too', () => {
    const withKept = [
      row(10, { name: '张伟', insuredFrom: '2024-07-01', wageFen: 800_000 }),
      row(11, { name: '李娜', raw: { wageFen: '六千' } }),
    ];
    const r = rangeOf(cell(0, 'name'), cell(1, 'wageFen'));
    const copied = copyRange(withKept, columns, r);
    expect(copied[0]![0]).toBe('张伟');
    expect(copied[0]!.slice(-2)).toEqual(['2024-07-01', '8,000.00']);
    expect(copied[1]!.at(-1)).toBe('六千');

    const { batch, cells } = clearRange(withKept, columns, r, ctx);
    expect(cells).toBe(2 * (col('wageFen') - col('name') + 1));
    for (const c of batch.changes) {
      const data = added(c.data);
      expect(data).toMatchObject({ name: '', insuredFrom: '', wageFen: null });
      expect(data.raw).toBeUndefined();
    }
  });

  it('copies no more rows than there are', () => {
    const copied = copyRange(rows, columns, rangeOf(cell(1, 'name'), cell(5, 'name')));
    expect(copied).toEqual([['李娜'], ['王芳']]);
  });

  it('writes one text into a column of the chosen rows as one batch', () => {
    const fix = setColumn(rows.slice(1), columns[col('employmentType')]!, '劳动合同', ctx);
    expect({ cells: fix.cells, rejected: fix.rejected }).toEqual({ cells: 2, rejected: 0 });
    expect(fix.batch.changes.map((c) => [c.rowNo, added(c.data).employmentType])).toEqual([
      [11, 'contract'],
      [12, 'contract'],
    ]);

    const bad = setColumn(rows, columns[col('employmentType')]!, '临时工', ctx);
    expect(bad.rejected).toBe(3);
    expect(bad.batch.changes.every((c) => added(c.data).raw?.employmentType === '临时工')).toBe(
      true,
    );
  });

  it('leaves a read-only column alone', () => {
    const monthly = columnsByKind.monthly[0]!;
    const result = setColumn(rows, monthly, '张伟', ctx);
    expect(result.cells).toBe(0);
    expect(result.batch.changes).toEqual([]);
  });
});

describe('copy and paste through the clipboard', () => {
  it('brings a copied block back cell for cell, text with tabs and line breaks included', () => {
    const source = [
      row(1, {
        name: '欧阳\t娜娜',
        insuredFrom: '2024-07-01',
        wageFen: 1_234_567,
        mobile: '138\n0013',
      }),
      row(2, { name: '李"娜"', raw: { wageFen: '六千' } }),
    ];
    const r = rangeOf(cell(0, 'name'), cell(1, 'mobile'));
    const text = toTsv(copyRange(source, columns, r));
    const block = parseTsv(text);
    expect(block).toEqual(copyRange(source, columns, r));

    const target = [row(7, {}), row(8, {})];
    const start = cell(0, 'name');
    const { batch, rejected } = pasteBlock(
      target,
      columns,
      rangeOf(start, start),
      block,
      null,
      ctx,
    );
    expect(rejected).toBe(1);
    const [a, b] = batch.changes.map((c) => added(c.data));
    expect(a).toMatchObject({
      name: '欧阳\t娜娜',
      insuredFrom: '2024-07-01',
      wageFen: 1_234_567,
      mobile: '138\n0013',
    });
    expect(b).toMatchObject({ name: '李"娜"', wageFen: null, raw: { wageFen: '六千' } });
    const shown = batch.changes;
    expect(copyRange(shown, columns, r)).toEqual(block);
  });
});
