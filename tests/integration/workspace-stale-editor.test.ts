// An open declaration and 业务记录 share one database: when a person resolves a conflicting row in
// 业务记录 (or sync reopens / moves the declaration), the editor's next read shows what is stored,
// not the rows it cached when it opened.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clientStoreOf } from '../../electron/services/store/client-store';
import { additionRow, makeWorkspace, MONTH, UNIT, type TestWorkspace } from './workspace-support';

describe('an open declaration after a conflict is resolved in 业务记录', () => {
  let t: TestWorkspace;
  beforeEach(() => {
    t = makeWorkspace();
  });
  afterEach(() => t.close());

  it('shows the discarded row gone and the kept row unchanged', () => {
    const id = t.ws.create({ unitNo: UNIT.unitNo, kind: 'addition', month: MONTH }).id;
    const rows = [additionRow(1), additionRow(2), additionRow(3)];
    t.ws.appendRows(id, rows);
    // The editor has the declaration open: its rows are loaded.
    expect(t.ws.open(id, 200).rows.map((r) => r.rowNo)).toEqual([0, 1, 2]);

    // At the counter, person 2 was insured meanwhile: the pull marks row 1 as a conflict.
    const store = clientStoreOf(t.store.db());
    const pulled = store.applyChanges(
      UNIT.unitNo,
      [
        {
          seq: 1,
          type: 'roster.change',
          unitNo: UNIT.unitNo,
          docNo: rows[1]!.documentNumber,
          docType: 'residentId',
          name: rows[1]!.name,
          status: 'insured',
          reason: '窗口办理增员',
          at: '2024-07-10T08:00:00.000Z',
        },
      ],
      'c1',
    );
    expect(pulled.conflicts).toBe(1);

    // In 业务记录 the person discards the conflicting row.
    store.resolveConflict(UNIT.unitNo, id, 1, 'discard');
    const resolved = store.recordDetail(UNIT.unitNo, id);
    expect(resolved.rows.map((r) => r.rowNo)).toEqual([0, 2]);

    // Back in the still-open editor: the grid reads what is stored now.
    const page = t.ws.rows(id, 0, 200);
    expect(page.total).toBe(2);
    expect(page.rows.map((r) => r.data)).toEqual(
      [rows[0], rows[2]].map((r) => expect.objectContaining({ name: r!.name })),
    );
    expect(t.ws.rowsBulk(id).rowNos).toEqual([0, 2]);
    expect(t.ws.summary(id).rowCount).toBe(2);
  });
});
