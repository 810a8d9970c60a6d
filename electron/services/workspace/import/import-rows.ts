// Data rows of a sheet → declaration rows (or roster people), read by the field table of
// domain/declarations exactly as typed or pasted text is. A cell that cannot be read keeps what it
// said in the row's `raw` (shown in the grid, reported as an error); a value read with a doubt
// (城镇 without 本地 or 外地) gets a warning. Whether a row is right is validateBatch's job.
import { describeError } from '../../../../domain/errors';
import {
  requiredImportFields,
  type ImportTarget,
} from '../../../../domain/declarations/import-headers';
import {
  fieldSpec,
  type FieldContext,
  type FieldSpec,
  type ReadResult,
} from '../../../../domain/declarations/field-table';
import { parseFlagText } from '../../../../domain/declarations/values';
import { allKinds, type KindFlags } from '../../../../domain/insurance/kinds';
import type { ErrorCode } from '../../../../domain/error-catalogue';
import type { ErrorParams } from '../../../../domain/errors';
import { labelOfField } from '../field-labels';
import { emptyRow } from '../row-kinds';
import { cellAsText, cellText, type RawCell } from '../sheet-cells';
import type { ColumnMapping, HeaderMatch } from './header-map';

export interface CellIssue {
  row: number;
  field: string;
  column: string;
  code: ErrorCode;
  severity: 'error' | 'warning';
  message: string;
  action: string;
}

export interface BuiltRows {
  /** Loose objects: declaration rows, or roster people before their schema check. */
  rows: Record<string, unknown>[];
  fileRows: number[];
  raw: RawCell[][];
  issues: CellIssue[];
  missingFields: string[];
}

const noteRow = /^(填写说明|说明|示例|例[:：]|注[:：])/;

function isBlankRow(cells: readonly RawCell[]): boolean {
  for (const c of cells) if (c !== null && cellText(c).trim() !== '') return false;
  return true;
}

function baseRow(target: ImportTarget): Record<string, unknown> {
  if (target === 'roster') {
    return {
      name: '',
      documentType: 'residentId',
      documentNumber: '',
      gender: null,
      birthDate: '',
      status: 'insured',
      insuredFrom: '',
      lastPaidMonth: '',
      baseFen: null,
      kinds: { ...allKinds },
    };
  }
  return { ...emptyRow(target) };
}

/** Values a row takes when the file has no column for a field at all. */
function defaultsFor(target: ImportTarget, mapped: ReadonlySet<string>): Record<string, unknown> {
  const d: Record<string, unknown> = {};
  const hasGroup = (g: string): boolean =>
    [...mapped].some((f) => f === g || f.startsWith(`${g}.`));
  if (!mapped.has('documentType')) d.documentType = 'residentId';
  if (target === 'addition') {
    if (!hasGroup('kinds')) d.kinds = { ...allKinds };
    if (!mapped.has('reason')) d.reason = 'newEnrolment';
  }
  if (target === 'reduction' && !hasGroup('stopKinds')) d.stopKinds = { ...allKinds };
  return d;
}

function issue(
  row: number,
  field: string,
  column: string,
  code: ErrorCode,
  params: ErrorParams,
  severity: 'error' | 'warning',
): CellIssue {
  const info = describeError(code, params);
  return { row, field, column, code, severity, message: info.message, action: info.action ?? '' };
}

/** Columns repeat their values (新参保, 2024-07-01 …): read each distinct text once. */
const MEMO_LIMIT = 10_000;

interface ColumnReader {
  col: ColumnMapping & { field: string };
  spec: FieldSpec;
  /** Set for a one-kind yes/no column (`kinds.pension`). */
  flag: keyof KindFlags | null;
  read(text: string, row: Record<string, unknown>): ReadResult;
}

function columnReader(
  target: ImportTarget,
  col: ColumnMapping & { field: string },
  ctx: FieldContext,
): ColumnReader | null {
  const dot = col.field.indexOf('.');
  const key = dot < 0 ? col.field : col.field.slice(0, dot);
  const spec = fieldSpec(target, key);
  if (!spec) return null;
  const flag = dot < 0 ? null : (col.field.slice(dot + 1) as keyof KindFlags);
  const label = labelOfField(col.field);
  const plain = (text: string, row: Record<string, unknown>): ReadResult =>
    flag ? parseFlagText(text, label) : spec.read(text, row, ctx);
  // 户籍性质 may depend on the row's ID: never shared between rows.
  if (key === 'householdType') return { col, spec, flag, read: plain };
  const memo = new Map<string, ReadResult>();
  return {
    col,
    spec,
    flag,
    read(text, row) {
      let hit = memo.get(text);
      if (hit === undefined) {
        hit = plain(text, row);
        if (memo.size < MEMO_LIMIT) memo.set(text, hit);
      }
      // Kind flags are objects the row keeps: never share one between rows.
      return hit.ok && typeof hit.value === 'object' && hit.value !== null
        ? { ...hit, value: { ...hit.value } }
        : hit;
    },
  };
}

export function buildRows(
  target: ImportTarget,
  table: { rows: RawCell[][]; fileRows: number[] },
  header: HeaderMatch,
  ctx: FieldContext = { regionCode: null },
): BuiltRows {
  const mapped = header.columns.filter(
    (c): c is ColumnMapping & { field: string } => c.field !== null,
  );
  const mappedFields = new Set(mapped.map((c) => c.field));
  const template = { ...baseRow(target), ...defaultsFor(target, mappedFields) };
  // The ID is read before 户籍性质, which may be decided from it.
  const readers = mapped
    .map((c) => columnReader(target, c, ctx))
    .filter((r): r is ColumnReader => r !== null)
    .sort(
      (a, b) => Number(a.spec.key === 'householdType') - Number(b.spec.key === 'householdType'),
    );
  const groups = ['kinds', 'stopKinds'].filter((g) => g in template);
  const out: BuiltRows = {
    rows: [],
    fileRows: [],
    raw: [],
    issues: [],
    missingFields: requiredImportFields[target]
      .filter((f) => !mappedFields.has(f))
      .map((f) => labelOfField(f)),
  };
  for (let r = header.headerIndex + 1; r < table.rows.length; r++) {
    const cells = table.rows[r]!;
    if (isBlankRow(cells)) continue;
    const first = cells.find((c) => c !== null && cellText(c).trim() !== '');
    if (first !== undefined && noteRow.test(cellText(first!).trim())) continue;
    const index = out.rows.length;
    const row: Record<string, unknown> = { ...template };
    for (const g of groups) row[g] = { ...(template[g] as object) };
    let kept: Record<string, string> | null = null;
    for (const p of readers) {
      const cell = cellAsText(cells[p.col.index] ?? null, p.spec.type);
      const result = p.read(cell.text, row);
      if (result.ok) {
        if (p.flag) (row[p.spec.key] as Record<string, unknown>)[p.flag] = result.value;
        else row[p.spec.key] = result.value;
        if (result.note) {
          const n = result.note;
          out.issues.push(issue(index, p.spec.key, p.col.header, n.code, n.params, 'warning'));
        }
        continue;
      }
      // Keep what the cell said: the field stays empty, the grid shows the text as an error.
      (kept ??= {})[p.spec.key] = cell.text.trim();
      if (!p.flag) row[p.spec.key] = structuredClone(p.spec.empty);
      const code: ErrorCode = cell.idDigitsLost ? 'ID_STORED_AS_NUMBER' : result.code;
      const params = cell.idDigitsLost ? { value: cell.text } : result.params;
      out.issues.push(issue(index, p.spec.key, p.col.header, code, params, 'error'));
    }
    if (kept) row.raw = kept;
    out.rows.push(row);
    out.fileRows.push(table.fileRows[r]!);
    out.raw.push(cells);
  }
  return out;
}
