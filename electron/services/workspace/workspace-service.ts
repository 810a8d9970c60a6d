// The declaration workspace over the logged-in person's database: drafts per unit and kind, rows
// read in pages or in bulk, edits saved at once (each step one small transaction with its undo
// entry), 数据校验 by the domain's rules, and submit into the outbox.
import { ulid } from 'ulid';
import { AppError, describeError } from '../../../domain/errors';
import type { ErrorCode } from '../../../domain/error-catalogue';
import { localToday } from '../../../domain/ids';
import { declarationKindLabels } from '../../../domain/labels';
import type { Batch } from '../../../domain/declarations/checks';
import { checkDeclarationRows } from '../../../domain/declarations/unread-cells';
import { calculateMonthly } from '../../../domain/declarations/monthly';
import {
  indexRoster,
  type RosterIndex,
  type RosterPerson,
} from '../../../domain/declarations/roster';
import type { AdditionRow } from '../../../domain/declarations/addition';
import type { ReductionRow } from '../../../domain/declarations/reduction';
import type { BaseRow } from '../../../domain/declarations/base-declaration';
import type { Finding } from '../../../domain/declarations/findings';
import type { RegionTable } from '../../../domain/insurance/region-table';
import type { InjuryClass } from '../../../domain/insurance/kinds';
import type {
  DeclarationSummary,
  EditOutcome,
  FindingView,
  GridRow,
  MonthlyLine,
  RegionInfo,
  RowData,
  RowsBulk,
  ValidationResult,
} from '../../contract/views-workspace';
import type { Db, UserStore } from '../store/user-store';
import { DeclarationRepo, type ImportRecord } from './declaration-repo';
import { invert, type EditOp } from './edit-ops';
import { labelOfField } from './field-labels';
import { unitRule, type UnitRef, type UnitRule } from './regions';
import { RosterRepo } from './roster-repo';
import {
  emptyRow,
  fieldInfo,
  flatten,
  getField,
  kindFields,
  parseRow,
  withField,
  type CellValue,
  type DeclarationKind,
  type FieldType,
} from './row-kinds';

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

/** A declaration's rows in memory, in row_no order, mirroring what is committed. */
interface Doc {
  meta: DeclarationSummary;
  rowNos: number[];
  rows: RowData[];
  pos: Map<number, number> | null;
}

interface Ctx {
  db: Db;
  repo: DeclarationRepo;
  roster: RosterRepo;
  docs: Map<string, Doc>;
  rosterCache: Map<string, { version: string; people: RosterPerson[]; index: RosterIndex | null }>;
}

export interface RejectedCell {
  rowNo: number;
  field: string;
  code: string;
  message: string;
}

export interface CellEdit {
  rowNo: number;
  field: string;
  value: CellValue;
}

const DEFAULT_INJURY_CLASS: InjuryClass = 1;
const MAX_CACHED_DOCS = 3;

const invalidCode: Record<FieldType, ErrorCode> = {
  text: 'TEXT_TOO_LONG',
  date: 'DATE_INVALID',
  month: 'MONTH_INVALID',
  money: 'AMOUNT_INVALID',
  choice: 'CHOICE_INVALID',
  flag: 'CHOICE_INVALID',
  kept: 'INVALID_INPUT',
};

function posOf(doc: Doc): Map<number, number> {
  if (!doc.pos) {
    doc.pos = new Map();
    for (let i = 0; i < doc.rowNos.length; i++) doc.pos.set(doc.rowNos[i]!, i);
  }
  return doc.pos;
}

function rowOf(doc: Doc, rowNo: number): RowData | undefined {
  const i = posOf(doc).get(rowNo);
  return i === undefined ? undefined : doc.rows[i];
}

function nextRowNo(doc: Doc): number {
  return doc.rowNos.length === 0 ? 0 : doc.rowNos[doc.rowNos.length - 1]! + 1;
}

/** Applies committed ops to the in-memory rows. */
function applyToDoc(doc: Doc, ops: readonly EditOp[]): void {
  for (const op of ops) {
    switch (op.op) {
      case 'put':
        for (const [rowNo, data] of op.rows) {
          const i = posOf(doc).get(rowNo);
          if (i !== undefined) doc.rows[i] = data;
          else if (doc.rowNos.length === 0 || rowNo > doc.rowNos[doc.rowNos.length - 1]!) {
            doc.pos!.set(rowNo, doc.rowNos.length);
            doc.rowNos.push(rowNo);
            doc.rows.push(data);
          } else {
            let lo = 0;
            let hi = doc.rowNos.length;
            while (lo < hi) {
              const mid = (lo + hi) >> 1;
              if (doc.rowNos[mid]! < rowNo) lo = mid + 1;
              else hi = mid;
            }
            doc.rowNos.splice(lo, 0, rowNo);
            doc.rows.splice(lo, 0, data);
            doc.pos = null;
          }
        }
        break;
      case 'remove': {
        const gone = new Set(op.rowNos);
        const keepNos: number[] = [];
        const keepRows: RowData[] = [];
        for (let i = 0; i < doc.rowNos.length; i++) {
          if (gone.has(doc.rowNos[i]!)) continue;
          keepNos.push(doc.rowNos[i]!);
          keepRows.push(doc.rows[i]!);
        }
        doc.rowNos = keepNos;
        doc.rows = keepRows;
        doc.pos = null;
        break;
      }
      case 'shift':
        for (let i = 0; i < doc.rowNos.length; i++) {
          if (doc.rowNos[i]! >= op.from) doc.rowNos[i]! += op.by;
        }
        doc.pos = null;
        break;
    }
  }
}

function outcomeOf(
  ops: readonly EditOp[],
  history: { canUndo: boolean; canRedo: boolean },
  rejected: RejectedCell[] = [],
): EditOutcome {
  const rows = new Map<number, RowData>();
  const removed = new Set<number>();
  let renumbered = false;
  for (const op of ops) {
    if (op.op === 'put') {
      for (const [rowNo, data] of op.rows) {
        rows.set(rowNo, data);
        removed.delete(rowNo);
      }
    } else if (op.op === 'remove') {
      for (const rowNo of op.rowNos) {
        rows.delete(rowNo);
        removed.add(rowNo);
      }
    } else renumbered = true;
  }
  return {
    rows: [...rows].map(([rowNo, data]) => ({ rowNo, data })),
    removedRowNos: [...removed],
    renumbered,
    ...history,
    rejected,
  };
}

export class WorkspaceService {
  private ctx: Ctx | null = null;
  private readonly now: () => Date;
  private readonly historyLimit: number;

  constructor(private readonly deps: WorkspaceDeps) {
    this.now = deps.now ?? (() => new Date());
    this.historyLimit = deps.historyLimit ?? 200;
    // Another person's database: nothing cached may survive.
    deps.store.onChange(() => (this.ctx = null));
  }

  private context(): Ctx {
    const db = this.deps.store.db();
    if (this.ctx?.db !== db) {
      this.ctx = {
        db,
        repo: new DeclarationRepo(db),
        roster: new RosterRepo(db),
        docs: new Map(),
        rosterCache: new Map(),
      };
    }
    return this.ctx;
  }

  private stamp(): string {
    return this.now().toISOString();
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
    const ctx = this.context();
    let doc = ctx.docs.get(id);
    const meta = ctx.repo.meta(id);
    if (!meta) throw new AppError('DECLARATION_NOT_FOUND');
    this.unit(meta.unitNo);
    if (doc) {
      doc.meta = { ...meta, rowCount: doc.rowNos.length };
      ctx.docs.delete(id);
      ctx.docs.set(id, doc); // most recently used last
      return doc;
    }
    const { rowNos, rows } = ctx.repo.readRows(id);
    doc = { meta: { ...meta, rowCount: rowNos.length }, rowNos, rows, pos: null };
    ctx.docs.set(id, doc);
    while (ctx.docs.size > MAX_CACHED_DOCS) ctx.docs.delete(ctx.docs.keys().next().value!);
    return doc;
  }

  private editable(id: string): Doc & { meta: { kind: Exclude<DeclarationKind, 'monthly'> } } {
    const doc = this.doc(id);
    if (doc.meta.state !== 'draft') throw new AppError('DECLARATION_NOT_DRAFT');
    if (doc.meta.kind === 'monthly') throw new AppError('DECLARATION_READ_ONLY');
    return doc as Doc & { meta: { kind: Exclude<DeclarationKind, 'monthly'> } };
  }

  // --- declarations ---

  list(unitNo: string): DeclarationSummary[] {
    this.unit(unitNo);
    return this.context().repo.list(unitNo);
  }

  create(input: {
    unitNo: string;
    kind: DeclarationKind;
    month: string;
    title?: string;
  }): DeclarationSummary {
    const ctx = this.context();
    const rule = this.rule(input.unitNo, input.month);
    const id = ulid();
    const now = this.stamp();
    const title = input.title?.trim() || this.freshTitle(input.unitNo, input.kind, input.month);
    const lines =
      input.kind === 'monthly' ? this.monthlyLines(input.unitNo, input.month, rule) : null;
    ctx.db.transaction(() => {
      ctx.repo.insert({
        id,
        unitNo: input.unitNo,
        kind: input.kind,
        month: input.month,
        title,
        now,
      });
      if (lines) ctx.repo.replaceRows(id, lines);
    })();
    return this.summary(id);
  }

  summary(id: string): DeclarationSummary {
    const meta = this.context().repo.get(id);
    if (!meta) throw new AppError('DECLARATION_NOT_FOUND');
    return meta;
  }

  /** 2026-11 增员, then 2026-11 增员（2）…: declarations of one month stay told apart in lists. */
  private freshTitle(unitNo: string, kind: DeclarationKind, month: string): string {
    const base = `${month} ${declarationKindLabels[kind]}`;
    const taken = new Set(
      this.context()
        .repo.list(unitNo)
        .map((d) => d.title),
    );
    if (!taken.has(base)) return base;
    for (let n = 2; ; n++) if (!taken.has(`${base}（${n}）`)) return `${base}（${n}）`;
  }

  rename(id: string, title: string): DeclarationSummary {
    const doc = this.doc(id);
    this.context().repo.rename(id, title.trim() || doc.meta.title, this.stamp());
    return this.summary(id);
  }

  delete(id: string): void {
    const doc = this.doc(id);
    if (doc.meta.state !== 'draft') throw new AppError('DECLARATION_NOT_DRAFT');
    const ctx = this.context();
    ctx.repo.remove(id);
    ctx.docs.delete(id);
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
      ...this.context().repo.history(id),
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

  // --- edits: each call is one step, one transaction ---

  private commitStep(doc: Doc, ops: EditOp[], rejected: RejectedCell[] = []): EditOutcome {
    const ctx = this.context();
    const id = doc.meta.id;
    if (ops.length === 0) return outcomeOf([], ctx.repo.history(id), rejected);
    const undo = invert(ops, (rowNo) => rowOf(doc, rowNo));
    const now = this.stamp();
    ctx.db.transaction(() => {
      ctx.repo.applyOps(id, ops);
      ctx.repo.logStep(id, ops, undo, now, this.historyLimit);
      ctx.repo.touch(id, now);
    })();
    applyToDoc(doc, ops);
    return outcomeOf(ops, ctx.repo.history(id), rejected);
  }

  private checkRow(kind: DeclarationKind, data: unknown): RowData {
    const row = parseRow(kind, data);
    if (!row) throw new AppError('INVALID_INPUT');
    return row;
  }

  /** Whole rows changed and appended, as the grid sends a paste or a typed cell. */
  edit(
    id: string,
    changes: ReadonlyArray<{ rowNo: number; data: unknown }>,
    appends: readonly unknown[],
  ): EditOutcome {
    const doc = this.editable(id);
    const kind = doc.meta.kind;
    const put: Array<[number, RowData]> = [];
    for (const c of changes) {
      if (!rowOf(doc, c.rowNo)) throw new AppError('ROW_NOT_FOUND', { row: c.rowNo + 1 });
      put.push([c.rowNo, this.checkRow(kind, c.data)]);
    }
    let next = nextRowNo(doc);
    for (const a of appends) put.push([next++, this.checkRow(kind, a)]);
    return this.commitStep(doc, put.length ? [{ op: 'put', rows: put }] : []);
  }

  /** Typed values into cells; cells whose value does not fit are reported and left as they were. */
  setCells(id: string, cells: readonly CellEdit[]): EditOutcome {
    const doc = this.editable(id);
    const kind = doc.meta.kind;
    const changed = new Map<number, RowData>();
    const rejected: RejectedCell[] = [];
    for (const cell of cells) {
      const info = fieldInfo(kind, cell.field);
      if (!info) throw new AppError('FIELD_UNKNOWN', { field: cell.field });
      const current = changed.get(cell.rowNo) ?? rowOf(doc, cell.rowNo);
      if (!current) throw new AppError('ROW_NOT_FOUND', { row: cell.rowNo + 1 });
      const next = parseRow(kind, withField(current, cell.field, cell.value));
      if (next) changed.set(cell.rowNo, next);
      else {
        const code = invalidCode[info.type];
        const info2 = describeError(code, {
          field: labelOfField(cell.field),
          value: String(cell.value ?? ''),
          options: '',
          max: 200,
        });
        rejected.push({ rowNo: cell.rowNo, field: cell.field, code, message: info2.message });
      }
    }
    const ops: EditOp[] = changed.size ? [{ op: 'put', rows: [...changed] }] : [];
    return this.commitStep(doc, ops, rejected);
  }

  fillDown(id: string, field: string, fromRowNo: number, toRowNos: readonly number[]): EditOutcome {
    const doc = this.editable(id);
    if (!fieldInfo(doc.meta.kind, field)) throw new AppError('FIELD_UNKNOWN', { field });
    const source = rowOf(doc, fromRowNo);
    if (!source) throw new AppError('ROW_NOT_FOUND', { row: fromRowNo + 1 });
    const value = getField(source, field);
    return this.setCells(
      id,
      toRowNos.map((rowNo) => ({ rowNo, field, value })),
    );
  }

  insertRows(id: string, beforeRowNo: number | null, count: number): EditOutcome {
    const doc = this.editable(id);
    const kind = doc.meta.kind;
    if (beforeRowNo === null) {
      const start = nextRowNo(doc);
      const rows: Array<[number, RowData]> = [];
      for (let i = 0; i < count; i++) rows.push([start + i, emptyRow(kind)]);
      return this.commitStep(doc, [{ op: 'put', rows }]);
    }
    if (!rowOf(doc, beforeRowNo)) throw new AppError('ROW_NOT_FOUND', { row: beforeRowNo + 1 });
    const rows: Array<[number, RowData]> = [];
    for (let i = 0; i < count; i++) rows.push([beforeRowNo + i, emptyRow(kind)]);
    return this.commitStep(doc, [
      { op: 'shift', from: beforeRowNo, by: count },
      { op: 'put', rows },
    ]);
  }

  deleteRows(id: string, rowNos: readonly number[]): EditOutcome {
    const doc = this.editable(id);
    const unique = [...new Set(rowNos)];
    for (const rowNo of unique) {
      if (!rowOf(doc, rowNo)) throw new AppError('ROW_NOT_FOUND', { row: rowNo + 1 });
    }
    return this.commitStep(doc, [{ op: 'remove', rowNos: unique }]);
  }

  /** Rows appended as one step (an import). */
  appendRows(id: string, rows: readonly RowData[]): EditOutcome {
    const doc = this.editable(id);
    let next = nextRowNo(doc);
    const put: Array<[number, RowData]> = rows.map((r) => [next++, r]);
    return this.commitStep(doc, put.length ? [{ op: 'put', rows: put }] : []);
  }

  undo(id: string): EditOutcome {
    return this.travel(id, 'undo');
  }

  redo(id: string): EditOutcome {
    return this.travel(id, 'redo');
  }

  private travel(id: string, way: 'undo' | 'redo'): EditOutcome {
    const doc = this.editable(id);
    const ctx = this.context();
    let ops: EditOp[] = [];
    ctx.db.transaction(() => {
      const step = way === 'undo' ? ctx.repo.lastDone(id) : ctx.repo.firstUndone(id);
      if (!step) return;
      ops = step.ops;
      ctx.repo.applyOps(id, ops);
      ctx.repo.markUndone(step.seq, way === 'undo');
      ctx.repo.touch(id, this.stamp());
    })();
    applyToDoc(doc, ops);
    return outcomeOf(ops, ctx.repo.history(id));
  }

  // --- checks and submit ---

  private rosterEntry(unitNo: string): { people: RosterPerson[]; index: RosterIndex | null } {
    const ctx = this.context();
    // Sync writes the roster behind our back: the cache holds only while its version does.
    const version = ctx.roster.version(unitNo);
    const cached = ctx.rosterCache.get(unitNo);
    if (cached?.version === version) return cached;
    const entry = { version, people: ctx.roster.all(unitNo), index: null };
    ctx.rosterCache.set(unitNo, entry);
    return entry;
  }

  private rosterOf(unitNo: string): RosterPerson[] {
    return this.rosterEntry(unitNo).people;
  }

  /** The roster indexed by person, built once per roster version. */
  rosterIndex(unitNo: string): RosterIndex {
    this.unit(unitNo);
    const entry = this.rosterEntry(unitNo);
    return (entry.index ??= indexRoster(entry.people));
  }

  validate(id: string): ValidationResult {
    const doc = this.doc(id);
    const { unitNo, month, kind } = doc.meta;
    const { rule } = this.rule(unitNo, month);
    let findings: Finding[];
    let totals: ValidationResult['totals'] = null;
    if (kind === 'monthly') {
      const lines = doc.rows as MonthlyLine[];
      // The stored lines are who was insured when computed: check their bases again, now.
      const people: RosterPerson[] = lines.map((l) => ({
        name: l.name || '-',
        documentType: l.documentType,
        documentNumber: l.documentNumber || '-',
        gender: 'male',
        birthDate: '1900-01-01',
        status: 'insured',
        insuredFrom: '1900-01-01',
        lastPaidMonth: '',
        baseFen: l.declaredBaseFen,
        kinds: l.kinds,
      }));
      const result = calculateMonthly(people, {
        rule,
        unit: { injuryClass: DEFAULT_INJURY_CLASS },
        month,
      });
      findings = result.findings;
      totals = result.totals;
    } else {
      const batch = { kind, rows: doc.rows } as Batch;
      findings = checkDeclarationRows(batch, {
        rule,
        roster: this.rosterIndex(unitNo),
        month,
        today: this.deps.today?.() ?? localToday(),
      });
    }
    let errorCount = 0;
    const views: FindingView[] = new Array(findings.length);
    for (let i = 0; i < findings.length; i++) {
      const f = findings[i]!;
      if (f.severity === 'error') errorCount++;
      views[i] = { ...f, rowNo: doc.rowNos[f.row]! };
    }
    return { findings: views, errorCount, warningCount: findings.length - errorCount, totals };
  }

  private monthlyLines(unitNo: string, month: string, { rule }: UnitRule): MonthlyLine[] {
    const result = calculateMonthly(this.rosterOf(unitNo), {
      rule,
      unit: { injuryClass: DEFAULT_INJURY_CLASS },
      month,
    });
    return result.rows.map(({ person, contribution: c }) => ({
      name: person.name,
      documentType: person.documentType,
      documentNumber: person.documentNumber,
      kinds: person.kinds,
      declaredBaseFen: c.declaredBaseFen,
      baseFen: c.baseFen,
      pensionUnitFen: c.pensionUnitFen,
      pensionPersonalFen: c.pensionPersonalFen,
      medicalUnitFen: c.medicalUnitFen,
      medicalPersonalFen: c.medicalPersonalFen,
      unemploymentUnitFen: c.unemploymentUnitFen,
      unemploymentPersonalFen: c.unemploymentPersonalFen,
      injuryUnitFen: c.injuryUnitFen,
      maternityUnitFen: c.maternityUnitFen,
      maternityPersonalFen: c.maternityPersonalFen,
      unitTotalFen: c.unitTotalFen,
      personalTotalFen: c.personalTotalFen,
      totalFen: c.totalFen,
    }));
  }

  recalculate(id: string): DeclarationSummary {
    const doc = this.doc(id);
    if (doc.meta.state !== 'draft') throw new AppError('DECLARATION_NOT_DRAFT');
    if (doc.meta.kind !== 'monthly') return doc.meta;
    const ctx = this.context();
    const lines = this.monthlyLines(
      doc.meta.unitNo,
      doc.meta.month,
      this.rule(doc.meta.unitNo, doc.meta.month),
    );
    ctx.db.transaction(() => {
      ctx.repo.replaceRows(id, lines);
      ctx.repo.touch(id, this.stamp());
    })();
    ctx.docs.delete(id);
    return this.summary(id);
  }

  /**
   * Draft → 待上传: in ONE transaction the state, submitted_at and the outbox row, so a crash
   * leaves either a draft or a queued declaration with its mutation, never one without the other.
   */
  submit(
    id: string,
    confirmWarnings: boolean,
  ): { declaration: DeclarationSummary; mutationId: string } {
    const doc = this.doc(id);
    if (doc.meta.state !== 'draft') throw new AppError('DECLARATION_NOT_DRAFT');
    if (doc.rows.length === 0) throw new AppError('DECLARATION_EMPTY');
    const result = this.validate(id);
    if (result.errorCount > 0)
      throw new AppError('DECLARATION_HAS_ERRORS', { count: result.errorCount });
    if (result.warningCount > 0 && !confirmWarnings) {
      throw new AppError('DECLARATION_WARNINGS_UNCONFIRMED', { count: result.warningCount });
    }
    const ctx = this.context();
    const mutationId = ulid();
    const now = this.stamp();
    const payload = JSON.stringify({
      declarationId: id,
      type: doc.meta.kind,
      month: doc.meta.month,
      rows: doc.rows,
    });
    ctx.db.transaction(() => {
      if (!ctx.repo.markQueued(id, now)) throw new AppError('DECLARATION_NOT_DRAFT');
      ctx.repo.insertOutbox({
        mutationId,
        unitNo: doc.meta.unitNo,
        declarationId: id,
        payload,
        now,
      });
      ctx.repo.clearHistory(id);
    })();
    ctx.docs.delete(id);
    return { declaration: this.summary(id), mutationId };
  }

  // --- roster ---

  roster(
    unitNo: string,
    query: string,
    offset: number,
    limit: number,
  ): { total: number; people: RosterPerson[] } {
    this.unit(unitNo);
    return this.context().roster.search(unitNo, query, offset, limit);
  }

  saveRoster(unitNo: string, people: readonly RosterPerson[]): void {
    this.unit(unitNo);
    const ctx = this.context();
    ctx.db.transaction(() => ctx.roster.upsert(unitNo, people, this.stamp()))();
    ctx.rosterCache.delete(unitNo);
  }

  /** The roster as the checks use it (cached until it changes). */
  rosterPeople(unitNo: string): readonly RosterPerson[] {
    this.unit(unitNo);
    return this.rosterOf(unitNo);
  }

  recordImport(r: Omit<ImportRecord, 'id' | 'now'>): void {
    this.context().repo.recordImport({ ...r, id: ulid(), now: this.stamp() });
  }
}

export type { AdditionRow, ReductionRow, BaseRow };
