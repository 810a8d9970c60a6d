// One cell of a spreadsheet to one field value and back. Reading accepts what Excel and people
// produce (date serials, 2024/7/1, ¥7,413.50, 是/√); writing produces text that Excel can never
// run as a formula and that reads back to exactly the same value.
import { insuranceKinds, type KindFlags } from '../../../domain/insurance/kinds';
import { insuranceKindLabels } from '../../../domain/labels';
import { MAX_FEN, yuanToFen } from '../../../domain/money';
import { valueSynonyms } from '../../../domain/declarations/import-headers';
import type { ErrorCode } from '../../../domain/error-catalogue';
import type { ErrorParams } from '../../../domain/errors';
import { normalizeChoice, type ChoiceSet } from './choices';

/** What a reader hands over for one cell. */
export type RawCell = string | number | boolean | Date | null;

export type Parsed<T> =
  { ok: true; value: T } | { ok: false; code: ErrorCode; params: ErrorParams };

// --- formula injection (OWASP CSV injection): a leading apostrophe makes it text ---

const dangerous = new Set(['=', '+', '-', '@', '\t', '\r', '\n']);

/**
 * Cells starting with = + - @ tab or CR (and, so that the mapping can be undone exactly, those
 * starting with an apostrophe followed by one of them or another apostrophe) get an apostrophe.
 */
export function escapeFormula(s: string): string {
  if (s === '') return s;
  const c = s[0]!;
  if (dangerous.has(c)) return `'${s}`;
  if (c === "'" && s.length > 1 && (dangerous.has(s[1]!) || s[1] === "'")) return `'${s}`;
  return s;
}

export function unescapeFormula(s: string): string {
  if (s.length > 1 && s[0] === "'" && (dangerous.has(s[1]!) || s[1] === "'")) return s.slice(1);
  return s;
}

// --- raw cells ---

function excelSerialToIso(serial: number): string | null {
  // 1900 date system as Excel counts it (its fictitious 1900-02-29 included): day 1 = 1900-01-01.
  if (!(serial >= 1 && serial < 2958466)) return null;
  const ms = Math.round((serial - 25569) * 86400000);
  return new Date(ms).toISOString().slice(0, 10);
}

export function cellText(v: RawCell): string {
  if (v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number')
    return Number.isInteger(v) && Math.abs(v) >= 1e15 ? BigInt(v).toString() : String(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return v.toISOString().slice(0, 10);
}

function isBlank(v: RawCell): boolean {
  return v === null || (typeof v === 'string' && v.trim() === '');
}

export function parseText(v: RawCell, field: string, max = 200): Parsed<string> {
  const s = unescapeFormula(cellText(v).trim());
  if (s.length > max) return { ok: false, code: 'TEXT_TOO_LONG', params: { field, max } };
  return { ok: true, value: s };
}

const scientific = /^\d+(\.\d+)?E\+?\d+$/i;

/**
 * A document number. Excel turns long digit strings into numbers: shown as 3.20102E+17 and kept
 * to 15 significant digits, so an 18-digit ID comes back ending in 000. Both are caught here.
 */
export function parseDocumentNumber(v: RawCell): Parsed<string> {
  if (typeof v === 'number') {
    const digits = Number.isInteger(v) && v >= 0 ? BigInt(v).toString() : String(v);
    if (
      !Number.isInteger(v) ||
      digits.length > 15 ||
      (digits.length >= 15 && digits.endsWith('000'))
    ) {
      return { ok: false, code: 'ID_DIGITS_LOST', params: { value: digits } };
    }
    return { ok: true, value: digits };
  }
  const s = unescapeFormula(cellText(v).trim());
  if (scientific.test(s)) return { ok: false, code: 'ID_SCIENTIFIC', params: { value: s } };
  if (s.length > 40)
    return { ok: false, code: 'TEXT_TOO_LONG', params: { field: '证件号码', max: 40 } };
  return { ok: true, value: s };
}

const pad2 = (n: string): string => n.padStart(2, '0');

export function parseDate(v: RawCell, field: string): Parsed<string> {
  if (isBlank(v)) return { ok: true, value: '' };
  let iso: string | null = null;
  if (v instanceof Date) iso = Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  else if (typeof v === 'number') {
    const n = String(v);
    iso = /^\d{8}$/.test(n)
      ? `${n.slice(0, 4)}-${n.slice(4, 6)}-${n.slice(6)}`
      : excelSerialToIso(v);
  } else {
    const s = cellText(v).trim().normalize('NFKC');
    const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
    const m =
      /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$/.exec(
        s,
      );
    if (compact) iso = `${compact[1]}-${compact[2]}-${compact[3]}`;
    else if (m) iso = `${m[1]}-${pad2(m[2]!)}-${pad2(m[3]!)}`;
  }
  if (iso === null)
    return { ok: false, code: 'DATE_INVALID', params: { field, value: cellText(v) } };
  return { ok: true, value: iso };
}

export function parseMonth(v: RawCell, field: string): Parsed<string> {
  if (isBlank(v)) return { ok: true, value: '' };
  let month: string | null = null;
  if (v instanceof Date) month = Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 7);
  else if (typeof v === 'number') {
    const n = String(v);
    if (/^\d{6}$/.test(n)) month = `${n.slice(0, 4)}-${n.slice(4)}`;
    else month = excelSerialToIso(v)?.slice(0, 7) ?? null;
  } else {
    const s = cellText(v).trim().normalize('NFKC');
    const compact = /^(\d{4})(\d{2})$/.exec(s);
    const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?(?:\s*[-/.月]?\s*\d{1,2}\s*日?)?$/.exec(s);
    if (compact) month = `${compact[1]}-${compact[2]}`;
    else if (m) month = `${m[1]}-${pad2(m[2]!)}`;
  }
  if (month === null || !/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) {
    return { ok: false, code: 'MONTH_INVALID', params: { field, value: cellText(v) } };
  }
  return { ok: true, value: month };
}

/** Yuan in a cell → fen. Numbers are rounded to the fen (Excel formulas leave long fractions). */
export function parseMoney(v: RawCell, field: string): Parsed<number | null> {
  if (isBlank(v)) return { ok: true, value: null };
  if (typeof v === 'number') {
    const fen = Math.round(v * 100);
    if (Number.isFinite(v) && fen >= 0 && fen <= MAX_FEN) return { ok: true, value: fen };
  } else {
    const fen = yuanToFen(
      cellText(v)
        .normalize('NFKC')
        .replace(/[¥￥元\s]/g, ''),
    );
    if (fen !== null) return { ok: true, value: fen };
  }
  return { ok: false, code: 'AMOUNT_INVALID', params: { field, value: cellText(v) } };
}

export function parseChoice(v: RawCell, field: string, set: ChoiceSet): Parsed<string | null> {
  if (isBlank(v)) return { ok: true, value: null };
  const found = set.lookup.get(normalizeChoice(cellText(v)));
  if (found !== undefined) return { ok: true, value: found };
  return {
    ok: false,
    code: 'CHOICE_INVALID',
    params: { field, value: cellText(v), options: Object.values(set.labels).join('、') },
  };
}

const flagTrue = new Set<string>(valueSynonyms.flagTrue.map(normalizeChoice));
const flagFalse = new Set<string>(valueSynonyms.flagFalse.map(normalizeChoice));

export function parseFlag(v: RawCell, field: string): Parsed<boolean> {
  if (isBlank(v)) return { ok: true, value: false };
  if (typeof v === 'boolean') return { ok: true, value: v };
  const s = normalizeChoice(cellText(v));
  if (flagTrue.has(s)) return { ok: true, value: true };
  if (flagFalse.has(s)) return { ok: true, value: false };
  return {
    ok: false,
    code: 'CHOICE_INVALID',
    params: { field, value: cellText(v), options: '是、否' },
  };
}

const allKindWords = new Set<string>(valueSynonyms.allKinds.map(normalizeChoice));

/** “养老、医疗、失业” (or 全部 / 五险) → flags. */
export function parseKindList(v: RawCell, field: string): Parsed<KindFlags> {
  const flags: KindFlags = {
    pension: false,
    medical: false,
    unemployment: false,
    injury: false,
    maternity: false,
  };
  const s = cellText(v).trim().normalize('NFKC');
  if (s === '') return { ok: true, value: flags };
  if (allKindWords.has(normalizeChoice(s))) {
    for (const k of insuranceKinds) flags[k] = true;
    return { ok: true, value: flags };
  }
  for (const part of s.split(/[、,;/\s|]+/)) {
    if (part === '') continue;
    const kind = insuranceKinds.find(
      (k) => insuranceKindLabels[k] === part || `${insuranceKindLabels[k]}保险` === part,
    );
    if (!kind) {
      return {
        ok: false,
        code: 'CHOICE_INVALID',
        params: {
          field,
          value: s,
          options: insuranceKinds.map((k) => insuranceKindLabels[k]).join('、'),
        },
      };
    }
    flags[kind] = true;
  }
  return { ok: true, value: flags };
}

export function formatKindList(flags: KindFlags): string {
  return insuranceKinds
    .filter((k) => flags[k])
    .map((k) => insuranceKindLabels[k])
    .join('、');
}
