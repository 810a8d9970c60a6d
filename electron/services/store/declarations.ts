// SQL of declarations, their rows, the edit log and the import log, over one open per-user
// database. Rows are stored as the JSON of the domain's row objects, numbered by a stable row_no,
// and parsed with their kind's schema when read back.
import type { z } from 'zod';
import type { Db } from './user-store';
import type { DeclarationSummary, RowData } from '../../contract/views-workspace';
import { rowSchemas, type DeclarationKind } from '../workspace/row-kinds';
import { editOpsSchema, type EditOp } from './edit-ops';
import {
  all,
  declarationDbRowSchema,
  editStepSchema,
  historyCountsSchema,
  one,
  storedRowSchema,
  type DeclarationDbRow,
} from './row-schemas';

const selectSummary = `SELECT d.id, d.unit_no, d.kind, d.month, d.title, d.state, d.return_reason,
  d.created_at, d.updated_at, d.submitted_at,
  (SELECT count(*) FROM declaration_rows r WHERE r.declaration_id = d.id) AS row_count
  FROM declarations d`;

/** A declaration row as the views show it. */
export function toSummary(r: DeclarationDbRow): DeclarationSummary {
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

export interface NewDeclaration {
  id: string;
  unitNo: string;
  kind: DeclarationKind;
  month: string;
  title: string;
  now: string;
}

export interface QueuedSubmission {
  id: string;
  mutationId: string;
  unitNo: string;
  payload: string;
  now: string;
}

export interface EditHistory {
  canUndo: boolean;
  canRedo: boolean;
}

/** A stored row's data, read with its kind's schema; a row no schema accepts reads as stored. */
function readRow(schema: z.ZodType, json: string): RowData {
  const value: unknown = JSON.parse(json);
  const parsed = schema.safeParse(value);
  return (parsed.success ? parsed.data : value) as RowData;
}

export class DeclarationTables {
  private readonly s;

  constructor(private readonly db: Db) {
    this.s = {
      list: db.prepare<[string], unknown>(
        `${selectSummary} WHERE d.unit_no = ? ORDER BY d.created_at DESC, d.id DESC`,
      ),
      get: db.prepare<[string], unknown>(`${selectSummary} WHERE d.id = ?`),
      // Without the row count: the workspace knows it from the rows it holds.
      meta: db.prepare<[string], unknown>(
        `SELECT id, unit_no, kind, month, title, state, return_reason, created_at, updated_at,
           submitted_at, 0 AS row_count FROM declarations WHERE id = ?`,
      ),
      insert: db.prepare<[NewDeclaration]>(
        `INSERT INTO declarations (id, unit_no, kind, month, title, state, created_at, updated_at)
         VALUES (@id, @unitNo, @kind, @month, @title, 'draft', @now, @now)`,
      ),
      rename: db.prepare<[string, string, string]>(
        'UPDATE declarations SET title = ?, updated_at = ? WHERE id = ?',
      ),
      touch: db.prepare<[string, string]>('UPDATE declarations SET updated_at = ? WHERE id = ?'),
      remove: db.prepare<[string]>('DELETE FROM declarations WHERE id = ?'),
      rows: db.prepare<[string], unknown>(
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
      logLastDone: db.prepare<[string], unknown>(
        'SELECT seq, undo_json AS ops_json FROM edit_log WHERE declaration_id = ? AND undone = 0 ORDER BY seq DESC LIMIT 1',
      ),
      logFirstUndone: db.prepare<[string], unknown>(
        'SELECT seq, redo_json AS ops_json FROM edit_log WHERE declaration_id = ? AND undone = 1 ORDER BY seq LIMIT 1',
      ),
      logMark: db.prepare<[number, number]>('UPDATE edit_log SET undone = ? WHERE seq = ?'),
      logCounts: db.prepare<[string], unknown>(
        `SELECT coalesce(sum(undone = 0), 0) AS done, coalesce(sum(undone = 1), 0) AS undone
           FROM edit_log WHERE declaration_id = ?`,
      ),
      logClear: db.prepare<[string]>('DELETE FROM edit_log WHERE declaration_id = ?'),
      submit: db.prepare<[string, string, string]>(
        `UPDATE declarations SET state = 'queued', submitted_at = ?, updated_at = ?
          WHERE id = ? AND state = 'draft'`,
      ),
      outbox: db.prepare<[Omit<QueuedSubmission, 'id'> & { declarationId: string }]>(
        `INSERT INTO outbox (mutation_id, unit_no, declaration_id, kind, payload_json, state, created_at)
         VALUES (@mutationId, @unitNo, @declarationId, 'declaration.submit', @payload, 'pending', @now)`,
      ),
      importRecord: db.prepare<[ImportRecord]>(
        `INSERT INTO imports (id, declaration_id, unit_no, target, file_name, format, row_count, error_rows, created_at)
         VALUES (@id, @declarationId, @unitNo, @target, @fileName, @format, @rowCount, @errorRows, @now)`,
      ),
    };
  }

  // --- reads ---

  list(unitNo: string): DeclarationSummary[] {
    return all(declarationDbRowSchema, this.s.list.all(unitNo)).map(toSummary);
  }

  get(id: string): DeclarationSummary | undefined {
    const r = one(declarationDbRowSchema, this.s.get.get(id));
    return r && toSummary(r);
  }

  /** The summary without counting rows (rowCount 0): for a declaration whose rows are loaded. */
  meta(id: string): DeclarationSummary | undefined {
    const r = one(declarationDbRowSchema, this.s.meta.get(id));
    return r && toSummary(r);
  }

  /** Every row in order: numbers and data, each read with the kind's row schema. */
  readRows(id: string, kind: DeclarationKind): { rowNos: number[]; rows: RowData[] } {
    const schema = rowSchemas[kind];
    const rowNos: number[] = [];
    const rows: RowData[] = [];
    for (const raw of this.s.rows.iterate(id)) {
      const r = one(storedRowSchema, raw)!;
      rowNos.push(r.row_no);
      rows.push(readRow(schema, r.data_json));
    }
    return { rowNos, rows };
  }

  history(id: string): EditHistory {
    const r = one(historyCountsSchema, this.s.logCounts.get(id)) ?? { done: 0, undone: 0 };
    return { canUndo: r.done > 0, canRedo: r.undone > 0 };
  }

  // --- writes (each public one is a whole transaction) ---

  create(d: NewDeclaration, rows: readonly RowData[] | null): void {
    this.db.transaction(() => {
      this.s.insert.run(d);
      if (rows) this.putAll(d.id, rows);
    })();
  }

  rename(id: string, title: string, now: string): void {
    this.s.rename.run(title, now, id);
  }

  remove(id: string): void {
    this.s.remove.run(id);
  }

  /** Every row replaced (a recalculated 月度申报); the undo history goes with the old rows. */
  replaceRows(id: string, rows: readonly RowData[], now: string): void {
    this.db.transaction(() => {
      this.s.removeAll.run(id);
      this.putAll(id, rows);
      this.s.logClear.run(id);
      this.s.touch.run(now, id);
    })();
  }

  /** One editing step: the ops, their inverse in the edit log (keeping `keep` steps). */
  commitStep(
    id: string,
    redo: readonly EditOp[],
    undo: readonly EditOp[],
    now: string,
    keep: number,
  ): void {
    this.db.transaction(() => {
      this.applyOps(id, redo);
      this.s.logDropRedo.run(id);
      this.s.logInsert.run(id, JSON.stringify(redo), JSON.stringify(undo), now);
      this.s.logPrune.run(id, id, keep);
      this.s.touch.run(now, id);
    })();
  }

  /** Undoes the last step or redoes the next one; the ops applied (none when there was none). */
  travel(id: string, kind: DeclarationKind, way: 'undo' | 'redo', now: string): EditOp[] {
    return this.db.transaction(() => {
      const raw = way === 'undo' ? this.s.logLastDone.get(id) : this.s.logFirstUndone.get(id);
      const step = one(editStepSchema, raw);
      if (!step) return [];
      const ops = editOpsSchema(rowSchemas[kind]).parse(JSON.parse(step.ops_json));
      this.applyOps(id, ops);
      this.s.logMark.run(way === 'undo' ? 1 : 0, step.seq);
      this.s.touch.run(now, id);
      return ops;
    })();
  }

  /**
   * Draft → 待上传: in ONE transaction the state, submitted_at and the outbox row, so a crash
   * leaves either a draft or a queued declaration with its mutation, never one without the other.
   * False when the declaration was not a draft any more.
   */
  queue(q: QueuedSubmission): boolean {
    return this.db.transaction(() => {
      if (this.s.submit.run(q.now, q.now, q.id).changes !== 1) return false;
      this.s.outbox.run({
        mutationId: q.mutationId,
        unitNo: q.unitNo,
        declarationId: q.id,
        payload: q.payload,
        now: q.now,
      });
      this.s.logClear.run(q.id);
      return true;
    })();
  }

  recordImport(r: ImportRecord): void {
    this.s.importRecord.run(r);
  }

  private putAll(id: string, rows: readonly RowData[]): void {
    for (let i = 0; i < rows.length; i++) this.s.put.run(id, i, JSON.stringify(rows[i]));
  }

  private applyOps(id: string, ops: readonly EditOp[]): void {
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
}
