// Pulled changes land here: review results move declarations, counter changes update the roster
// and mark the drafts they contradict. A page of changes and its cursor commit together, so a
// crash replays the page (every step is idempotent) and nothing is skipped.
import { personKey } from '../../../domain/declarations/roster';
import type { Change, DeclarationStateChange, RosterChange } from '../../../domain/protocol/sync';
import { conflictSchema } from '../../contract/views-sync';
import { findConflicts, mergeConflicts, type RosterFact } from '../sync/draft-conflicts';
import { parseJsonObject } from './json-object';
import { localStateOf } from './outbox';
import {
  all,
  declarationStateRowSchema,
  draftDbRowSchema,
  one,
  storedRowSchema,
  syncStateDbRowSchema,
} from './row-schemas';
import type { RosterTable } from './roster';
import type { Db } from './user-store';

export interface SyncStateRow {
  cursor: string | null;
  lastSyncAt: string | null;
  lastErrorCode: string | null;
  retryAt: string | null;
}

export interface ChangesOutcome {
  declarations: number;
  roster: number;
  /** Drafts newly marked with a conflict. */
  conflicts: number;
}

export class SyncChangesTable {
  private readonly stmts;

  constructor(
    private readonly db: Db,
    private readonly roster: RosterTable,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.stmts = {
      state: db.prepare<[string], unknown>(
        'SELECT cursor, last_sync_at, last_error_code, retry_at FROM sync_state WHERE unit_no = ?',
      ),
      ensure: db.prepare<[string]>('INSERT OR IGNORE INTO sync_state (unit_no) VALUES (?)'),
      setCursor: db.prepare<[string | null, string]>(
        'UPDATE sync_state SET cursor = ? WHERE unit_no = ?',
      ),
      synced: db.prepare<[string, string]>(
        'UPDATE sync_state SET last_sync_at = ?, last_error_code = NULL, retry_at = NULL WHERE unit_no = ?',
      ),
      failed: db.prepare<[string, string | null, string]>(
        'UPDATE sync_state SET last_error_code = ?, retry_at = ? WHERE unit_no = ?',
      ),
      declaration: db.prepare<[string, string], unknown>(
        'SELECT state, return_reason FROM declarations WHERE id = ? AND unit_no = ?',
      ),
      moveDeclaration: db.prepare<[string, string | null, string, string, string]>(
        'UPDATE declarations SET state = ?, return_reason = ?, server_result_json = ?, updated_at = ? WHERE id = ?',
      ),
      event: db.prepare<[string, string, string, string, string | null]>(
        'INSERT INTO declaration_events (declaration_id, at, state, source, note) VALUES (?, ?, ?, ?, ?)',
      ),
      drafts: db.prepare<[string], unknown>(
        "SELECT id, kind, conflict_json FROM declarations WHERE unit_no = ? AND state = 'draft'",
      ),
      draftRows: db.prepare<[string], unknown>(
        'SELECT row_no, data_json FROM declaration_rows WHERE declaration_id = ? ORDER BY row_no',
      ),
      setConflict: db.prepare<[string | null, string, string]>(
        'UPDATE declarations SET conflict_json = ?, updated_at = ? WHERE id = ?',
      ),
    };
  }

  syncState(unitNo: string): SyncStateRow {
    const row = one(syncStateDbRowSchema, this.stmts.state.get(unitNo));
    return {
      cursor: row?.cursor ?? null,
      lastSyncAt: row?.last_sync_at ?? null,
      lastErrorCode: row?.last_error_code ?? null,
      retryAt: row?.retry_at ?? null,
    };
  }

  /** Forget the cursor (the service no longer knows it): the next pull starts from the beginning. */
  resetCursor(unitNo: string): void {
    this.stmts.ensure.run(unitNo);
    this.stmts.setCursor.run(null, unitNo);
  }

  markSynced(unitNo: string): string {
    const at = this.now().toISOString();
    this.stmts.ensure.run(unitNo);
    this.stmts.synced.run(at, unitNo);
    return at;
  }

  markFailed(unitNo: string, code: string, retryAt: Date | null): void {
    this.stmts.ensure.run(unitNo);
    this.stmts.failed.run(code, retryAt ? retryAt.toISOString() : null, unitNo);
  }

  /** Applies one page of changes, in order, and stores its cursor, in one transaction. */
  applyPage(unitNo: string, changes: readonly Change[], nextCursor: string): ChangesOutcome {
    const at = this.now().toISOString();
    const outcome: ChangesOutcome = { declarations: 0, roster: 0, conflicts: 0 };
    this.db.transaction(() => {
      const changedPeople = new Map<string, RosterFact>();
      for (const change of changes) {
        if (change.type === 'declaration.state') {
          if (this.applyDeclarationState(unitNo, change)) outcome.declarations++;
        } else if (change.unitNo === unitNo) {
          this.applyRoster(unitNo, change, at);
          changedPeople.set(personKey(change.docNo), { name: change.name, status: change.status });
          outcome.roster++;
        }
      }
      if (changedPeople.size > 0) outcome.conflicts = this.markDrafts(unitNo, changedPeople, at);
      this.stmts.ensure.run(unitNo);
      this.stmts.setCursor.run(nextCursor, unitNo);
    })();
    return outcome;
  }

  private applyDeclarationState(unitNo: string, change: DeclarationStateChange): boolean {
    const current = one(
      declarationStateRowSchema,
      this.stmts.declaration.get(change.declarationId, unitNo),
    );
    // Unknown here (sent from another PC) or reopened as a draft by the user: not ours to move.
    if (!current || current.state === 'draft') return false;
    const state = localStateOf(change.state);
    const reason = change.state === 'returned' ? (change.reason ?? null) : null;
    // The push answer already moved it there (or a replayed page): nothing new to record.
    if (current.state === state && (state !== 'returned' || current.return_reason === reason)) {
      return false;
    }
    const serverResult = JSON.stringify({
      status: change.state,
      ...(reason ? { message: reason } : {}),
      at: change.at,
    });
    this.stmts.moveDeclaration.run(state, reason, serverResult, change.at, change.declarationId);
    this.stmts.event.run(change.declarationId, change.at, state, 'server', reason);
    return true;
  }

  private applyRoster(unitNo: string, change: RosterChange, at: string): void {
    const docNo = personKey(change.docNo);
    const existing = this.roster.dataOf(unitNo, docNo);
    // The service sends the whole person as its roster now holds them; keep that as it is. A
    // bare counter change only moves the status of a person we already know.
    const data: Record<string, unknown> = change.person
      ? { ...change.person }
      : {
          ...parseJsonObject(existing),
          name: change.name,
          documentType: change.docType,
          status: change.status,
          // 缴费截止月份: a person stopped at the counter paid up to the month of the change.
          lastPaidMonth: change.status === 'stopped' ? change.at.slice(0, 7) : '',
        };
    data.documentNumber ??= change.docNo;
    if (data.status === 'insured' && typeof data.insuredFrom !== 'string') {
      data.insuredFrom = change.at.slice(0, 10);
    }
    this.roster.put(
      { unitNo, docNo, docType: change.docType, name: change.name },
      change.status,
      JSON.stringify(data),
      at,
    );
  }

  private markDrafts(unitNo: string, changed: ReadonlyMap<string, RosterFact>, at: string): number {
    let marked = 0;
    for (const draft of all(draftDbRowSchema, this.stmts.drafts.all(unitNo))) {
      const rows = all(storedRowSchema, this.stmts.draftRows.all(draft.id)).map((r) => ({
        rowNo: r.row_no,
        data: parseJsonObject(r.data_json),
      }));
      const found = findConflicts(draft.kind, rows, changed, at);
      if (found.length === 0) continue;
      const previous = conflictSchema.safeParse(parseJsonObject(draft.conflict_json));
      const items = mergeConflicts(previous.success ? previous.data.items : [], found);
      this.stmts.setConflict.run(JSON.stringify({ items }), at, draft.id);
      marked++;
    }
    return marked;
  }
}
