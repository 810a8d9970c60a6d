// The columns of each grid: the field table of domain/declarations (label, type, choices, how
// text is read and shown) plus how wide a column is and whether it is frozen. Typing, paste,
// fill-down and copy all go through `write` and `format`, which are the table's, so the grid
// accepts exactly what import accepts, and a text it cannot read stays in the cell as an error.
import {
  cellText,
  declarationFields,
  writeText,
  type DraftRow,
  type FieldContext,
  type FieldSpec,
  type ReadNote,
} from '../../../domain/declarations/field-table';
import { blankRow } from '../../../domain/declarations/blank-row';
import { formatKindsText } from '../../../domain/declarations/values';
import type { KindFlags } from '../../../domain/insurance/kinds';
import { documentTypeLabels, fieldLabels } from '../../../domain/labels';
import { fenToYuan } from '../../../domain/money';
import { ui } from '../../../domain/ui-text';
import type { DeclarationKind, EditableKind, MonthlyLine, ShownRow } from './model';

export type ColumnType = 'text' | 'date' | 'month' | 'money' | 'choice' | 'kinds';

export interface Choice {
  value: string;
  label: string;
}

/** A row as the grid shows it: a declaration's draft row, a 月度申报 line or a roster person. */
export type Cells = ShownRow['data'];

export interface WriteResult {
  data: DraftRow;
  /** False when the text could not be read and was kept as written (an error cell). */
  ok: boolean;
  note?: ReadNote;
}

export interface ColumnSpec {
  /** The field name in the row data (findings name it too). */
  key: string;
  label: string;
  type: ColumnType;
  width: number;
  editable: boolean;
  frozen?: boolean;
  choices?: readonly Choice[];
  /** Shown text; also what copy puts on the clipboard. A cell kept as written shows that. */
  format(data: Cells): string;
  /** The row with typed or pasted text written into this column (editable columns only). */
  write(data: DraftRow, text: string, ctx: FieldContext): WriteResult;
  /** The text kept as written, when the cell could not be read. */
  kept(data: Cells): string | undefined;
  /** Sort key. */
  sortValue(data: Cells): string | number;
}

/** Money is stored in fen and shown in 元 with thousands separators. */
export function formatYuan(fen: number): string {
  const [whole, cents] = fenToYuan(fen).split('.');
  return `${whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}

// At 1366×768 the 增员 grid shows every column but 手机号码 beside the problems list.
const widths: Record<string, number> = {
  name: 70,
  reason: 70,
  documentType: 84,
  documentNumber: 148,
  gender: 40,
  birthDate: 80,
  householdType: 76,
  employmentType: 80,
  insuredFrom: 80,
  wageFen: 96,
  kinds: 104,
  stopKinds: 130,
  mobile: 104,
  lastPaidMonth: 100,
  lastYearAverageWageFen: 118,
};

const typeOf: Record<FieldSpec['type'], ColumnType> = {
  text: 'text',
  id: 'text',
  mobile: 'text',
  date: 'date',
  month: 'month',
  money: 'money',
  choice: 'choice',
  kinds: 'kinds',
};

type Loose = Record<string, unknown>;
const valueOf = (data: Cells, key: string): unknown => (data as Loose)[key];
const keptOf = (data: Cells, key: string): string | undefined =>
  (data as { raw?: Record<string, string> }).raw?.[key];

function fromField(kind: EditableKind, spec: FieldSpec): ColumnSpec {
  const type = typeOf[spec.type];
  const format =
    spec.type === 'money'
      ? (data: Cells) => {
          const kept = keptOf(data, spec.key);
          if (kept !== undefined) return kept;
          const v = valueOf(data, spec.key);
          return typeof v === 'number' ? formatYuan(v) : '';
        }
      : spec.type === 'kinds'
        ? (data: Cells) =>
            keptOf(data, spec.key) ??
            formatKindsText(valueOf(data, spec.key) as KindFlags, ui.workspace.allKinds)
        : (data: Cells) => cellText(spec, data as DraftRow);
  return {
    key: spec.key,
    label: spec.type === 'money' ? `${spec.label}（元）` : spec.label,
    type,
    width: widths[spec.key] ?? 110,
    editable: true,
    frozen: spec.key === 'name',
    choices: spec.choices
      ? Object.entries(spec.choices.labels).map(([value, label]) => ({ value, label }))
      : undefined,
    format,
    write(data, text, ctx) {
      const w = writeText(kind, data, spec.key, text, ctx);
      return { data: w.row, ok: w.ok, note: w.note };
    },
    kept: (data) => keptOf(data, spec.key),
    sortValue(data) {
      const v = valueOf(data, spec.key);
      return spec.type === 'money' && typeof v === 'number' && keptOf(data, spec.key) === undefined
        ? v
        : format(data);
    },
  };
}

/** Columns of computed or synced data: shown, sorted and copied, never written. */
function shown(key: string, label: string, width: number, format: (v: unknown) => string) {
  const spec: ColumnSpec = {
    key,
    label,
    type: 'text',
    width,
    editable: false,
    format: (data) => format(valueOf(data, key)),
    write: (data) => ({ data, ok: false }),
    kept: () => undefined,
    sortValue: (data) => {
      const v = valueOf(data, key);
      return typeof v === 'number' ? v : format(v);
    },
  };
  return spec;
}

const plain = (v: unknown): string => (typeof v === 'string' ? v : '');
const yuan = (v: unknown): string => (typeof v === 'number' ? formatYuan(v) : '');
const kindsText = (v: unknown): string =>
  formatKindsText(v as KindFlags | null, ui.workspace.allKinds);
const documentTypeText = (v: unknown): string =>
  typeof v === 'string' ? (documentTypeLabels[v as keyof typeof documentTypeLabels] ?? v) : '';

function money(key: keyof MonthlyLine | 'baseFen', label: string): ColumnSpec {
  return { ...shown(key, `${label}（元）`, 118, yuan), type: 'money' };
}

const identity = [
  { ...shown('name', fieldLabels.name, 84, plain), frozen: true },
  shown('documentType', fieldLabels.documentType, 84, documentTypeText),
  shown('documentNumber', fieldLabels.documentNumber, 148, plain),
];

export const columnsByKind: Record<DeclarationKind, readonly ColumnSpec[]> = {
  addition: declarationFields.addition.map((f) => fromField('addition', f)),
  reduction: declarationFields.reduction.map((f) => fromField('reduction', f)),
  base: declarationFields.base.map((f) => fromField('base', f)),
  monthly: [
    ...identity,
    shown('kinds', fieldLabels.kinds, 110, kindsText),
    money('baseFen', fieldLabels.baseFen),
    money('unitTotalFen', fieldLabels.unitTotalFen),
    money('personalTotalFen', fieldLabels.personalTotalFen),
    money('totalFen', fieldLabels.totalFen),
  ],
};

const rosterStatus = (v: unknown): string =>
  v === 'insured' ? ui.workspace.rosterInsured : v === 'stopped' ? ui.workspace.rosterStopped : '';

export const rosterColumns: readonly ColumnSpec[] = [
  ...identity,
  shown('status', ui.workspace.rosterStatus, 90, rosterStatus),
  shown('insuredFrom', fieldLabels.insuredFrom, 100, plain),
  shown('lastPaidMonth', fieldLabels.lastPaidMonth, 100, plain),
  money('baseFen', fieldLabels.baseFen),
  shown('kinds', fieldLabels.kinds, 110, kindsText),
];

/** An empty row of a kind, as a new line in the grid starts. */
export function emptyRow(kind: EditableKind): DraftRow {
  return blankRow(kind);
}
