// The ClientStore over one open per-user database: the tables' statements behind the typed
// interface, and the change events. One instance per database, shared by everyone who asks for
// that database, so a write made through sync reaches the workspace's listeners.
import type { Change, MutationResult } from '../../../domain/protocol/sync';
import type { RosterPerson } from '../../../domain/declarations/roster';
import type { RowData } from '../../contract/views-workspace';
import type { DeclarationKind } from '../workspace/row-kinds';
import { DeclarationTables } from './declarations';
import type { EditOp } from './edit-ops';
import type {
  BatchLimits,
  ClientStore,
  ImportRecord,
  NewDeclaration,
  QueuedSubmission,
  RecordsQuery,
  StoreChange,
  StoreChangeListener,
} from './interface';
import { OutboxTable } from './outbox';
import { RecordsTable } from './records';
import { RosterTable } from './roster';
import { SyncChangesTable } from './sync-changes';
import type { Db } from './user-store';

class SqliteClientStore implements ClientStore {
  private readonly declarations: DeclarationTables;
  private readonly rosterTable: RosterTable;
  private readonly records: RecordsTable;
  private readonly outbox: OutboxTable;
  private readonly changes: SyncChangesTable;
  private readonly listeners = new Set<StoreChangeListener>();

  constructor(db: Db) {
    this.declarations = new DeclarationTables(db);
    this.rosterTable = new RosterTable(db);
    this.records = new RecordsTable(db);
    this.outbox = new OutboxTable(db);
    this.changes = new SyncChangesTable(db, this.rosterTable);
  }

  onChange(listener: StoreChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(change: StoreChange): void {
    for (const listener of this.listeners) listener(change);
  }

  private declarationChanged(id: string | null, rows: boolean, byEditor = false): void {
    this.emit({ table: 'declarations', id, rows, byEditor });
  }

  // --- reads ---

  listDeclarations(unitNo: string) {
    return this.declarations.list(unitNo);
  }
  getDeclaration(id: string) {
    return this.declarations.get(id);
  }
  getDeclarationMeta(id: string) {
    return this.declarations.meta(id);
  }
  readRows(id: string, kind: DeclarationKind) {
    return this.declarations.readRows(id, kind);
  }
  editHistory(id: string) {
    return this.declarations.history(id);
  }
  rosterVersion(unitNo: string) {
    return this.rosterTable.version(unitNo);
  }
  roster(unitNo: string) {
    return this.rosterTable.all(unitNo);
  }
  searchRoster(unitNo: string, query: string, offset: number, limit: number) {
    return this.rosterTable.search(unitNo, query, offset, limit);
  }
  listRecords(unitNo: string, query: RecordsQuery) {
    return this.records.list(unitNo, query);
  }
  recordDetail(unitNo: string, id: string) {
    return this.records.detail(unitNo, id);
  }
  pendingCount(unitNo: string) {
    return this.outbox.pendingCount(unitNo);
  }
  syncState(unitNo: string) {
    return this.changes.syncState(unitNo);
  }

  // --- writes ---

  createDeclaration(d: NewDeclaration, rows: readonly RowData[] | null): void {
    this.declarations.create(d, rows);
    this.declarationChanged(d.id, true);
  }
  renameDeclaration(id: string, title: string, now: string): void {
    this.declarations.rename(id, title, now);
    this.declarationChanged(id, false);
  }
  deleteDeclaration(id: string): void {
    this.declarations.remove(id);
    this.declarationChanged(id, true);
  }
  replaceRows(id: string, rows: readonly RowData[], now: string): void {
    this.declarations.replaceRows(id, rows, now);
    this.declarationChanged(id, true);
  }
  commitStep(
    id: string,
    redo: readonly EditOp[],
    undo: readonly EditOp[],
    now: string,
    keep: number,
  ): void {
    this.declarations.commitStep(id, redo, undo, now, keep);
    this.declarationChanged(id, true, true);
  }
  travel(id: string, kind: DeclarationKind, way: 'undo' | 'redo', now: string): EditOp[] {
    const ops = this.declarations.travel(id, kind, way, now);
    if (ops.length > 0) this.declarationChanged(id, true, true);
    return ops;
  }
  queueSubmission(q: QueuedSubmission): boolean {
    const queued = this.declarations.queue(q);
    if (queued) this.declarationChanged(q.id, false);
    return queued;
  }
  recordImport(r: ImportRecord): void {
    this.declarations.recordImport(r);
  }
  saveRoster(unitNo: string, people: readonly RosterPerson[], now: string): void {
    this.rosterTable.upsert(unitNo, people, now);
    this.emit({ table: 'roster', unitNo });
  }
  resolveConflict(unitNo: string, id: string, rowNo: number, choice: 'keep' | 'discard'): void {
    const removed = this.records.resolveConflict(unitNo, id, rowNo, choice);
    this.declarationChanged(id, removed);
  }
  reopenDeclaration(unitNo: string, id: string): void {
    this.records.reopen(unitNo, id);
    this.declarationChanged(id, false);
  }
  clientId(): string {
    return this.outbox.clientId();
  }
  nextBatch(unitNo: string, limits: BatchLimits) {
    const batch = this.outbox.nextBatch(unitNo, limits);
    if (batch.unreadable > 0) this.declarationChanged(null, false);
    return batch;
  }
  recordAttempt(mutationIds: readonly string[], errorCode: string | null): void {
    this.outbox.recordAttempt(mutationIds, errorCode);
  }
  applyPushResults(results: readonly MutationResult[]) {
    const outcome = this.outbox.applyResults(results);
    if (outcome.accepted + outcome.rejected > 0) this.declarationChanged(null, false);
    return outcome;
  }
  applyChanges(unitNo: string, changes: readonly Change[], nextCursor: string) {
    const outcome = this.changes.applyPage(unitNo, changes, nextCursor);
    if (outcome.declarations + outcome.conflicts > 0) this.declarationChanged(null, false);
    if (outcome.roster > 0) this.emit({ table: 'roster', unitNo });
    return outcome;
  }
  resetCursor(unitNo: string): void {
    this.changes.resetCursor(unitNo);
  }
  markSynced(unitNo: string): string {
    return this.changes.markSynced(unitNo);
  }
  markSyncFailed(unitNo: string, code: string, retryAt: Date | null): void {
    this.changes.markFailed(unitNo, code, retryAt);
  }
}

const stores = new WeakMap<Db, ClientStore>();

/**
 * The store of an open database: the same instance for the same database, so every writer's
 * events reach every listener.
 */
export function clientStoreOf(db: Db): ClientStore {
  let store = stores.get(db);
  if (!store) {
    store = new SqliteClientStore(db);
    stores.set(db, store);
  }
  return store;
}
