// The columns of each declaration grid: how a field is shown, typed, pasted and copied. One
// codec per column so that typing, pasting from Excel, fill-down and copying all agree.
import { documentTypes, type DocumentType } from '../../../domain/ids';
import { blankRow } from '../../../domain/declarations/blank-row';
import { additionReasons } from '../../../domain/declarations/addition';
import { reductionReasons } from '../../../domain/declarations/reduction';
import { employmentTypes, householdTypes } from '../../../domain/declarations/fields';
import { insuranceKinds, type KindFlags } from '../../../domain/insurance/kinds';
import {
  additionReasonLabels,
  documentTypeLabels,
  employmentTypeLabels,
  fieldLabels,
  genderLabels,
  householdTypeLabels,
  insuranceKindLabels,
  reductionReasonLabels,
} from '../../../domain/labels';
import { fenToYuan, yuanToFen } from '../../../domain/money';
import { ui } from '../../../domain/ui-text';
import type { DeclarationKind } from './model';

export type ColumnType = 'text' | 'date' | 'month' | 'money' | 'choice' | 'kinds';

export interface Choice {
  value: string;
  label: string;
}

/** A row as the grid handles it: a flat record of field → stored value. */
export type Cells = Record<string, unknown>;

export interface ColumnSpec {
  /** The field name in the row data (findings name it too). */
  key: string;
  label: string;
  type: ColumnType;
  width: number;
  editable: boolean;
  frozen?: boolean;
  choices?: readonly Choice[];
  /** Shown text; also what copy puts on the clipboard. */
  format(data: Cells): string;
  /** Typed or pasted text → the stored value, or `undefined` if it cannot be understood. */
  parse(text: string): unknown;
  /** Sort key. */
  sortValue(data: Cells): string | number;
}

function choicesOf<V extends string>(values: readonly V[], labels: Record<V, string>): Choice[] {
  return values.map((value) => ({ value, label: labels[value] }));
}

// Words people type for a document type besides the official label.
const documentTypeSynonyms: Record<string, DocumentType> = {
  身份证: 'residentId',
  居民身份证: 'residentId',
  二代身份证: 'residentId',
  港澳台居住证: 'hkMoTwResidencePermit',
  永居证: 'foreignPermanentResidenceId',
  外国人永久居留证: 'foreignPermanentResidenceId',
  回乡证: 'hkMoTravelPermit',
  台胞证: 'twTravelPermit',
};

function text(key: string, label: string, width: number, frozen = false): ColumnSpec {
  return {
    key,
    label,
    type: 'text',
    width,
    editable: true,
    frozen,
    format: (d) => String(d[key] ?? ''),
    parse: (t) => t.trim().slice(0, 200),
    sortValue: (d) => String(d[key] ?? ''),
  };
}

/** Excel and people write dates many ways: 2024/3/1, 2024.03.01, 20240301, 2024年3月1日. */
export function normalizeDate(t: string): string | undefined {
  const s = t.trim();
  if (s === '') return '';
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (compact) return `${compact[1]}-${compact[2]}-${compact[3]}`;
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s);
  if (!m) return undefined;
  return `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
}

export function normalizeMonth(t: string): string | undefined {
  const s = t.trim();
  if (s === '') return '';
  const compact = /^(\d{4})(\d{2})$/.exec(s);
  if (compact) return `${compact[1]}-${compact[2]}`;
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$/.exec(s);
  if (!m) return undefined;
  return `${m[1]}-${m[2]!.padStart(2, '0')}`;
}

function date(key: string, label: string): ColumnSpec {
  return {
    key,
    label,
    type: 'date',
    width: 110,
    editable: true,
    format: (d) => String(d[key] ?? ''),
    parse: normalizeDate,
    sortValue: (d) => String(d[key] ?? ''),
  };
}

function month(key: string, label: string): ColumnSpec {
  return {
    key,
    label,
    type: 'month',
    width: 116,
    editable: true,
    format: (d) => String(d[key] ?? ''),
    parse: normalizeMonth,
    sortValue: (d) => String(d[key] ?? ''),
  };
}

/** Money is stored in fen and shown in 元 with two decimals. */
function money(key: string, label: string, editable = true): ColumnSpec {
  return {
    key,
    label: `${label}（元）`,
    type: 'money',
    width: 128,
    editable,
    format: (d) => (typeof d[key] === 'number' ? fenToYuan(d[key]) : ''),
    parse: (t) => {
      const s = t.trim().replace(/[¥￥元\s]/g, '');
      if (s === '') return null;
      return yuanToFen(s) ?? undefined;
    },
    sortValue: (d) => (typeof d[key] === 'number' ? d[key] : -1),
  };
}

function choice(
  key: string,
  label: string,
  width: number,
  choices: readonly Choice[],
  synonyms: Record<string, string> = {},
): ColumnSpec {
  const byLabel = new Map<string, string>();
  for (const c of choices) {
    byLabel.set(c.label, c.value);
    byLabel.set(c.value, c.value);
  }
  for (const [word, value] of Object.entries(synonyms)) byLabel.set(word, value);
  const labelOf = new Map(choices.map((c) => [c.value, c.label]));
  return {
    key,
    label,
    type: 'choice',
    width,
    editable: true,
    choices,
    format: (d) => (typeof d[key] === 'string' ? (labelOf.get(d[key]) ?? '') : ''),
    parse: (t) => {
      const s = t.trim();
      if (s === '') return null;
      return byLabel.get(s);
    },
    sortValue: (d) => (typeof d[key] === 'string' ? (labelOf.get(d[key]) ?? '') : ''),
  };
}

export function formatKinds(flags: KindFlags | undefined): string {
  if (!flags) return '';
  const on = insuranceKinds.filter((k) => flags[k]);
  if (on.length === insuranceKinds.length) return ui.workspace.allKinds;
  return on.map((k) => insuranceKindLabels[k]).join('、');
}

export function parseKinds(t: string): KindFlags | undefined {
  const s = t.trim();
  const flags: KindFlags = {
    pension: false,
    medical: false,
    unemployment: false,
    injury: false,
    maternity: false,
  };
  if (s === '') return flags;
  if (s === ui.workspace.allKinds || s === '五险') {
    for (const k of insuranceKinds) flags[k] = true;
    return flags;
  }
  for (const part of s.split(/[、,，;；\s/]+/)) {
    if (part === '') continue;
    const kind = insuranceKinds.find(
      (k) => insuranceKindLabels[k] === part || `${insuranceKindLabels[k]}保险` === part,
    );
    if (!kind) return undefined;
    flags[kind] = true;
  }
  return flags;
}

function kinds(key: string, label: string): ColumnSpec {
  return {
    key,
    label,
    type: 'kinds',
    width: 190,
    editable: true,
    format: (d) => formatKinds(d[key] as KindFlags | undefined),
    parse: parseKinds,
    sortValue: (d) => formatKinds(d[key] as KindFlags | undefined),
  };
}

const documentTypeChoices = choicesOf(documentTypes, documentTypeLabels);
const documentTypeColumn = choice(
  'documentType',
  fieldLabels.documentType,
  150,
  documentTypeChoices,
  documentTypeSynonyms,
);
const nameColumn = text('name', fieldLabels.name, 96, true);
const documentNumberColumn = text('documentNumber', fieldLabels.documentNumber, 178);

function readOnly(spec: ColumnSpec): ColumnSpec {
  return { ...spec, editable: false };
}

export const columnsByKind: Record<DeclarationKind, readonly ColumnSpec[]> = {
  addition: [
    nameColumn,
    choice(
      'reason',
      fieldLabels.additionReason,
      96,
      choicesOf(additionReasons, additionReasonLabels),
    ),
    documentTypeColumn,
    documentNumberColumn,
    choice('gender', fieldLabels.gender, 64, choicesOf(['male', 'female'] as const, genderLabels)),
    date('birthDate', fieldLabels.birthDate),
    choice(
      'householdType',
      fieldLabels.householdType,
      96,
      choicesOf(householdTypes, householdTypeLabels),
    ),
    choice(
      'employmentType',
      fieldLabels.employmentType,
      104,
      choicesOf(employmentTypes, employmentTypeLabels),
    ),
    date('insuredFrom', fieldLabels.insuredFrom),
    money('wageFen', fieldLabels.wageFen),
    kinds('kinds', fieldLabels.kinds),
    text('mobile', fieldLabels.mobile, 120),
  ],
  reduction: [
    nameColumn,
    choice(
      'reason',
      fieldLabels.reductionReason,
      120,
      choicesOf(reductionReasons, reductionReasonLabels),
    ),
    documentTypeColumn,
    documentNumberColumn,
    kinds('stopKinds', fieldLabels.stopKinds),
    month('lastPaidMonth', fieldLabels.lastPaidMonth),
  ],
  base: [
    nameColumn,
    documentTypeColumn,
    documentNumberColumn,
    money('lastYearAverageWageFen', fieldLabels.lastYearAverageWageFen),
  ],
  monthly: [
    readOnly(nameColumn),
    readOnly(documentTypeColumn),
    readOnly(documentNumberColumn),
    readOnly(kinds('kinds', fieldLabels.kinds)),
    money('baseFen', fieldLabels.baseFen, false),
    money('unitTotalFen', fieldLabels.unitTotalFen, false),
    money('personalTotalFen', fieldLabels.personalTotalFen, false),
    money('totalFen', fieldLabels.totalFen, false),
  ],
};

export const rosterColumns: readonly ColumnSpec[] = [
  readOnly(nameColumn),
  readOnly(documentTypeColumn),
  readOnly(documentNumberColumn),
  readOnly(
    choice('status', ui.workspace.rosterStatus, 90, [
      { value: 'insured', label: ui.workspace.rosterInsured },
      { value: 'stopped', label: ui.workspace.rosterStopped },
    ]),
  ),
  readOnly(date('insuredFrom', fieldLabels.insuredFrom)),
  readOnly(month('lastPaidMonth', fieldLabels.lastPaidMonth)),
  money('baseFen', fieldLabels.baseFen, false),
  readOnly(kinds('kinds', fieldLabels.kinds)),
];

/** An empty row of a kind, as a new line in the grid starts. */
export function emptyRow(kind: Exclude<DeclarationKind, 'monthly'>): Cells {
  return blankRow(kind);
}
