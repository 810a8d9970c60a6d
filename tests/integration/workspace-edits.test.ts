// Editing a draft: cells, pastes, fill-down, inserted and deleted rows, each one undo step that
// survives a reopen; submitted drafts cannot change.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AdditionRow } from '../../domain/declarations/addition';
import {
  additionRow,
  appErrorCodeOf,
  makeWorkspace,
  MONTH,
  nameOf,
  rosterPerson,
  UNIT,
  type TestWorkspace,
} from './workspace-support';

let t: TestWorkspace;
beforeEach(() => {
  t = makeWorkspace();
});
afterEach(() => t.close());

const names = (id: string): string[] =>
  t.ws.rows(id, 0, 1000).rows.map((r) => (r.data as AdditionRow).name);

function draft(rows = 5): string {
  const d = t.ws.create({ unitNo: UNIT.unitNo, kind: 'addition', month: MONTH });
  t.ws.edit(
    d.id,
    [],
    Array.from({ length: rows }, (_, i) => additionRow(i)),
  );
  return d.id;
}

describe('workspace edits, undo and redo', () => {
  it('a paste over a range is one undo step, and redo brings it back', () => {
    const id = draft();
    const before = names(id);
    const out = t.ws.setCells(
      id,
      [1, 2, 3].map((rowNo) => ({ rowNo, field: 'name', value: `粘贴${'甲乙丙'[rowNo - 1]}` })),
    );
    expect(out.rows.map((r) => r.rowNo)).toEqual([1, 2, 3]);
    expect(names(id).slice(1, 4)).toEqual(['粘贴甲', '粘贴乙', '粘贴丙']);
    const undone = t.ws.undo(id);
    expect(names(id)).toEqual(before);
    expect(undone.canRedo).toBe(true);
    t.ws.redo(id);
    expect(names(id).slice(1, 4)).toEqual(['粘贴甲', '粘贴乙', '粘贴丙']);
  });

  it('fill-down copies a cell into the rows below as one step', () => {
    const id = draft();
    t.ws.setCells(id, [{ rowNo: 0, field: 'wageFen', value: 1_234_500 }]);
    t.ws.fillDown(id, 'wageFen', 0, [1, 2, 3, 4]);
    const wages = t.ws.rows(id, 0, 10).rows.map((r) => (r.data as AdditionRow).wageFen);
    expect(wages).toEqual([1_234_500, 1_234_500, 1_234_500, 1_234_500, 1_234_500]);
    t.ws.undo(id);
    expect(t.ws.rows(id, 0, 10).rows.map((r) => (r.data as AdditionRow).wageFen)).toEqual([
      1_234_500, 800_000, 800_000, 800_000, 800_000,
    ]);
  });

  it('a value that does not fit is reported and leaves the cell as it was', () => {
    const id = draft(2);
    const out = t.ws.setCells(id, [
      { rowNo: 0, field: 'name', value: '赵敏' },
      { rowNo: 1, field: 'reason', value: '跳槽' },
    ]);
    expect(out.rejected).toEqual([
      expect.objectContaining({ rowNo: 1, field: 'reason', code: 'CHOICE_INVALID' }),
    ]);
    expect(names(id)[0]).toBe('赵敏');
    expect((t.ws.rows(id, 1, 1).rows[0]!.data as AdditionRow).reason).toBe('newEnrolment');
    expect(appErrorCodeOf(() => t.ws.setCells(id, [{ rowNo: 0, field: 'salary', value: 1 }]))).toBe(
      'FIELD_UNKNOWN',
    );
  });

  it('inserting rows in the middle and deleting rows undo in order, and history survives a reopen', () => {
    const id = draft(4);
    const original = names(id);
    const ins = t.ws.insertRows(id, 2, 2);
    expect(ins.renumbered).toBe(true);
    expect(names(id)).toEqual([original[0], original[1], '', '', original[2], original[3]]);
    t.ws.deleteRows(id, [0, 5]);
    expect(names(id)).toEqual([original[1], '', '', original[2]]);

    t.reopen();
    expect(names(id)).toEqual([original[1], '', '', original[2]]);
    t.ws.undo(id);
    expect(names(id)).toEqual([original[0], original[1], '', '', original[2], original[3]]);
    t.ws.undo(id);
    expect(names(id)).toEqual(original);
    expect(t.ws.rows(id, 0, 10).rows.map((r) => r.rowNo)).toEqual([0, 1, 2, 3]);
    t.ws.undo(id); // the initial append
    expect(names(id)).toEqual([]);
    const last = t.ws.undo(id); // nothing left: no change
    expect(last.rows).toEqual([]);
    expect(last.canUndo).toBe(false);
    t.ws.redo(id);
    t.ws.redo(id);
    expect(names(id)).toEqual([original[0], original[1], '', '', original[2], original[3]]);
  });

  it('a new edit after undo drops the steps that could have been redone', () => {
    const id = draft(2);
    t.ws.setCells(id, [{ rowNo: 0, field: 'name', value: '甲' }]);
    t.ws.undo(id);
    const out = t.ws.setCells(id, [{ rowNo: 1, field: 'name', value: '乙' }]);
    expect(out.canRedo).toBe(false);
    expect(t.ws.redo(id).rows).toEqual([]);
    expect(names(id)).toEqual([nameOf(0), '乙']);
  });

  it('bulk read returns every row as an array of values in field order', () => {
    const id = draft(3);
    const bulk = t.ws.rowsBulk(id);
    expect(bulk.rowNos).toEqual([0, 1, 2]);
    const at = (f: string) => bulk.fields.indexOf(f);
    expect(bulk.values[2]![at('name')]).toBe(nameOf(2));
    expect(bulk.values[2]![at('wageFen')]).toBe(800_000);
    expect(bulk.values[2]![at('kinds.injury')]).toBe(true);
  });

  it('a 月度申报 is computed from the roster and cannot be typed into', () => {
    t.ws.saveRoster(UNIT.unitNo, [
      rosterPerson(1, { baseFen: 100_000 }), // below the lower bound → clamped, warned
      rosterPerson(2),
      rosterPerson(3, { status: 'stopped', lastPaidMonth: '2024-05' }),
    ]);
    const d = t.ws.create({ unitNo: UNIT.unitNo, kind: 'monthly', month: MONTH });
    expect(d.rowCount).toBe(2);
    const v = t.ws.validate(d.id);
    expect(v.totals?.headcount).toBe(2);
    expect(v.findings.map((f) => f.code)).toEqual(['BASE_BELOW_LOWER']);
    expect(
      appErrorCodeOf(() => t.ws.setCells(d.id, [{ rowNo: 0, field: 'name', value: 'x' }])),
    ).toBe('DECLARATION_READ_ONLY');
  });

  it('another unit is out of reach', () => {
    expect(appErrorCodeOf(() => t.ws.list('99999999999'))).toBe('UNIT_NOT_ALLOWED');
  });
});
