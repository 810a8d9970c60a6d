// Data rows of a sheet → declaration rows (or roster people), with one issue per cell that could
// not be read. Nothing here judges whether a row is right: that is validateBatch's job.
import { describeError } from '../../../../domain/errors';
import {
  requiredImportFields,
  type ImportTarget,
} from '../../../../domain/declarations/import-headers';
import { allKinds } from '../../../../domain/insurance/kinds';
import type { ErrorCode } from '../../../../domain/error-catalogue';
import type { ErrorParams } from '../../../../domain/errors';
import { choicesFor } from '../choices';
import { labelOfField } from '../field-labels';
import { emptyRow, fieldInfo, type DeclarationKind } from '../row-kinds';
import {
  cellText,
  parseChoice,
  parseDate,
  parseDocumentNumber,
  parseFlag,
  parseKindList,
  parseMoney,
  parseMonth,
  parseText,
  type Parsed,
  type RawCell,
} from '../sheet-cells';
import type { ColumnMapping, HeaderMatch } from './header-map';

export interface CellIssue {
  row: number;
  field: string;
  column: string;
  code: ErrorCode;
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
  return emptyRow(target) as unknown as Record<string, unknown>;
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

function typeOf(target: ImportTarget, field: string): string {
  if (field === 'documentNumber') return 'id';
  if (field === 'kinds' || field === 'stopKinds') return 'kindList';
  if (target === 'roster') {
    if (field === 'birthDate' || field === 'insuredFrom') return 'date';
    if (field === 'lastPaidMonth') return 'month';
    if (field === 'baseFen') return 'money';
    if (field === 'documentType' || field === 'gender') return 'choice';
    if (field.startsWith('kinds.')) return 'flag';
    return 'text';
  }
  return fieldInfo(target as DeclarationKind, field)?.type ?? 'text';
}

function parseCell(target: ImportTarget, field: string, v: RawCell): Parsed<unknown> {
  const label = labelOfField(field);
  switch (typeOf(target, field)) {
    case 'id':
      return parseDocumentNumber(v);
    case 'kindList':
      return parseKindList(v, label);
    case 'date':
      return parseDate(v, label);
    case 'month':
      return parseMonth(v, label);
    case 'money':
      return parseMoney(v, label);
    case 'flag':
      return parseFlag(v, label);
    case 'choice': {
      const set = choicesFor(target, field);
      return set ? parseChoice(v, label, set) : parseText(v, label);
    }
    default:
      return parseText(v, label, field === 'mobile' ? 40 : 200);
  }
}

function issue(
  row: number,
  field: string,
  column: string,
  code: ErrorCode,
  params: ErrorParams,
): CellIssue {
  const info = describeError(code, params);
  return { row, field, column, code, message: info.message, action: info.action ?? '' };
}

/** Columns repeat their values (新参保, 本地城镇, 2024-07-01 …): parse each distinct text once. */
const MEMO_LIMIT = 10_000;
const memoTypes = new Set(['choice', 'kindList', 'date', 'month', 'flag', 'money']);

function columnParser(target: ImportTarget, field: string): (v: RawCell) => Parsed<unknown> {
  if (!memoTypes.has(typeOf(target, field))) return (v) => parseCell(target, field, v);
  const memo = new Map<string, Parsed<unknown>>();
  return (v) => {
    if (typeof v !== 'string') return parseCell(target, field, v);
    let hit = memo.get(v);
    if (hit === undefined) {
      hit = parseCell(target, field, v);
      if (memo.size < MEMO_LIMIT) memo.set(v, hit);
    }
    // Kind flags are objects the row keeps: never share one between rows.
    return hit.ok && typeof hit.value === 'object' && hit.value !== null
      ? { ok: true, value: { ...hit.value } }
      : hit;
  };
}

export function buildRows(
  target: ImportTarget,
  table: { rows: RawCell[][]; fileRows: number[] },
  header: HeaderMatch,
): BuiltRows {
  const mapped = header.columns.filter(
    (c): c is ColumnMapping & { field: string } => c.field !== null,
  );
  const mappedFields = new Set(mapped.map((c) => c.field));
  const template = { ...baseRow(target), ...defaultsFor(target, mappedFields) };
  const parsers = mapped.map((c) => {
    const dot = c.field.indexOf('.');
    return {
      col: c,
      parse: columnParser(target, c.field),
      group: dot < 0 ? null : c.field.slice(0, dot),
      flag: dot < 0 ? null : c.field.slice(dot + 1),
    };
  });
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
    for (const p of parsers) {
      const parsed = p.parse(cells[p.col.index] ?? null);
      if (parsed.ok) {
        if (p.group === null) row[p.col.field] = parsed.value;
        else (row[p.group] as Record<string, unknown>)[p.flag!] = parsed.value;
      } else {
        out.issues.push(issue(index, p.col.field, p.col.header, parsed.code, parsed.params));
        // Keep what the cell said where the field can hold text, so the grid shows it.
        if (p.col.field === 'documentNumber') {
          row.documentNumber = cellText(cells[p.col.index] ?? null).slice(0, 40);
        }
      }
    }
    out.rows.push(row);
    out.fileRows.push(table.fileRows[r]!);
    out.raw.push(cells);
  }
  return out;
}
