// How a declaration is laid out on paper, as the service's forms are: the unit, the month, one
// numbered line per person, money in 元, the totals, and pages of a fixed number of lines so each
// page repeats the header and carries "第 N 页 共 M 页". Pure, so it is measured in the bench.
import { fenToYuan } from '../../../domain/money';
import {
  additionReasonLabels,
  documentTypeLabels,
  fieldLabels,
  genderLabels,
  reductionReasonLabels,
} from '../../../domain/labels';
import { ui } from '../../../domain/ui-text';
import type { DeclarationKind } from '../../../electron/contract/views-sync';

const t = ui.it.print;

export interface PrintColumn {
  key: string;
  label: string;
  align: 'left' | 'center' | 'right';
  /** Relative width on the page. */
  width: number;
  /** Money in fen, shown in 元 and summed. */
  money?: boolean;
}

export interface PrintSheet {
  title: string;
  unitName: string;
  unitNo: string;
  month: string;
  declarationTitle: string;
  columns: PrintColumn[];
  /** Cells as they are printed, one string per column key. */
  lines: Record<string, string>[];
  /** The totals line: 合计, 共N人, the money columns' sums. */
  totals: Record<string, string>;
  operator: string;
  printedOn: string;
}

export interface PrintPage {
  number: number;
  lines: Record<string, string>[];
  /** The last page carries the totals and the signature line. */
  last: boolean;
}

const serial: PrintColumn = { key: '__serial', label: t.serialNo, align: 'center', width: 6 };
const name: PrintColumn = { key: 'name', label: fieldLabels.name, align: 'left', width: 12 };
const documentNumber: PrintColumn = {
  key: 'documentNumber',
  label: fieldLabels.documentNumber,
  align: 'left',
  width: 24,
};
const money = (key: keyof typeof fieldLabels, width = 14): PrintColumn => ({
  key,
  label: `${fieldLabels[key]}（${t.yuan}）`,
  align: 'right',
  width,
  money: true,
});
const text = (
  key: keyof typeof fieldLabels,
  width = 12,
  align: PrintColumn['align'] = 'center',
) => ({
  key,
  label: fieldLabels[key],
  align,
  width,
});

export const columnsByKind: Record<DeclarationKind, PrintColumn[]> = {
  addition: [
    serial,
    name,
    documentNumber,
    text('gender', 6),
    text('additionReason', 10),
    text('insuredFrom', 12),
    money('wageFen'),
  ],
  reduction: [serial, name, documentNumber, text('reductionReason', 14), text('lastPaidMonth', 14)],
  base: [
    serial,
    name,
    documentNumber,
    money('lastYearAverageWageFen', 16),
    money('declaredBaseFen', 16),
  ],
  monthly: [
    serial,
    name,
    documentNumber,
    money('baseFen', 13),
    money('unitTotalFen', 13),
    money('personalTotalFen', 13),
    money('totalFen', 13),
  ],
};

function label<K extends string>(labels: Record<K, string>, value: unknown): string {
  return typeof value === 'string' && value in labels ? labels[value as K] : '';
}

/** One person's printed cells. */
function cellsOf(kind: DeclarationKind, data: Record<string, unknown>): Record<string, string> {
  const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
  const cells: Record<string, string> = {
    name: str(data.name),
    documentNumber: str(data.documentNumber),
    gender: label(genderLabels, data.gender),
    insuredFrom: str(data.insuredFrom),
    lastPaidMonth: str(data.lastPaidMonth),
    additionReason: kind === 'addition' ? label(additionReasonLabels, data.reason) : '',
    reductionReason: kind === 'reduction' ? label(reductionReasonLabels, data.reason) : '',
    documentType: label(documentTypeLabels, data.documentType),
  };
  for (const column of columnsByKind[kind]) {
    if (!column.money) continue;
    const v = data[column.key];
    cells[column.key] = typeof v === 'number' ? fenToYuan(v) : '';
  }
  return cells;
}

export interface SheetInputs {
  kind: DeclarationKind;
  month: string;
  declarationTitle: string;
  unitName: string;
  unitNo: string;
  operator: string;
  printedOn: string;
  rows: readonly { rowNo: number; data: Record<string, unknown> }[];
}

export function buildSheet(inputs: SheetInputs): PrintSheet {
  const columns = columnsByKind[inputs.kind];
  const sums = new Map(columns.filter((c) => c.money).map((c) => [c.key, 0]));
  const lines = inputs.rows.map((row, index) => {
    for (const key of sums.keys()) {
      const v = row.data[key];
      if (typeof v === 'number') sums.set(key, (sums.get(key) ?? 0) + v);
    }
    return { __serial: String(index + 1), ...cellsOf(inputs.kind, row.data) };
  });
  const totals: Record<string, string> = {
    __serial: t.totals,
    name: t.headcount(lines.length),
  };
  for (const [key, fen] of sums) totals[key] = fenToYuan(fen);
  return {
    title: t.titles[inputs.kind],
    unitName: inputs.unitName,
    unitNo: inputs.unitNo,
    month: inputs.month,
    declarationTitle: inputs.declarationTitle,
    columns,
    lines,
    totals,
    operator: inputs.operator,
    printedOn: inputs.printedOn,
  };
}

/** Lines per A4 page (portrait, 10.5pt, with the repeated header and the footer). */
export const LINES_PER_PAGE = 30;

export function paginate(sheet: PrintSheet, perPage = LINES_PER_PAGE): PrintPage[] {
  const count = Math.max(1, Math.ceil(sheet.lines.length / perPage));
  const pages: PrintPage[] = [];
  for (let i = 0; i < count; i++) {
    pages.push({
      number: i + 1,
      lines: sheet.lines.slice(i * perPage, (i + 1) * perPage),
      last: i === count - 1,
    });
  }
  return pages;
}

/** YYYY-MM-DD in the PC's zone, as the forms date a signature. */
export function today(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
