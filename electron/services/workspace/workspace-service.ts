// The declaration workspace over the logged-in person's database: drafts per unit and kind, and
// their rows read in pages or in bulk. Editing, checking and submission are parts of their own
// (editing.ts, checking.ts, submission.ts) over a shared scope; the rows held in memory live in
// the document cache, which follows the store's change events.
import { ulid } from 'ulid';
import { AppError } from '../../../domain/errors';
import { localToday } from '../../../domain/ids';
import { declarationKindLabels } from '../../../domain/labels';
import type { RosterIndex, RosterPerson } from '../../../domain/declarations/roster';
import type { RegionTable } from '../../../domain/insurance/region-table';
import type {
  DeclarationSummary,
  EditOutcome,
  GridRow,
  RegionInfo,
  RowData,
  RowsBulk,
  ValidationResult,
} from '../../contract/views-workspace';
import { clientStoreOf } from '../store/client-store';
import type { ImportRecord } from '../store/interface';
import type { Db, UserStore } from '../store/user-store';
import { Checking } from './checking';
import { DocumentCache, type Doc } from './document-cache';
import { Editing, type CellEdit } from './editing';
import { unitRule, type UnitRef, type UnitRule } from './regions';
import { flatten, kindFields, type CellValue, type DeclarationKind } from './row-kinds';
import type { WorkspaceScope } from './scope';
import { Submission } from './submission';

export type { CellEdit, RejectedCell } from './editing';

export interface WorkspaceDeps {
  store: UserStore;
  tables: readonly RegionTable[];
  /** The session's unit by number; null when this person may not act for it. */
  unit(unitNo: string): UnitRef | null;
  now?: () => Date;
  /** Today as YYYY-MM-DD for the checks; defaults to the local date. */
  today?: () => string;
  /** Undo steps kept per declaration. */
  historyLimit?: number;
}

export class WorkspaceService {
  private current: { db: Db; cache: DocumentCache } | null = null;
  private readonly scope: WorkspaceScope;
  private readonly editing: Editing;
  private readonly checking: Checking;
  private readonly submission: Submission;

  constructor(private readonly deps: WorkspaceDeps) {
    const now = deps.now ?? (() => new Date());
    this.scope = {
      cache: () => this.cache(),
      doc: (id) => this.doc(id),
      unit: (unitNo) => this.unit(unitNo),
      rule: (unitNo, month) => this.rule(unitNo, month),
      summary: (id) => this.summary(id),
      stamp: () => now().toISOString(),
      today: () => deps.today?.() ?? localToday(),
    };
    this.editing = new Editing(this.scope, deps.historyLimit ?? 200);
    this.checking = new Checking(this.scope);
    this.submission = new Submission(this.scope, this.checking);
    // Another person's database: nothing cached may survive.
    deps.store.onChange(() => this.forget());
  }

  private forget(): void {
    this.current?.cache.off();
    this.current = null;
  }

  private cache(): DocumentCache {
    const db = this.deps.store.db();
    if (this.current?.db !== db) {
      this.forget();
      this.current = { db, cache: new DocumentCache(clientStoreOf(db)) };
    }
    return this.current.cache;
  }

  private unit(unitNo: string): UnitRef {
    const unit = this.deps.unit(unitNo);
    if (!unit) throw new AppError('UNIT_NOT_ALLOWED');
    return unit;
  }

  /** The region rule of a unit for a month. */
  rule(unitNo: string, month: string): UnitRule {
    return unitRule(this.deps.tables, this.unit(unitNo), month);
  }

  private doc(id: string): Doc {
    const doc = this.cache().doc(id);
    this.unit(doc.meta.unitNo);
    return doc;
  }

  // --- declarations ---

  list(unitNo: string): DeclarationSummary[] {
    this.unit(unitNo);
    return this.cache().store.listDeclarations(unitNo);
  }

  create(input: {
    unitNo: string;
    kind: DeclarationKind;
    month: string;
    title?: string;
  }): DeclarationSummary {
    const store = this.cache().store;
    const rule = this.rule(input.unitNo, input.month);
    const id = ulid();
    const title = input.title?.trim() || this.freshTitle(input.unitNo, input.kind, input.month);
    const lines =
      input.kind === 'monthly' ? this.checking.monthlyLines(input.unitNo, input.month, rule) : null;
    store.createDeclaration(
      {
        id,
        unitNo: input.unitNo,
        kind: input.kind,
        month: input.month,
        title,
        now: this.scope.stamp(),
      },
      lines,
    );
    return this.summary(id);
  }

  summary(id: string): DeclarationSummary {
    const meta = this.cache().store.getDeclaration(id);
    if (!meta) throw new AppError('DECLARATION_NOT_FOUND');
    return meta;
  }

  /** 2026-11 增员, then 2026-11 增员（2）…: declarations of one month stay told apart in lists. */
  private freshTitle(unitNo: string, kind: DeclarationKind, month: string): string {
    const base = `${month} ${declarationKindLabels[kind]}`;
    const taken = new Set(
      this.cache()
        .store.listDeclarations(unitNo)
        .map((d) => d.title),
    );
    if (!taken.has(base)) return base;
    for (let n = 2; ; n++) if (!taken.has(`${base}（${n}）`)) return `${base}（${n}）`;
  }

  rename(id: string, title: string): DeclarationSummary {
    const doc = this.doc(id);
    this.cache().store.renameDeclaration(id, title.trim() || doc.meta.title, this.scope.stamp());
    return this.summary(id);
  }

  delete(id: string): void {
    const doc = this.doc(id);
    if (doc.meta.state !== 'draft') throw new AppError('DECLARATION_NOT_DRAFT');
    this.cache().store.deleteDeclaration(id);
  }

  open(
    id: string,
    firstPage: number,
  ): {
    declaration: DeclarationSummary;
    rows: GridRow[];
    total: number;
    canUndo: boolean;
    canRedo: boolean;
    region: RegionInfo | null;
  } {
    const doc = this.doc(id);
    let region: RegionInfo | null = null;
    try {
      region = this.rule(doc.meta.unitNo, doc.meta.month).info;
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'RULE_NOT_FOUND')) throw error;
    }
    return {
      declaration: doc.meta,
      ...this.rows(id, 0, firstPage),
      ...this.cache().store.editHistory(id),
      region,
    };
  }

  rows(id: string, offset: number, limit: number): { total: number; rows: GridRow[] } {
    const doc = this.doc(id);
    const end = Math.min(doc.rowNos.length, offset + limit);
    const rows: GridRow[] = [];
    for (let i = offset; i < end; i++) rows.push({ rowNo: doc.rowNos[i]!, data: doc.rows[i]! });
    return { total: doc.rowNos.length, rows };
  }

  /** Every row as an array of flat values: the fast path for a 100,000-row grid. */
  rowsBulk(id: string): RowsBulk {
    const doc = this.doc(id);
    const fields = kindFields[doc.meta.kind];
    const values = new Array<CellValue[]>(doc.rows.length);
    for (let i = 0; i < doc.rows.length; i++) values[i] = flatten(doc.rows[i]!, fields);
    return { fields: fields.map((f) => f.name), rowNos: doc.rowNos.slice(), values };
  }

  /** Rows in order, for validation, export and submit. */
  orderedRows(id: string): {
    meta: DeclarationSummary;
    rowNos: readonly number[];
    rows: readonly RowData[];
  } {
    const doc = this.doc(id);
    return { meta: doc.meta, rowNos: doc.rowNos, rows: doc.rows };
  }

  // --- editing ---

  edit(
    id: string,
    changes: ReadonlyArray<{ rowNo: number; data: unknown }>,
    appends: readonly unknown[],
  ): EditOutcome {
    return this.editing.edit(id, changes, appends);
  }

  setCells(id: string, cells: readonly CellEdit[]): EditOutcome {
    return this.editing.setCells(id, cells);
  }

  fillDown(id: string, field: string, fromRowNo: number, toRowNos: readonly number[]): EditOutcome {
    return this.editing.fillDown(id, field, fromRowNo, toRowNos);
  }

  insertRows(id: string, beforeRowNo: number | null, count: number): EditOutcome {
    return this.editing.insertRows(id, beforeRowNo, count);
  }

  deleteRows(id: string, rowNos: readonly number[]): EditOutcome {
    return this.editing.deleteRows(id, rowNos);
  }

  appendRows(id: string, rows: readonly RowData[]): EditOutcome {
    return this.editing.appendRows(id, rows);
  }

  undo(id: string): EditOutcome {
    return this.editing.undo(id);
  }

  redo(id: string): EditOutcome {
    return this.editing.redo(id);
  }

  // --- checks and submit ---

  validate(id: string): ValidationResult {
    return this.checking.validate(id);
  }

  recalculate(id: string): DeclarationSummary {
    return this.checking.recalculate(id);
  }

  submit(
    id: string,
    confirmWarnings: boolean,
  ): { declaration: DeclarationSummary; mutationId: string } {
    return this.submission.submit(id, confirmWarnings);
  }

  // --- roster ---

  /** The roster indexed by person, built once per roster version. */
  rosterIndex(unitNo: string): RosterIndex {
    this.unit(unitNo);
    return this.cache().rosterIndex(unitNo);
  }

  roster(
    unitNo: string,
    query: string,
    offset: number,
    limit: number,
  ): { total: number; people: RosterPerson[] } {
    this.unit(unitNo);
    return this.cache().store.searchRoster(unitNo, query, offset, limit);
  }

  saveRoster(unitNo: string, people: readonly RosterPerson[]): void {
    this.unit(unitNo);
    this.cache().store.saveRoster(unitNo, people, this.scope.stamp());
  }

  /** The roster as the checks use it (cached until it changes). */
  rosterPeople(unitNo: string): readonly RosterPerson[] {
    this.unit(unitNo);
    return this.cache().roster(unitNo);
  }

  recordImport(r: Omit<ImportRecord, 'id' | 'now'>): void {
    this.cache().store.recordImport({ ...r, id: ulid(), now: this.scope.stamp() });
  }
}
