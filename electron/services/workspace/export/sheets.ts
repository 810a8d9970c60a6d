// The sheets the workspace writes: a declaration view, and the error report of an import. Column
// headers are the label catalogue's, so an exported file imports back through the same synonyms.
import { fenToYuan } from '../../../../domain/money';
import { fieldLabels, insuranceKindLabels } from '../../../../domain/labels';
import { insuranceKinds, type KindFlags } from '../../../../domain/insurance/kinds';
import type { RowData } from '../../../contract/views-workspace';
import { AppError } from '../../../../domain/errors';
import { choicesFor } from '../choices';
import { labelOfField } from '../field-labels';
import { rowSchemas, fieldInfo, type DeclarationKind } from '../row-kinds';
import { cellText, type RawCell } from '../sheet-cells';
import {
  cellText as fieldText,
  fieldSpec,
  type RowWithText,
} from '../../../../domain/declarations/field-table';
import { formatKindsText } from '../../../../domain/declarations/values';
import type { SheetColumn, SheetSpec } from './xlsx-writer';

export interface ExportField {
  field: string;
  column: SheetColumn;
}

function isMoney(kind: DeclarationKind, field: string): boolean {
  return fieldInfo(kind, field)?.type === 'money';
}

/** Top-level fields of a kind (kind flags as one 险种 column), with their headers. */
export function exportFields(kind: DeclarationKind, only?: readonly string[]): ExportField[] {
  const all = Object.keys(rowSchemas[kind].shape).filter((f) => f !== 'raw');
  const chosen = only ?? all;
  return chosen.map((field) => {
    if (!all.includes(field)) throw new AppError('FIELD_UNKNOWN', { field });
    const money = isMoney(kind, field);
    const choices = choicesFor(kind, field);
    const label =
      field === 'reason' && kind === 'addition'
        ? fieldLabels.additionReason
        : field === 'reason' && kind === 'reduction'
          ? fieldLabels.reductionReason
          : labelOfField(field);
    return {
      field,
      column: {
        header: money ? `${label}（元）` : label,
        type: money ? 'money' : 'text',
        width: field === 'documentNumber' ? 22 : undefined,
        choices: choices ? Object.values(choices.labels) : undefined,
      },
    };
  });
}

const fullKinds = insuranceKinds.map((k) => insuranceKindLabels[k]).join('、');

export function exportValue(
  kind: DeclarationKind,
  row: RowData,
  field: string,
): string | number | null {
  const v = (row as unknown as Record<string, unknown>)[field];
  // A cell kept as written is exported as written, never as an empty value.
  const spec = kind === 'monthly' ? undefined : fieldSpec(kind, field);
  if (spec) {
    const kept = (row as RowWithText).raw?.[field];
    if (kept !== undefined) return kept;
    if (spec.type === 'money') return typeof v === 'number' ? Number(fenToYuan(v)) : null;
    // 险种 is spelled out (养老、医疗、…) so the file says what it means without our word 全部.
    if (spec.type === 'kinds') return formatKindsText(v as KindFlags, fullKinds);
    const text = fieldText(spec, row as RowWithText);
    return text === '' ? null : text;
  }
  if (field === 'kinds' || field === 'stopKinds') return formatKindsText(v as KindFlags, fullKinds);
  if (isMoney(kind, field)) return typeof v === 'number' ? Number(fenToYuan(v)) : null;
  const choices = choicesFor(kind, field);
  if (choices) return typeof v === 'string' ? (choices.labels[v] ?? v) : null;
  return v === null || v === undefined ? null : String(v);
}

export function declarationSheet(
  name: string,
  kind: DeclarationKind,
  rows: readonly RowData[],
  only?: readonly string[],
): SheetSpec {
  const fields = exportFields(kind, only);
  return {
    name,
    columns: fields.map((f) => f.column),
    rows: rows.map((r) => fields.map((f) => exportValue(kind, r, f.field))),
  };
}

/** The rows of a file that had problems, as they were, with the row number and the reasons. */
export function errorReportSheet(
  name: string,
  labels: { fileRow: string; reason: string },
  headers: readonly string[],
  rows: ReadonlyArray<{ fileRow: number; cells: readonly RawCell[]; reasons: readonly string[] }>,
): SheetSpec {
  const columns: SheetColumn[] = [
    { header: labels.fileRow, type: 'text', width: 8 },
    ...headers.map((h): SheetColumn => ({ header: h, type: 'text' })),
    { header: labels.reason, type: 'text', width: 60 },
  ];
  return {
    name,
    columns,
    rows: rows.map((r) => [
      String(r.fileRow),
      ...headers.map((_, i) => {
        const c = r.cells[i] ?? null;
        return c === null ? null : cellText(c);
      }),
      r.reasons.join('；'),
    ]),
  };
}
