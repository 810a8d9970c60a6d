// Text → field value, the way people and Excel write them. One parser per value type, used by
// the grid's typing and paste, by import and by storage alike (through field-table.ts), so a
// value one of them accepts the others accept too. Every parser is pure and total: it returns the
// canonical value or the reason the text cannot be read; it never guesses silently.
import type { ErrorCode } from '../error-catalogue';
import type { ErrorParams } from '../errors';
import { insuranceKinds, type KindFlags } from '../insurance/kinds';
import { insuranceKindLabels } from '../labels';
import { yuanToFen } from '../money';
import { isCalendarDate, isMonth } from './fields';

export type Parsed<T> =
  { ok: true; value: T } | { ok: false; code: ErrorCode; params: ErrorParams };

export const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(code: ErrorCode, params: ErrorParams): Parsed<T> => ({ ok: false, code, params });

/** Width, case and spacing folded: how choice words and synonyms are compared. */
export function foldWord(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\s\u200b-\u200d\u2060\ufeff]+/g, '')
    .toUpperCase();
}

// --- identity numbers ---

const scientific = /^\d+(\.\d+)?E\+?\d+$/i;

/**
 * A resident ID, permit or USCC as stored, exported and sent: ASCII, no spaces, upper-case X.
 * Full-width digits (３２０１…), spaces inside, a lower-case x and Excel's leading apostrophe are
 * folded away.
 */
export function canonicalId(s: string): string {
  let out = s
    .normalize('NFKC')
    .replace(/[\s\u200b-\u200d\u2060\ufeff]+/g, '')
    .toUpperCase();
  if (out.startsWith("'")) out = out.slice(1);
  return out;
}

export function parseIdText(text: string): Parsed<string> {
  const s = canonicalId(text);
  if (s === '') return ok('');
  if (scientific.test(s)) return fail('ID_SHOWN_SCIENTIFIC', { value: text.trim() });
  if (s.length > 40) return fail('TEXT_TOO_LONG', { field: '证件号码', max: 40 });
  return ok(s);
}

// --- dates and months ---

const pad2 = (n: string): string => n.padStart(2, '0');
/** A time part after a date, as Excel and databases write it: " 0:00", "T00:00:00.000Z". */
const timePart = String.raw`(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?`;
const dateWords = new RegExp(
  String.raw`^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?${timePart}$`,
);
const compactDate = new RegExp(String.raw`^(\d{4})(\d{2})(\d{2})${timePart}$`);
const monthWords = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$/;
const compactMonth = /^(\d{4})(\d{2})$/;
/** An Excel date serial written out as text (a CSV saved from a sheet with general cells). */
const serialText = /^\d{5}(?:\.\d+)?$/;

/** Excel's 1900 date system (its fictitious 1900-02-29 included): day 1 is 1900-01-01. */
export function excelSerialToIso(serial: number): string | null {
  if (!(serial >= 1 && serial < 2958466)) return null;
  const ms = Math.round((Math.floor(serial) - 25569) * 86400000);
  return new Date(ms).toISOString().slice(0, 10);
}

function isoOf(text: string): string | null {
  const s = text.normalize('NFKC').trim();
  const m = compactDate.exec(s) ?? dateWords.exec(s);
  if (m) return `${m[1]}-${pad2(m[2]!)}-${pad2(m[3]!)}`;
  if (serialText.test(s)) return excelSerialToIso(Number(s));
  return null;
}

export function parseDateText(text: string, field: string): Parsed<string> {
  if (text.trim() === '') return ok('');
  const iso = isoOf(text);
  if (iso === null || !isCalendarDate(iso))
    return fail('DATE_INVALID', { field, value: text.trim() });
  return ok(iso);
}

export function parseMonthText(text: string, field: string): Parsed<string> {
  const s = text.normalize('NFKC').trim();
  if (s === '') return ok('');
  let month: string | null = null;
  const m = compactMonth.exec(s) ?? monthWords.exec(s);
  if (m) month = `${m[1]}-${pad2(m[2]!)}`;
  else month = isoOf(s)?.slice(0, 7) ?? null;
  if (month === null || !isMonth(month)) return fail('MONTH_INVALID', { field, value: s });
  return ok(month);
}

// --- money ---

/** 元 as people write it: ¥7,413.50, 7413.5元, ７４１３, 7 413 → fen. Blank is null. */
export function parseMoneyText(text: string, field: string): Parsed<number | null> {
  const s = text
    .normalize('NFKC')
    .replace(/[¥￥元\s]/g, '')
    .replace(/,(?=\d{3}(?:\D|$))/g, '');
  if (s === '') return ok(null);
  const fen = yuanToFen(s);
  if (fen === null) return fail('AMOUNT_INVALID', { field, value: text.trim() });
  return ok(fen);
}

// --- choices ---

export interface ChoiceList {
  /** value → label, in the order shown. */
  labels: Readonly<Record<string, string>>;
  /** Folded word → value: labels, the values themselves and every synonym. */
  words: ReadonlyMap<string, string>;
}

export function choiceList(
  labels: Readonly<Record<string, string>>,
  synonyms: Readonly<Record<string, string>> = {},
): ChoiceList {
  const words = new Map<string, string>();
  for (const [value, label] of Object.entries(labels)) {
    words.set(foldWord(value), value);
    words.set(foldWord(label), value);
  }
  for (const [word, value] of Object.entries(synonyms)) words.set(foldWord(word), value);
  return { labels, words };
}

export function parseChoiceText(
  text: string,
  field: string,
  list: ChoiceList,
): Parsed<string | null> {
  const s = foldWord(text);
  if (s === '') return ok(null);
  const value = list.words.get(s);
  if (value !== undefined) return ok(value);
  return fail('CHOICE_INVALID', {
    field,
    value: text.trim(),
    options: Object.values(list.labels).join('、'),
  });
}

// --- insurance kinds ---

const allKindWords = new Set(
  ['全部', '全部险种', '五险', '全险', '全险种', '五险全参', '全参'].map(foldWord),
);
const kindWords = new Map<string, keyof KindFlags>();
for (const k of insuranceKinds) {
  const label = insuranceKindLabels[k];
  for (const w of [label, `${label}保险`, `${label}险`, `基本${label}保险`, `职工${label}保险`])
    kindWords.set(foldWord(w), k);
}
kindWords.set(foldWord('医保'), 'medical');
kindWords.set(foldWord('养老金'), 'pension');

export function noKindFlags(): KindFlags {
  return { pension: false, medical: false, unemployment: false, injury: false, maternity: false };
}

/** “养老、医疗、失业” (any separator), 全部 or 五险 → flags; blank is none. */
export function parseKindsText(text: string, field: string): Parsed<KindFlags> {
  const flags = noKindFlags();
  const s = text.normalize('NFKC').trim();
  if (s === '') return ok(flags);
  if (allKindWords.has(foldWord(s))) {
    for (const k of insuranceKinds) flags[k] = true;
    return ok(flags);
  }
  for (const part of s.split(/[、,;/\s|+]+/)) {
    if (part === '') continue;
    const kind = kindWords.get(foldWord(part));
    if (!kind) {
      return fail('CHOICE_INVALID', {
        field,
        value: s,
        options: `全部，或${insuranceKinds.map((k) => insuranceKindLabels[k]).join('、')}`,
      });
    }
    flags[kind] = true;
  }
  return ok(flags);
}

export function formatKindsText(flags: KindFlags | null | undefined, allWord = '全部'): string {
  if (!flags) return '';
  const on = insuranceKinds.filter((k) => flags[k]);
  if (on.length === insuranceKinds.length) return allWord;
  return on.map((k) => insuranceKindLabels[k]).join('、');
}

const flagTrue = new Set(
  ['是', '√', '✓', '✔', 'Y', 'YES', '1', 'TRUE', '参加', '参保', '缴纳', '停保', '有'].map(
    foldWord,
  ),
);
const flagFalse = new Set(
  ['否', '×', '✗', 'N', 'NO', '0', 'FALSE', '不参加', '未参加', '不参保', '-', '无'].map(foldWord),
);

/** One kind's yes/no column of a file (养老 是/否). Blank is no. */
export function parseFlagText(text: string, field: string): Parsed<boolean> {
  const s = foldWord(text);
  if (s === '') return ok(false);
  if (flagTrue.has(s)) return ok(true);
  if (flagFalse.has(s)) return ok(false);
  return fail('CHOICE_INVALID', { field, value: text.trim(), options: '是、否' });
}

// --- free text ---

/** Spaces around a text are dropped; tabs and other characters a file held are kept. */
export function parseFreeText(text: string, field: string, max = 200): Parsed<string> {
  const s = text.replace(/^[ \u00a0\u3000]+|[ \u00a0\u3000]+$/g, '');
  if (s.length > max) return fail('TEXT_TOO_LONG', { field, max });
  return ok(s);
}

/** A mobile number as written (the checks say when it is not one). */
export function parseMobileText(text: string, field: string): Parsed<string> {
  return parseFreeText(text, field, 40);
}
