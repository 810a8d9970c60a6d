// What each declaration kind's rows look like to the store: the row schema, an empty row, the
// flat field list (kind flags as `kinds.pension` …) and typed get/set of one field. The rules
// themselves (what is valid) stay in domain/declarations.
import type { z } from 'zod';
import { additionRowSchema } from '../../../domain/declarations/addition';
import { reductionRowSchema } from '../../../domain/declarations/reduction';
import { baseRowSchema } from '../../../domain/declarations/base-declaration';
import { insuranceKinds, type KindFlags } from '../../../domain/insurance/kinds';
import { blankRow } from '../../../domain/declarations/blank-row';
import type { DeclarationKind, EditableKind } from '../../../domain/declaration-kind';
import { monthlyLineSchema, type RowData } from '../../contract/views-workspace';

export type { DeclarationKind };
export type CellValue = string | number | boolean | null;

export const rowSchemas = {
  addition: additionRowSchema,
  reduction: reductionRowSchema,
  base: baseRowSchema,
  monthly: monthlyLineSchema,
} as const satisfies Record<DeclarationKind, z.ZodType>;

/** How a field is typed: decides the finding when a value does not fit. */
export type FieldType = 'text' | 'date' | 'month' | 'money' | 'choice' | 'flag' | 'kept';

export interface FieldInfo {
  /** Flat name: a row key, or `<flags>.<kind>` for one insurance-kind flag. */
  name: string;
  type: FieldType;
}

const flagGroups = new Set(['kinds', 'stopKinds']);

function fieldsOf(shape: Record<string, z.ZodType>, types: Record<string, FieldType>): FieldInfo[] {
  const out: FieldInfo[] = [];
  for (const key of Object.keys(shape)) {
    if (key === 'raw') out.push({ name: key, type: 'kept' });
    else if (flagGroups.has(key)) {
      for (const kind of insuranceKinds) out.push({ name: `${key}.${kind}`, type: 'flag' });
    } else out.push({ name: key, type: types[key] ?? 'text' });
  }
  return out;
}

const fieldTypes: Record<string, FieldType> = {
  reason: 'choice',
  documentType: 'choice',
  gender: 'choice',
  householdType: 'choice',
  employmentType: 'choice',
  birthDate: 'date',
  insuredFrom: 'date',
  lastPaidMonth: 'month',
  wageFen: 'money',
  lastYearAverageWageFen: 'money',
  declaredBaseFen: 'money',
  baseFen: 'money',
};
for (const k of insuranceKinds) {
  fieldTypes[`${k}UnitFen`] = 'money';
  fieldTypes[`${k}PersonalFen`] = 'money';
}
fieldTypes.unitTotalFen = 'money';
fieldTypes.personalTotalFen = 'money';
fieldTypes.totalFen = 'money';

export const kindFields: Record<DeclarationKind, readonly FieldInfo[]> = {
  addition: fieldsOf(additionRowSchema.shape, fieldTypes),
  reduction: fieldsOf(reductionRowSchema.shape, fieldTypes),
  base: fieldsOf(baseRowSchema.shape, fieldTypes),
  monthly: fieldsOf(monthlyLineSchema.shape, fieldTypes),
};

export function fieldInfo(kind: DeclarationKind, name: string): FieldInfo | undefined {
  return kindFields[kind].find((f) => f.name === name);
}

export function emptyRow(kind: EditableKind): RowData {
  return blankRow(kind);
}

type Loose = Record<string, unknown>;

/** The value of a flat field of a row. */
export function getField(row: RowData, name: string): CellValue {
  const dot = name.indexOf('.');
  const r = row as unknown as Loose;
  // Cells kept as written travel in bulk as one JSON text per row (null when there are none).
  if (name === 'raw') return r.raw === undefined ? null : JSON.stringify(r.raw);
  if (dot < 0) return (r[name] ?? null) as CellValue;
  const flags = r[name.slice(0, dot)] as KindFlags | undefined;
  return flags ? (flags[name.slice(dot + 1) as keyof KindFlags] ?? false) : false;
}

/** A copy of the row with one flat field set (unchecked: parse with the kind's schema after). */
export function withField(row: RowData, name: string, value: CellValue): Loose {
  const copy: Loose = { ...(row as unknown as Loose) };
  const dot = name.indexOf('.');
  const key = dot < 0 ? name : name.slice(0, dot);
  if (dot < 0) copy[name] = value;
  else copy[key] = { ...(copy[key] as Loose), [name.slice(dot + 1)]: value };
  // A value set replaces the text the cell had kept as written.
  const kept = copy.raw as Record<string, string> | undefined;
  if (kept && key in kept) {
    const rest = { ...kept };
    delete rest[key];
    if (Object.keys(rest).length > 0) copy.raw = rest;
    else delete copy.raw;
  }
  return copy;
}

/** Row → values in the order of `fields` (the bulk read). */
export function flatten(row: RowData, fields: readonly FieldInfo[]): CellValue[] {
  const out = new Array<CellValue>(fields.length);
  for (let i = 0; i < fields.length; i++) out[i] = getField(row, fields[i]!.name);
  return out;
}

export function parseRow(kind: DeclarationKind, data: unknown): RowData | null {
  const parsed = rowSchemas[kind].safeParse(data);
  return parsed.success ? parsed.data : null;
}
