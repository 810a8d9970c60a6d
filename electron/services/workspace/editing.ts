// Editing a draft: each call is one step, saved at once in one transaction with its inverse, so
// undo and redo walk the steps even after a restart.
import { AppError, describeError } from '../../../domain/errors';
import type { ErrorCode } from '../../../domain/error-catalogue';
import type { EditOutcome, RowData } from '../../contract/views-workspace';
import { invert, type EditOp } from '../store/edit-ops';
import { applyToDoc, nextRowNo, rowOf, type Doc } from './document-cache';
import { labelOfField } from './field-labels';
import {
  emptyRow,
  fieldInfo,
  getField,
  parseRow,
  withField,
  type CellValue,
  type DeclarationKind,
  type FieldType,
} from './row-kinds';
import type { WorkspaceScope } from './scope';

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

type EditableDoc = Doc & { meta: { kind: Exclude<DeclarationKind, 'monthly'> } };

const invalidCode: Record<FieldType, ErrorCode> = {
  text: 'TEXT_TOO_LONG',
  date: 'DATE_INVALID',
  month: 'MONTH_INVALID',
  money: 'AMOUNT_INVALID',
  kept: 'INVALID_INPUT',
  choice: 'CHOICE_INVALID',
  flag: 'CHOICE_INVALID',
};

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

function checkRow(kind: DeclarationKind, data: unknown): RowData {
  const row = parseRow(kind, data);
  if (!row) throw new AppError('INVALID_INPUT');
  return row;
}

export class Editing {
  constructor(
    private readonly scope: WorkspaceScope,
    /** Undo steps kept per declaration. */
    private readonly historyLimit: number,
  ) {}

  private editable(id: string): EditableDoc {
    const doc = this.scope.doc(id);
    if (doc.meta.state !== 'draft') throw new AppError('DECLARATION_NOT_DRAFT');
    if (doc.meta.kind === 'monthly') throw new AppError('DECLARATION_READ_ONLY');
    return doc as EditableDoc;
  }

  private commit(doc: Doc, ops: EditOp[], rejected: RejectedCell[] = []): EditOutcome {
    const store = this.scope.cache().store;
    const id = doc.meta.id;
    if (ops.length === 0) return outcomeOf([], store.editHistory(id), rejected);
    const undo = invert(ops, (rowNo) => rowOf(doc, rowNo));
    store.commitStep(id, ops, undo, this.scope.stamp(), this.historyLimit);
    applyToDoc(doc, ops);
    return outcomeOf(ops, store.editHistory(id), rejected);
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
      put.push([c.rowNo, checkRow(kind, c.data)]);
    }
    let next = nextRowNo(doc);
    for (const a of appends) put.push([next++, checkRow(kind, a)]);
    return this.commit(doc, put.length ? [{ op: 'put', rows: put }] : []);
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
        const { message } = describeError(code, {
          field: labelOfField(cell.field),
          value: String(cell.value ?? ''),
          options: '',
          max: 200,
        });
        rejected.push({ rowNo: cell.rowNo, field: cell.field, code, message });
      }
    }
    const ops: EditOp[] = changed.size ? [{ op: 'put', rows: [...changed] }] : [];
    return this.commit(doc, ops, rejected);
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
      return this.commit(doc, [{ op: 'put', rows }]);
    }
    if (!rowOf(doc, beforeRowNo)) throw new AppError('ROW_NOT_FOUND', { row: beforeRowNo + 1 });
    const rows: Array<[number, RowData]> = [];
    for (let i = 0; i < count; i++) rows.push([beforeRowNo + i, emptyRow(kind)]);
    return this.commit(doc, [
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
    return this.commit(doc, [{ op: 'remove', rowNos: unique }]);
  }

  /** Rows appended as one step (an import). */
  appendRows(id: string, rows: readonly RowData[]): EditOutcome {
    const doc = this.editable(id);
    let next = nextRowNo(doc);
    const put: Array<[number, RowData]> = rows.map((r) => [next++, r]);
    return this.commit(doc, put.length ? [{ op: 'put', rows: put }] : []);
  }

  undo(id: string): EditOutcome {
    return this.travel(id, 'undo');
  }

  redo(id: string): EditOutcome {
    return this.travel(id, 'redo');
  }

  private travel(id: string, way: 'undo' | 'redo'): EditOutcome {
    const doc = this.editable(id);
    const store = this.scope.cache().store;
    const ops = store.travel(id, doc.meta.kind, way, this.scope.stamp());
    applyToDoc(doc, ops);
    return outcomeOf(ops, store.editHistory(id));
  }
}
