// 业务记录: every declaration of the unit with its state, history and what the service said;
// and the two things a person decides there — a conflicting draft row (keep or discard) and a
// returned declaration reopened as a draft to fix and resubmit.
import type { z } from 'zod';
import { AppError } from '../../../domain/errors';
import { ui } from '../../../domain/ui-text';
import {
  conflictSchema,
  recordEventSchema,
  serverResultSchema,
  type RecordDetail,
  type RecordEvent,
  type RecordSummary,
  type RecordsPage,
  type recordsListInputSchema,
} from '../../contract/views-sync';
import { toSummary } from './declarations';
import { parseJsonObject } from './json-object';
import {
  all,
  countSchema,
  eventDbRowSchema,
  one,
  recordDbRowSchema,
  storedRowSchema,
  type RecordDbRow,
} from './row-schemas';
import type { Db } from './user-store';

export type RecordsQuery = z.output<typeof recordsListInputSchema>;

const SELECT = `SELECT d.id, d.unit_no, d.kind, d.month, d.title, d.state, d.return_reason,
  d.conflict_json, d.server_result_json, d.created_at, d.updated_at, d.submitted_at,
  (SELECT count(*) FROM declaration_rows r WHERE r.declaration_id = d.id) AS row_count
  FROM declarations d`;

/** The business date of a record: when it was submitted, else when it was started. */
const BUSINESS_DAY = 'substr(coalesce(d.submitted_at, d.created_at), 1, 10)';

export class RecordsTable {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  list(unitNo: string, query: RecordsQuery): RecordsPage {
    const where = ['d.unit_no = @unitNo'];
    if (query.kind) where.push('d.kind = @kind');
    if (query.state) where.push('d.state = @state');
    if (query.from) where.push(`${BUSINESS_DAY} >= @from`);
    if (query.to) where.push(`${BUSINESS_DAY} <= @to`);
    const params = {
      unitNo,
      kind: query.kind ?? null,
      state: query.state ?? null,
      from: query.from ?? null,
      to: query.to ?? null,
      limit: query.limit,
      offset: query.offset,
    };
    const clause = where.join(' AND ');
    const total = one(
      countSchema,
      this.db
        .prepare<typeof params, unknown>(`SELECT count(*) AS n FROM declarations d WHERE ${clause}`)
        .get(params),
    )!.n;
    const rows = all(
      recordDbRowSchema,
      this.db
        .prepare<typeof params, unknown>(
          `${SELECT} WHERE ${clause} ORDER BY coalesce(d.submitted_at, d.created_at) DESC, d.id DESC LIMIT @limit OFFSET @offset`,
        )
        .all(params),
    );
    return { total, items: rows.map(summaryOf) };
  }

  detail(unitNo: string, id: string): RecordDetail {
    const row = this.find(unitNo, id);
    const rows = all(
      storedRowSchema,
      this.db
        .prepare<[string], unknown>(
          'SELECT row_no, data_json FROM declaration_rows WHERE declaration_id = ? ORDER BY row_no',
        )
        .all(id),
    ).map((r) => ({ rowNo: r.row_no, data: parseJsonObject(r.data_json) }));
    const server = serverResultSchema.safeParse(parseJsonObject(row.server_result_json));
    const conflict = conflictSchema.safeParse(parseJsonObject(row.conflict_json));
    return {
      record: summaryOf(row),
      rows,
      events: this.events(row),
      serverResult: server.success ? server.data : null,
      conflict: conflict.success && conflict.data.items.length > 0 ? conflict.data : null,
    };
  }

  /**
   * Keep: the row stays as drafted and the mark goes. Discard: the row is deleted. Drafts only.
   * Returns whether a row was deleted.
   */
  resolveConflict(unitNo: string, id: string, rowNo: number, choice: 'keep' | 'discard'): boolean {
    return this.db.transaction(() => {
      const row = this.find(unitNo, id);
      if (row.state !== 'draft') throw notEditable(row.state);
      const conflict = conflictSchema.safeParse(parseJsonObject(row.conflict_json));
      const items = conflict.success ? conflict.data.items : [];
      if (!items.some((item) => item.rowNo === rowNo)) throw new AppError('RECORD_NOT_FOUND');
      const rest = items.filter((item) => item.rowNo !== rowNo);
      const at = this.now().toISOString();
      if (choice === 'discard') {
        this.db
          .prepare('DELETE FROM declaration_rows WHERE declaration_id = ? AND row_no = ?')
          .run(id, rowNo);
      }
      this.db
        .prepare('UPDATE declarations SET conflict_json = ?, updated_at = ? WHERE id = ?')
        .run(rest.length > 0 ? JSON.stringify({ items: rest }) : null, at, id);
      return choice === 'discard';
    })();
  }

  /** 被退回 → 草稿: the reason stays so the workspace can show what to fix. */
  reopen(unitNo: string, id: string): void {
    this.db.transaction(() => {
      const row = this.find(unitNo, id);
      if (row.state !== 'returned') throw notEditable(row.state);
      const at = this.now().toISOString();
      this.db
        .prepare("UPDATE declarations SET state = 'draft', updated_at = ? WHERE id = ?")
        .run(at, id);
      this.db
        .prepare(
          "INSERT INTO declaration_events (declaration_id, at, state, source, note) VALUES (?, ?, 'draft', 'local', NULL)",
        )
        .run(id, at);
    })();
  }

  private find(unitNo: string, id: string): RecordDbRow {
    const row = one(
      recordDbRowSchema,
      this.db
        .prepare<[string, string], unknown>(`${SELECT} WHERE d.id = ? AND d.unit_no = ?`)
        .get(id, unitNo),
    );
    if (!row) throw new AppError('RECORD_NOT_FOUND');
    return row;
  }

  /** Created and submitted come from the declaration itself; the rest from the event log. */
  private events(row: RecordDbRow): RecordEvent[] {
    const out: RecordEvent[] = [
      { at: row.created_at, state: 'draft', source: 'local', note: null },
    ];
    if (row.submitted_at) {
      out.push({ at: row.submitted_at, state: 'queued', source: 'local', note: null });
    }
    const logged = all(
      eventDbRowSchema,
      this.db
        .prepare<[string], unknown>(
          'SELECT at, state, source, note FROM declaration_events WHERE declaration_id = ? ORDER BY id',
        )
        .all(row.id),
    );
    for (const event of logged) {
      const parsed = recordEventSchema.safeParse(event);
      if (parsed.success) out.push(parsed.data);
    }
    return out;
  }
}

function notEditable(state: RecordDbRow['state']): AppError {
  return new AppError('RECORD_NOT_EDITABLE', { state: ui.workspace.states[state] });
}

function summaryOf(row: RecordDbRow): RecordSummary {
  return { ...toSummary(row), hasConflict: row.conflict_json !== null && row.state === 'draft' };
}
