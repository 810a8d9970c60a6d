// The one description of each declaration kind's fields: label, value type, choices with their
// synonyms, and how text becomes the stored value and back. The grid's typing and paste, import,
// export and storage all go through it, so they accept and refuse exactly the same values.
//
// A text that cannot be read is never dropped: `writeText` leaves the field empty and keeps the
// text in the row's `raw` map, and `unreadFindings` turns it into an error with the reason.
import { documentTypes, type DocumentType } from '../ids';
import type { ErrorCode } from '../error-catalogue';
import type { ErrorParams } from '../errors';
import {
  additionReasonLabels,
  documentTypeLabels,
  employmentTypeLabels,
  fieldLabels,
  genderLabels,
  householdTypeLabels,
  reductionReasonLabels,
} from '../labels';
import { fenToYuan } from '../money';
import { insuranceKinds, type KindFlags } from '../insurance/kinds';
import type { AdditionRow } from './addition';
import type { BaseRow } from './base-declaration';
import type { EditableKind as EditableDeclarationKind } from '../declaration-kind';
import type { ReductionRow } from './reduction';
import {
  additionReasonSynonyms,
  documentTypeSynonyms,
  employmentTypeSynonyms,
  genderSynonyms,
  householdOf,
  readHouseholdWord,
  reductionReasonSynonyms,
} from './value-synonyms';
import {
  choiceList,
  formatKindsText,
  parseChoiceText,
  parseDateText,
  parseFlagText,
  parseFreeText,
  parseIdText,
  parseKindsText,
  parseMobileText,
  parseMoneyText,
  parseMonthText,
  type ChoiceList,
  type Parsed,
} from './values';

export type DraftRow = AdditionRow | ReductionRow | BaseRow;
/** Any row the table writes: a declaration's, or a roster person being imported. */
export interface RowWithText {
  raw?: Record<string, string> | undefined;
}
/** The declaration kinds, and the roster a file can also fill. */
export type FieldTableKind = EditableDeclarationKind | 'roster';
export type ValueType = 'text' | 'id' | 'date' | 'month' | 'money' | 'choice' | 'kinds' | 'mobile';

/** What reading a value may need besides its text. */
export interface FieldContext {
  /** The unit's region code (6 digits), to tell 本地 from 外地 when a word does not say. */
  regionCode: string | null;
}

/** A value read with a doubt the clerk should see (never an error). */
export interface ReadNote {
  code: ErrorCode;
  params: ErrorParams;
}

export type ReadResult = Parsed<unknown> & { note?: ReadNote };

export interface FieldSpec {
  /** The row's key. */
  key: string;
  label: string;
  type: ValueType;
  choices?: ChoiceList;
  /** Text → stored value. `row` is the row being written (household reads its ID). */
  read(text: string, row: RowWithText, ctx: FieldContext): ReadResult;
  /** Stored value → the text shown, copied and exported (reads back to the same value). */
  format(value: unknown): string;
  /** The value of an empty cell. */
  readonly empty: string | number | boolean | null | KindFlags;
}

function simple(
  key: string,
  label: string,
  type: ValueType,
  read: (text: string) => Parsed<unknown>,
  format: (v: unknown) => string,
  empty: FieldSpec['empty'],
  choices?: ChoiceList,
): FieldSpec {
  return { key, label, type, read: (text) => read(text), format, empty, choices };
}

const asText = (v: unknown): string => (typeof v === 'string' ? v : '');

function text(key: string, label: string, max = 200): FieldSpec {
  return simple(key, label, 'text', (t) => parseFreeText(t, label, max), asText, '');
}

function choice(
  key: string,
  label: string,
  labels: Readonly<Record<string, string>>,
  synonyms: Readonly<Record<string, string>>,
): FieldSpec {
  const list = choiceList(labels, synonyms);
  return simple(
    key,
    label,
    'choice',
    (t) => parseChoiceText(t, label, list),
    (v) => (typeof v === 'string' ? (labels[v] ?? v) : ''),
    null,
    list,
  );
}

function date(key: string, label: string): FieldSpec {
  return simple(key, label, 'date', (t) => parseDateText(t, label), asText, '');
}

function month(key: string, label: string): FieldSpec {
  return simple(key, label, 'month', (t) => parseMonthText(t, label), asText, '');
}

function money(key: string, label: string): FieldSpec {
  return simple(
    key,
    label,
    'money',
    (t) => parseMoneyText(t, label),
    (v) => (typeof v === 'number' ? fenToYuan(v) : ''),
    null,
  );
}

function kinds(key: string, label: string): FieldSpec {
  return simple(
    key,
    label,
    'kinds',
    (t) => parseKindsText(t, label),
    (v) => formatKindsText(v as KindFlags | null),
    { pension: false, medical: false, unemployment: false, injury: false, maternity: false },
  );
}

const documentTypeChoices = Object.fromEntries(
  documentTypes.map((d): [DocumentType, string] => [d, documentTypeLabels[d]]),
);

const nameField = text('name', fieldLabels.name);
const documentTypeField = choice(
  'documentType',
  fieldLabels.documentType,
  documentTypeChoices,
  documentTypeSynonyms,
);
const documentNumberField: FieldSpec = simple(
  'documentNumber',
  fieldLabels.documentNumber,
  'id',
  parseIdText,
  asText,
  '',
);

/**
 * Whether an ID was issued in the unit's region: the same city (first four digits), or the same
 * province when the unit's region is a whole province. Null when either is unknown.
 */
export function idIsLocal(documentNumber: string, regionCode: string | null): boolean | null {
  if (!regionCode || !/^\d{6}$/.test(regionCode)) return null;
  const id = documentNumber.trim();
  if (!/^\d{17}[\dX]$/.test(id)) return null;
  if (regionCode === '000000' || regionCode.endsWith('0000'))
    return regionCode === '000000' ? null : id.slice(0, 2) === regionCode.slice(0, 2);
  return id.slice(0, 4) === regionCode.slice(0, 4);
}

const householdList = choiceList(householdTypeLabels);
const householdField: FieldSpec = {
  key: 'householdType',
  label: fieldLabels.householdType,
  type: 'choice',
  choices: householdList,
  empty: null,
  format: (v) =>
    typeof v === 'string' ? (householdTypeLabels[v as keyof typeof householdTypeLabels] ?? v) : '',
  read(text, row, ctx) {
    const exact = parseChoiceText(text, fieldLabels.householdType, householdList);
    if (exact.ok) return exact;
    const word = readHouseholdWord(text);
    if (!word) return exact;
    if ('fixed' in word) return { ok: true, value: word.fixed };
    if (word.place !== null) return { ok: true, value: householdOf(word.place, word.area) };
    const id = (row as { documentNumber?: unknown }).documentNumber;
    const local = idIsLocal(typeof id === 'string' ? id : '', ctx.regionCode);
    const value = householdOf(local === false ? 'other' : 'local', word.area);
    return {
      ok: true,
      value,
      note: {
        code: local === null ? 'HOUSEHOLD_ASSUMED_LOCAL' : 'HOUSEHOLD_FROM_ID',
        params: { value: text.trim(), label: householdTypeLabels[value] },
      },
    };
  },
};

/** The fields of each kind, in the order the grid, the templates and export show them. */
export const declarationFields: Record<EditableDeclarationKind, readonly FieldSpec[]> = {
  addition: [
    nameField,
    choice('reason', fieldLabels.additionReason, additionReasonLabels, additionReasonSynonyms),
    documentTypeField,
    documentNumberField,
    choice('gender', fieldLabels.gender, genderLabels, genderSynonyms),
    date('birthDate', fieldLabels.birthDate),
    householdField,
    choice(
      'employmentType',
      fieldLabels.employmentType,
      employmentTypeLabels,
      employmentTypeSynonyms,
    ),
    date('insuredFrom', fieldLabels.insuredFrom),
    money('wageFen', fieldLabels.wageFen),
    kinds('kinds', fieldLabels.kinds),
    simple(
      'mobile',
      fieldLabels.mobile,
      'mobile',
      (t) => parseMobileText(t, fieldLabels.mobile),
      asText,
      '',
    ),
  ],
  reduction: [
    nameField,
    choice('reason', fieldLabels.reductionReason, reductionReasonLabels, reductionReasonSynonyms),
    documentTypeField,
    documentNumberField,
    kinds('stopKinds', fieldLabels.stopKinds),
    month('lastPaidMonth', fieldLabels.lastPaidMonth),
  ],
  base: [
    nameField,
    documentTypeField,
    documentNumberField,
    money('lastYearAverageWageFen', fieldLabels.lastYearAverageWageFen),
  ],
};

/** 参保人员 as a file may carry them (until sync brings the service's roster). */
export const rosterFields: readonly FieldSpec[] = [
  nameField,
  documentTypeField,
  documentNumberField,
  choice('gender', fieldLabels.gender, genderLabels, genderSynonyms),
  date('birthDate', fieldLabels.birthDate),
  date('insuredFrom', fieldLabels.insuredFrom),
  month('lastPaidMonth', fieldLabels.lastPaidMonth),
  money('baseFen', fieldLabels.baseFen),
  kinds('kinds', fieldLabels.kinds),
];

const byKey = new Map<FieldTableKind, Map<string, FieldSpec>>();
for (const [kind, specs] of [
  ...(Object.entries(declarationFields) as Array<[EditableDeclarationKind, readonly FieldSpec[]]>),
  ['roster', rosterFields] as const,
]) {
  byKey.set(kind, new Map(specs.map((s) => [s.key, s])));
}

export function fieldSpec(kind: FieldTableKind, key: string): FieldSpec | undefined {
  return byKey.get(kind)!.get(key);
}

export const isFlagGroup = (key: string): key is 'kinds' | 'stopKinds' =>
  key === 'kinds' || key === 'stopKinds';

export interface Written<R extends RowWithText = DraftRow> {
  row: R;
  /** False when the text could not be read and was kept as written. */
  ok: boolean;
  note?: ReadNote;
}

type Loose = Record<string, unknown>;

/**
 * The row with `text` written into field `key`: the read value, or — when the text cannot be
 * read — the field's empty value and the text kept in `raw` (shown and reported as an error).
 * A one-kind flag (`kinds.pension`, from a file's 养老 是/否 column) writes into its group.
 */
export function writeText<R extends RowWithText>(
  kind: FieldTableKind,
  row: R,
  key: string,
  text: string,
  ctx: FieldContext,
): Written<R> {
  const dot = key.indexOf('.');
  if (dot > 0) return writeFlag(kind, row, key.slice(0, dot), key.slice(dot + 1), text);
  const spec = fieldSpec(kind, key);
  if (!spec) return { row, ok: false };
  const result = spec.read(text, row, ctx);
  const next: Loose = { ...(row as Loose) };
  const raw = { ...(row.raw ?? {}) };
  delete raw[key];
  let ok = true;
  if (result.ok) next[key] = result.value;
  else {
    next[key] = structuredClone(spec.empty);
    raw[key] = text.trim();
    ok = false;
  }
  if (Object.keys(raw).length > 0) next.raw = raw;
  else delete next.raw;
  return { row: next as R, ok, note: result.ok ? result.note : undefined };
}

function writeFlag<R extends RowWithText>(
  kind: FieldTableKind,
  row: R,
  group: string,
  flag: string,
  text: string,
): Written<R> {
  const spec = fieldSpec(kind, group);
  if (!spec || !(insuranceKinds as readonly string[]).includes(flag)) return { row, ok: false };
  const result = parseFlagText(text, `${spec.label}-${flag}`);
  const next: Loose = { ...(row as Loose) };
  const flags = { ...((next[group] as KindFlags | undefined) ?? (spec.empty as KindFlags)) };
  if (result.ok) {
    flags[flag as keyof KindFlags] = result.value;
    next[group] = flags;
    return { row: next as R, ok: true };
  }
  next.raw = { ...(row.raw ?? {}), [group]: text.trim() };
  return { row: next as R, ok: false };
}

/** The stored value of `key` as a typed value (copy, fill-down, set-column). */
export function readValue(row: RowWithText, key: string): unknown {
  return (row as Loose)[key];
}

/** The row with a typed value set (from another row: fill-down); clears that cell's kept text. */
export function writeValue<R extends RowWithText>(
  row: R,
  key: string,
  value: unknown,
  raw?: string,
): R {
  const next: Loose = { ...(row as Loose), [key]: structuredClone(value) };
  const kept = { ...(row.raw ?? {}) };
  if (raw === undefined) delete kept[key];
  else kept[key] = raw;
  if (Object.keys(kept).length > 0) next.raw = kept;
  else delete next.raw;
  return next as R;
}

/** What a cell shows: the kept text when it could not be read, else the value's text. */
export function cellText(spec: FieldSpec, row: RowWithText): string {
  const kept = row.raw?.[spec.key];
  if (kept !== undefined) return kept;
  return spec.format((row as Loose)[spec.key]);
}

/** Why a kept text could not be read, as the catalogue's code and parameters. */
export function unreadReason(
  kind: FieldTableKind,
  row: RowWithText,
  key: string,
): { code: ErrorCode; params: ErrorParams } | null {
  const kept = row.raw?.[key];
  const spec = fieldSpec(kind, key);
  if (kept === undefined || !spec) return null;
  const result = spec.read(kept, row, { regionCode: null });
  if (!result.ok) return { code: result.code, params: result.params };
  // Kept text that reads now (a synonym added since): still the clerk's to confirm.
  return { code: 'CELL_KEPT_AS_WRITTEN', params: { field: spec.label, value: kept } };
}
