// SQL of declarations, their rows and the edit log, over one open per-user database. Rows are
// stored as the JSON of the domain's row objects, numbered by a stable row_no.
import type { Db } from '../store/user-store';
import type { DeclarationSummary, RowData, EditableKind } from '../../contract/views-workspace';
import type { DeclarationKind } from './row-kinds';
import type { EditOp } from './edit-ops';

type State = DeclarationSummary['state'];

interface DeclarationDbRow {
  id: string;
  unit_no: string;
  kind: DeclarationKind;
  month: string;
  title: string;
  state: State;
  return_reason: string | null;
  created_at: string;
  updated_at: string;
  submitted_at: string | null;
  row_count: number;
}

export interface DeclarationMeta extends Omit<DeclarationSummary, 'rowCount'> {
  kind: DeclarationKind;
}

const selectSummary = `SELECT d.id, d.unit_no, d.kind, d.month, d.title, d.state, d.return_reason,
  d.created_at, d.updated_at, d.submitted_at,
  (SELECT count(*) FROM declaration_rows r WHERE r.declaration_id = d.id) AS row_count
  FROM declarations d`;

function toSummary(r: DeclarationDbRow): DeclarationSummary {
  return {
    id: r.id,
    unitNo: r.unit_no,
    kind: r.kind,
    month: r.month,
    title: r.title,
    state: r.state,
    rowCount: r.row_count,
    returnReason: r.return_reason,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    submittedAt: r.submitted_at,
  };
}

/** One file import, as the imports table keeps it. */
export interface ImportRecord {
  id: string;
  declarationId: string | null;
  unitNo: string;
  target: 'declaration' | 'roster';
  fileName: string;
  format: string;
  rowCount: number;
  errorRows: number;
  now: string;
}

export class DeclarationRepo {
  private readonly s;

  constructor(readonly db: Db) {
    this.s = {
      list: db.prepare<[string], DeclarationDbRow>(
        `${selectSummary} WHERE d.unit_no = ? ORDER BY d.created_at DESC, d.id DESC`,
      ),
      get: db.prepare<[string], DeclarationDbRow>(`${selectSummary} WHERE d.id = ?`),
      // Without the row count: the workspace knows it from the rows it holds.
      meta: db.prepare<[string], DeclarationDbRow>(
        `SELECT id, unit_no, kind, month, title, state, return_reason, created_at, updated_at,
           submitted_at, 0 AS row_count FROM declarations WHERE id = ?`,
      ),
      insert: db.prepare(
        `INSERT INTO declarations (id, unit_no, kind, month, title, state, created_at, updated_at)
         VALUES (@id, @unitNo, @kind, @month, @title, 'draft', @now, @now)`,
      ),
      rename: db.prepare<[string, string, string]>(
        'UPDATE declarations SET title = ?, updated_at = ? WHERE id = ?',
      ),
      touch: db.prepare<[string, string]>('UPDATE declarations SET updated_at = ? WHERE id = ?'),
      remove: db.prepare<[string]>('DELETE FROM declarations WHERE id = ?'),
      rows: db.prepare<[string], { row_no: number; data_json: string }>(
        'SELECT row_no, data_json FROM declaration_rows WHERE declaration_id = ? ORDER BY row_no',
      ),
      put: db.prepare<[string, number, string]>(
        `INSERT INTO declaration_rows (declaration_id, row_no, data_json) VALUES (?, ?, ?)
         ON CONFLICT (declaration_id, row_no) DO UPDATE SET data_json = excluded.data_json`,
      ),
      removeRow: db.prepare<[string, number]>(
        'DELETE FROM declaration_rows WHERE declaration_id = ? AND row_no = ?',
      ),
      removeAll: db.prepare<[string]>('DELETE FROM declaration_rows WHERE declaration_id = ?'),
      // Two passes through negative numbers: SQLite checks the key row by row, so a plain
      // `row_no + by` would collide with the next row.
      shiftOut: db.prepare<[number, string, number]>(
        'UPDATE declaration_rows SET row_no = -(row_no + ?) - 1 WHERE declaration_id = ? AND row_no >= ?',
      ),
      shiftIn: db.prepare<[string]>(
        'UPDATE declaration_rows SET row_no = -row_no - 1 WHERE declaration_id = ? AND row_no < 0',
      ),
      logDropRedo: db.prepare<[string]>(
        'DELETE FROM edit_log WHERE declaration_id = ? AND undone = 1',
      ),
      logInsert: db.prepare<[string, string, string, string]>(
        'INSERT INTO edit_log (declaration_id, redo_json, undo_json, created_at) VALUES (?, ?, ?, ?)',
      ),
      logPrune: db.prepare<[string, string, number]>(
        `DELETE FROM edit_log WHERE declaration_id = ? AND seq <= (
           SELECT seq FROM edit_log WHERE declaration_id = ? ORDER BY seq DESC LIMIT 1 OFFSET ?)`,
      ),
      logLastDone: db.prepare<[string], { seq: number; undo_json: string }>(
        'SELECT seq, undo_json FROM edit_log WHERE declaration_id = ? AND undone = 0 ORDER BY seq DESC LIMIT 1',
      ),
      logFirstUndone: db.prepare<[string], { seq: number; redo_json: string }>(
        'SELECT seq, redo_json FROM edit_log WHERE declaration_id = ? AND undone = 1 ORDER BY seq LIMIT 1',
      ),
      logMark: db.prepare<[number, number]>('UPDATE edit_log SET undone = ? WHERE seq = ?'),
      logCounts: db.prepare<[string], { done: number; undone: number }>(
        `SELECT coalesce(sum(undone = 0), 0) AS done, coalesce(sum(undone = 1), 0) AS undone
           FROM edit_log WHERE declaration_id = ?`,
      ),
      logClear: db.prepare<[string]>('DELETE FROM edit_log WHERE declaration_id = ?'),
      submit: db.prepare<[string, string, string]>(
        `UPDATE declarations SET state = 'queued', submitted_at = ?, updated_at = ?
          WHERE id = ? AND state = 'draft'`,
      ),
      outbox: db.prepare(
        `INSERT INTO outbox (mutation_id, unit_no, declaration_id, kind, payload_json, state, created_at)
         VALUES (@mutationId, @unitNo, @declarationId, 'declaration.submit', @payload, 'pending', @now)`,
      ),
      importRecord: db.prepare(
        `INSERT INTO imports (id, declaration_id, unit_no, target, file_name, format, row_count, error_rows, created_at)
         VALUES (@id, @declarationId, @unitNo, @target, @fileName, @format, @rowCount, @errorRows, @now)`,
      ),
    };
  }

  list(unitNo: string): DeclarationSummary[] {
    return this.s.list.all(unitNo).map(toSummary);
  }

  get(id: string): DeclarationSummary | undefined {
    const r = this.s.get.get(id);
    return r && toSummary(r);
  }

  insert(d: {
    id: string;
    unitNo: string;
    kind: DeclarationKind;
    month: string;
    title: string;
    now: string;
  }): void {
    this.s.insert.run(d);
  }

  /** The summary without counting rows (rowCount 0): for a declaration whose rows are loaded. */
  meta(id: string): DeclarationSummary | undefined {
    const r = this.s.meta.get(id);
    return r && toSummary(r);
  }

  rename(id: string, title: string, now: string): void {
    this.s.rename.run(title, now, id);
  }

  touch(id: string, now: string): void {
    this.s.touch.run(now, id);
  }

  remove(id: string): void {
    this.s.remove.run(id);
  }

  /** Every row in order: numbers and the parsed JSON (written only through checked paths). */
  readRows(id: string): { rowNos: number[]; rows: RowData[] } {
    const rowNos: number[] = [];
    const rows: RowData[] = [];
    for (const r of this.s.rows.iterate(id)) {
      rowNos.push(r.row_no);
      rows.push(JSON.parse(r.data_json) as RowData);
    }
    return { rowNos, rows };
  }

  replaceRows(id: string, rows: readonly RowData[]): void {
    this.s.removeAll.run(id);
    for (let i = 0; i < rows.length; i++) this.s.put.run(id, i, JSON.stringify(rows[i]));
  }

  applyOps(id: string, ops: readonly EditOp[]): void {
    for (const op of ops) {
      switch (op.op) {
        case 'put':
          for (const [rowNo, data] of op.rows) this.s.put.run(id, rowNo, JSON.stringify(data));
          break;
        case 'remove':
          for (const rowNo of op.rowNos) this.s.removeRow.run(id, rowNo);
          break;
        case 'shift':
          this.s.shiftOut.run(op.by, id, op.from);
          this.s.shiftIn.run(id);
          break;
      }
    }
  }

  logStep(
    id: string,
    redo: readonly EditOp[],
    undo: readonly EditOp[],
    now: string,
    keep: number,
  ): void {
    this.s.logDropRedo.run(id);
    this.s.logInsert.run(id, JSON.stringify(redo), JSON.stringify(undo), now);
    this.s.logPrune.run(id, id, keep);
  }

  lastDone(id: string): { seq: number; ops: EditOp[] } | undefined {
    const r = this.s.logLastDone.get(id);
    return r && { seq: r.seq, ops: JSON.parse(r.undo_json) as EditOp[] };
  }

  firstUndone(id: string): { seq: number; ops: EditOp[] } | undefined {
    const r = this.s.logFirstUndone.get(id);
    return r && { seq: r.seq, ops: JSON.parse(r.redo_json) as EditOp[] };
  }

  markUndone(seq: number, undone: boolean): void {
    this.s.logMark.run(undone ? 1 : 0, seq);
  }

  history(id: string): { canUndo: boolean; canRedo: boolean } {
    const r = this.s.logCounts.get(id) ?? { done: 0, undone: 0 };
    return { canUndo: r.done > 0, canRedo: r.undone > 0 };
  }

  clearHistory(id: string): void {
    this.s.logClear.run(id);
  }

  /** Draft → queued; false when the declaration was not a draft any more. */
  markQueued(id: string, now: string): boolean {
    return this.s.submit.run(now, now, id).changes === 1;
  }

  insertOutbox(o: {
    mutationId: string;
    unitNo: string;
    declarationId: string;
    payload: string;
    now: string;
  }): void {
    this.s.outbox.run(o);
  }

  recordImport(r: ImportRecord): void {
    this.s.importRecord.run(r);
  }
}

export type { EditableKind };
