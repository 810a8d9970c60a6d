// Field schemas shared by the declarations. Rows are drafts the user is still editing, so the
// shapes accept missing values ('' for text, null for choices and amounts); what is missing or
// wrong becomes a finding in checks.ts, with its field and row, instead of a parse failure.
import { z } from 'zod';
import { documentTypes } from '../ids';
import { MAX_FEN } from '../money';

export const genderSchema = z.enum(['male', 'female']);
export const documentTypeSchema = z.enum(documentTypes);

/** 户籍性质 */
export const householdTypes = [
  'localUrban',
  'localRural',
  'otherUrban',
  'otherRural',
  'hkMoTw',
  'foreign',
] as const;
export const householdTypeSchema = z.enum(householdTypes);
export type HouseholdType = (typeof householdTypes)[number];

/** 用工形式 */
export const employmentTypes = ['contract', 'dispatch', 'partTime', 'other'] as const;
export const employmentTypeSchema = z.enum(employmentTypes);
export type EmploymentType = (typeof employmentTypes)[number];

/** YYYY-MM-DD, or '' while not filled in. The calendar check is in checks.ts. */
export const draftDateSchema = z.string().regex(/^(\d{4}-\d{2}-\d{2})?$/);
/** YYYY-MM, or '' while not filled in. */
export const draftMonthSchema = z.string().regex(/^(\d{4}-\d{2})?$/);
export const draftTextSchema = z.string().max(200);
/** Whole fen, or null while not filled in. */
export const draftFenSchema = z.number().int().min(0).max(MAX_FEN).nullable();

/**
 * What a cell said when it could not be read into its field, by field key: the row keeps it (the
 * field itself stays empty) until the clerk fixes it, so nothing a file or a paste held is lost.
 * A row with any such cell has an error and cannot be submitted.
 */
export const unreadCellsSchema = z.record(z.string().max(40), z.string().max(2000)).optional();

export const kindFlagsSchema = z
  .object({
    pension: z.boolean(),
    medical: z.boolean(),
    unemployment: z.boolean(),
    injury: z.boolean(),
    maternity: z.boolean(),
  })
  .strict();

/** A real calendar date in YYYY-MM-DD. */
export function isCalendarDate(s: string): boolean {
  return calendarDateNumber(s) > 0;
}

/** A real calendar date in YYYY-MM-DD as the number YYYYMMDD; 0 for anything else. */
export function calendarDateNumber(s: string): number {
  if (s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return 0;
  const y = digitsAt(s, 0, 4);
  const m = digitsAt(s, 5, 2);
  const d = digitsAt(s, 8, 2);
  if (y < 1900 || m < 1 || m > 12 || d < 1) return 0;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = m === 2 ? (leap ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
  return d <= days ? y * 10000 + m * 100 + d : 0;
}

export function isMonth(s: string): boolean {
  if (s.length !== 7 || s.charCodeAt(4) !== 45) return false;
  const y = digitsAt(s, 0, 4);
  const m = digitsAt(s, 5, 2);
  return y >= 1900 && m >= 1 && m <= 12;
}

/** The number written by `count` digits at `at`, or -1 if any is not a digit. */
function digitsAt(s: string, at: number, count: number): number {
  let n = 0;
  for (let i = at; i < at + count; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

const mobilePattern = /^1[3-9]\d{9}$/;
/** Mainland mobile numbers; spaces, dashes and a +86 / 0086 prefix are tolerated. */
export function normalizeMobile(s: string): string | null {
  if (isPlainMobile(s)) return s;
  const digits = s
    .normalize('NFKC')
    .replace(/[\s-]/g, '')
    .replace(/^(\+86|0086)/, '');
  return mobilePattern.test(digits) ? digits : null;
}

/** 1, then 3–9, then nine digits: what mobilePattern matches, by char codes (checked per row). */
function isPlainMobile(s: string): boolean {
  if (s.length !== 11 || s.charCodeAt(0) !== 49) return false;
  const second = s.charCodeAt(1);
  return second >= 51 && second <= 57 && digitsAt(s, 2, 9) >= 0;
}
