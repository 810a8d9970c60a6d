// The one typed interface to the per-user database: every statement the workspace and sync run
// is a method here, split into what only reads and what writes. Writers report what they changed
// as StoreChange events after their transaction commits, so caches (the open declarations, the
// roster index) follow changes made anywhere — by sync, by 业务记录 or by the editor itself.
import type { DeclarationSummary, RowData } from '../../contract/views-workspace';
import type { RosterPerson } from '../../../domain/declarations/roster';
import type { Change, MutationResult } from '../../../domain/protocol/sync';
import type { RecordDetail, RecordsPage } from '../../contract/views-sync';
import type { DeclarationKind } from '../workspace/row-kinds';
import type { EditHistory, ImportRecord, NewDeclaration, QueuedSubmission } from './declarations';
import type { EditOp } from './edit-ops';
import type { BatchLimits, PendingBatch, PushOutcome } from './outbox';
import type { RecordsQuery } from './records';
import type { ChangesOutcome, SyncStateRow } from './sync-changes';

export type { EditHistory, ImportRecord, NewDeclaration, QueuedSubmission, RecordsQuery };
export type { BatchLimits, PendingBatch, PushOutcome, ChangesOutcome, SyncStateRow };

/** What a committed write changed. */
export type StoreChange =
  | {
      table: 'declarations';
      /** The declaration changed, or null when a sync page may have changed several. */
      id: string | null;
      /** Whether its rows changed (not only its state, title or marks). */
      rows: boolean;
      /** True for the editor's own steps, which it has already applied to what it holds. */
      byEditor: boolean;
    }
  | { table: 'roster'; unitNo: string };

export type StoreChangeListener = (change: StoreChange) => void;

export interface ReadableStore {
  listDeclarations(unitNo: string): DeclarationSummary[];
  getDeclaration(id: string): DeclarationSummary | undefined;
  /** The summary without counting rows (rowCount 0). */
  getDeclarationMeta(id: string): DeclarationSummary | undefined;
  readRows(id: string, kind: DeclarationKind): { rowNos: number[]; rows: RowData[] };
  editHistory(id: string): EditHistory;

  /** Changes whenever anything wrote the unit's roster. */
  rosterVersion(unitNo: string): string;
  roster(unitNo: string): RosterPerson[];
  searchRoster(
    unitNo: string,
    query: string,
    offset: number,
    limit: number,
  ): { total: number; people: RosterPerson[] };

  listRecords(unitNo: string, query: RecordsQuery): RecordsPage;
  recordDetail(unitNo: string, id: string): RecordDetail;

  pendingCount(unitNo: string): number;
  syncState(unitNo: string): SyncStateRow;
}

export interface WritableStore {
  createDeclaration(d: NewDeclaration, rows: readonly RowData[] | null): void;
  renameDeclaration(id: string, title: string, now: string): void;
  deleteDeclaration(id: string): void;
  replaceRows(id: string, rows: readonly RowData[], now: string): void;
  commitStep(
    id: string,
    redo: readonly EditOp[],
    undo: readonly EditOp[],
    now: string,
    keep: number,
  ): void;
  travel(id: string, kind: DeclarationKind, way: 'undo' | 'redo', now: string): EditOp[];
  queueSubmission(q: QueuedSubmission): boolean;
  recordImport(r: ImportRecord): void;

  saveRoster(unitNo: string, people: readonly RosterPerson[], now: string): void;

  resolveConflict(unitNo: string, id: string, rowNo: number, choice: 'keep' | 'discard'): void;
  reopenDeclaration(unitNo: string, id: string): void;

  /** This installation's id for this database, made on first use. */
  clientId(): string;
  /** The next mutations to push; unreadable outbox rows are rejected locally on the way. */
  nextBatch(unitNo: string, limits: BatchLimits): PendingBatch;
  recordAttempt(mutationIds: readonly string[], errorCode: string | null): void;
  applyPushResults(results: readonly MutationResult[]): PushOutcome;
  applyChanges(unitNo: string, changes: readonly Change[], nextCursor: string): ChangesOutcome;
  resetCursor(unitNo: string): void;
  markSynced(unitNo: string): string;
  markSyncFailed(unitNo: string, code: string, retryAt: Date | null): void;
}

export interface ClientStore extends ReadableStore, WritableStore {
  /** Told after every committed write; returns the unsubscribe. */
  onChange(listener: StoreChangeListener): () => void;
}
