// Identity numbers a declaration may carry: 公民身份号码 (GB 11643-1999), 港澳台居民居住证,
// 外国人永久居留身份证 (2023 18-digit form and the older 15-character form), passports and the
// two travel permits, and the unit's 统一社会信用代码 (GB 32100-2015). Pure and allocation-light:
// a batch of 100,000 rows runs every number through here.
import { describeError } from './errors';
import type { ErrorCode } from './error-catalogue';

export type Gender = 'male' | 'female';

export const documentTypes = [
  'residentId',
  'hkMoTwResidencePermit',
  'foreignPermanentResidenceId',
  'passport',
  'hkMoTravelPermit',
  'twTravelPermit',
] as const;
export type DocumentType = (typeof documentTypes)[number];

export interface IdFailure {
  ok: false;
  code: ErrorCode;
  message: string;
  action: string;
  /** True when the user may confirm the value as it is (a warning), e.g. real USCCs that fail the check. */
  confirmable: boolean;
  /** For a 15-digit resident ID: the 18-digit form it upgrades to. */
  upgraded?: string;
}

export interface ResidentIdOk {
  ok: true;
  normalized: string;
  /** 'residencePermit' for 港澳台居民居住证 numbers (810000/820000/830000). */
  kind: 'residentId' | 'residencePermit';
  regionCode: string;
  /** YYYY-MM-DD */
  birthDate: string;
  gender: Gender;
}

export interface UsccOk {
  ok: true;
  normalized: string;
  /** 登记管理部门码, e.g. 9 = 市场监管 (工商). */
  registrationAuthority: string;
  /** 登记管理机关行政区划码 (positions 3–8). */
  regionCode: string;
}

export interface DocumentOk {
  ok: true;
  normalized: string;
  /** Known only for documents whose number encodes them. */
  birthDate?: string;
  gender?: Gender;
}

export type ResidentIdResult = ResidentIdOk | IdFailure;
export type UsccResult = UsccOk | IdFailure;
export type DocumentResult = DocumentOk | IdFailure;

export interface IdCheckOptions {
  /** Today as YYYY-MM-DD, for birth dates "not in the future"; defaults to the local date. */
  today?: string;
}

function fail(
  code: ErrorCode,
  params?: Record<string, string | number>,
  extra?: { confirmable?: boolean; upgraded?: string },
): IdFailure {
  const info = describeError(code, params);
  const result: IdFailure = {
    ok: false,
    code,
    message: info.message,
    action: info.action ?? '',
    confirmable: extra?.confirmable ?? false,
  };
  if (extra?.upgraded !== undefined) result.upgraded = extra.upgraded;
  return result;
}

/**
 * Full-width digits and letters (from Chinese IMEs and Word) become ASCII, spaces of any width
 * and zero-width characters go, letters become upper case (a lowercase x is common).
 */
export function normalizeIdInput(s: string): string {
  // Fast path: most cells are already clean.
  let clean = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90))) {
      clean = false;
      break;
    }
  }
  if (clean) return s;
  return s
    .normalize('NFKC')
    .replace(/[\s\u200b-\u200d\u2060\ufeff]+/g, '')
    .toUpperCase();
}

// --- GB 11643 (MOD 11-2) ---

const idWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const idCheckChars = '10X98765432';

/** The 18th character for 17 digits (also used by the 2023 外国人永久居留身份证). */
export function residentIdCheckDigit(first17: string): string {
  if (first17.length !== 17 || !allDigits(first17, 0, 17)) {
    throw new RangeError('residentIdCheckDigit needs 17 digits');
  }
  return checkCharOf(first17);
}

/** Check character over the first 17 characters of `s`, which the caller knows are digits. */
function checkCharOf(s: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (s.charCodeAt(i) - 48) * idWeights[i]!;
  return idCheckChars[sum % 11]!;
}

// GB/T 2260 province-level codes; 71 (台湾) exists in the standard though rarely on real IDs.
// 81/82/83 appear only as 810000/820000/830000 on 港澳台居民居住证.
const provinceCodes = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52,
  53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83,
]);
const residencePermitRegions = new Set([810000, 820000, 830000]);

function twoDigits(s: string, at: number): number {
  return (s.charCodeAt(at) - 48) * 10 + (s.charCodeAt(at + 1) - 48);
}

function allDigits(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

let cachedToday: { at: number; value: string } | undefined;
/** The local date as YYYY-MM-DD, recomputed at most once a second so batches stay cheap. */
export function localToday(): string {
  const now = Date.now();
  if (cachedToday && now - cachedToday.at < 1000) return cachedToday.value;
  const d = new Date(now);
  const value = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  cachedToday = { at: now, value };
  return value;
}

let parsedToday = { text: '', value: 0 };
/** YYYY-MM-DD → YYYYMMDD as a number, remembered since a batch passes the same day each time. */
function todayNumber(today: string): number {
  if (parsedToday.text !== today) {
    parsedToday = {
      text: today,
      value: Number(today.slice(0, 4) + today.slice(5, 7) + today.slice(8, 10)),
    };
  }
  return parsedToday.value;
}

/** Checks an 8-digit YYYYMMDD at `at`; returns the ISO date or a failure. */
function checkBirthDate(s: string, at: number, today: string): string | IdFailure {
  const year = twoDigits(s, at) * 100 + twoDigits(s, at + 2);
  const month = twoDigits(s, at + 4);
  const day = twoDigits(s, at + 6);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return fail('ID_BIRTH_DATE', { date: s.slice(at, at + 8) });
  }
  if (year < 1900) return fail('ID_BIRTH_TOO_EARLY', { date: s.slice(at, at + 8) });
  if (year * 10000 + month * 100 + day > todayNumber(today)) {
    return fail('ID_BIRTH_FUTURE', { date: s.slice(at, at + 8) });
  }
  return `${s.slice(at, at + 4)}-${s.slice(at + 4, at + 6)}-${s.slice(at + 6, at + 8)}`;
}

// --- the 18-character MOD 11-2 layout shared by 公民身份号码 and the 2023 外国人永久居留身份证 ---

/** 17 digits then a digit or X. */
function hasMod112Charset(id: string): boolean {
  const last = id.charCodeAt(17);
  return allDigits(id, 0, 17) && ((last >= 48 && last <= 57) || last === 88);
}

/** Birth date at positions 7–14, then the check character; returns the ISO date or a failure. */
function checkBirthAndCheckChar(id: string, options?: IdCheckOptions): string | IdFailure {
  const birth = checkBirthDate(id, 6, options?.today ?? localToday());
  if (typeof birth !== 'string') return birth;
  if (checkCharOf(id) !== id[17]) return fail('ID_CHECK_DIGIT');
  return birth;
}

/** The 17th character is odd for men, even for women. */
function genderOf(id: string): Gender {
  return (id.charCodeAt(16) - 48) % 2 === 1 ? 'male' : 'female';
}

/** 15-digit IDs (before 1999) put "19" before the year and gain a check digit. Null if not 15 digits. */
export function upgradeResidentId15(s: string): string | null {
  const id = normalizeIdInput(s);
  if (id.length !== 15 || !allDigits(id, 0, 15)) return null;
  const first17 = `${id.slice(0, 6)}19${id.slice(6)}`;
  return first17 + residentIdCheckDigit(first17);
}

/** 18-digit 公民身份号码 or 港澳台居民居住证 number; a 15-digit number fails with ID_OLD_15 and its upgrade. */
export function checkResidentId(s: string, options?: IdCheckOptions): ResidentIdResult {
  const id = normalizeIdInput(s);
  if (id.length === 0) return fail('ID_EMPTY');
  if (id.length === 15 && allDigits(id, 0, 15)) {
    const upgraded = upgradeResidentId15(id)!;
    const inner = checkResidentId(upgraded, options);
    if (!inner.ok) return inner;
    return fail('ID_OLD_15', { upgraded: `（${upgraded}）` }, { upgraded });
  }
  if (id.length !== 18) return fail('ID_LENGTH', { length: id.length });
  if (!hasMod112Charset(id)) return fail('ID_CHARSET');
  const province = twoDigits(id, 0);
  if (!provinceCodes.has(province)) return fail('ID_REGION', { code: id.slice(0, 6) });
  const regionCode = id.slice(0, 6);
  const isPermit = province >= 81;
  if (isPermit && !residencePermitRegions.has(Number(regionCode))) {
    return fail('ID_RESIDENCE_PERMIT_PREFIX');
  }
  const birth = checkBirthAndCheckChar(id, options);
  if (typeof birth !== 'string') return birth;
  return {
    ok: true,
    normalized: id,
    kind: isPermit ? 'residencePermit' : 'residentId',
    regionCode,
    birthDate: birth,
    gender: genderOf(id),
  };
}

// --- the packed form: an ID-shaped number as one exact integer ---
//
// A batch of 100,000 rows reads each number once into this form; matching people, finding
// duplicates and reading birth date and gender then need no strings, objects or second pass.

/**
 * A normalized, 18-character number shaped like a 公民身份号码 (17 digits with year 1900–2099,
 * month 1–12 and day 1–31 at their places, then a digit or X) as a unique integer in [1, 2^51);
 * 0 for any other string. Injective on the strings it accepts: region, date parts, sequence and
 * last character are each packed whole; the lowest bit says whether the last character is the
 * MOD 11-2 check character of the first 17. Validity beyond that is holderOfPackedId's business.
 */
export function packedId(key: string): number {
  if (key.length !== 18) return 0;
  let sum = 0;
  let region = 0;
  let date = 0; // YYYYMMDD
  let sequence = 0;
  for (let i = 0; i < 17; i++) {
    const d = key.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return 0;
    sum += d * idWeights[i]!;
    if (i < 6) region = region * 10 + d;
    else if (i < 14) date = date * 10 + d;
    else sequence = sequence * 10 + d;
  }
  const lastCode = key.charCodeAt(17);
  const last = lastCode === 88 ? 10 : lastCode - 48;
  if (last < 0 || last > 10) return 0;
  const year = (date / 10000) | 0;
  const month = ((date / 100) | 0) % 100;
  const day = date % 100;
  if (year < 1900 || year > 2099 || month < 1 || month > 12 || day < 1 || day > 31) return 0;
  const datePart = ((year - 1900) * 13 + month) * 32 + day; // < 200 × 13 × 32 = 83,200
  const checked = idCheckCodes[sum % 11] === lastCode ? 1 : 0;
  return (((region * 83_200 + datePart) * 1000 + sequence) * 11 + last) * 2 + checked + 2;
}

const idCheckCodes = Array.from(idCheckChars, (c) => c.charCodeAt(0));

/**
 * What a 公民身份号码 or 港澳台居民居住证 number, given in packed form (packedId), says of its
 * holder: YYYYMMDD × 2, plus 1 for a man. 0 when it is not a valid number of `type` — checkDocument
 * then says why. Accepts exactly what checkDocument accepts for these two types.
 */
export function holderOfPackedId(
  type: 'residentId' | 'hkMoTwResidencePermit',
  packed: number,
  todayYmd: number,
): number {
  if (packed === 0) return 0;
  let n = packed - 2;
  const half = Math.floor(n / 2);
  if (n - half * 2 !== 1) return 0; // wrong check character
  n = Math.floor(half / 11); // drops the last character
  const thousands = Math.floor(n / 1000);
  const sequence = n - thousands * 1000;
  const region = Math.floor(thousands / 83_200);
  let datePart = thousands - region * 83_200;
  const day = datePart % 32;
  datePart = (datePart - day) / 32;
  const month = datePart % 13;
  const year = (datePart - month) / 13 + 1900;
  const province = (region / 10000) | 0;
  if (type === 'residentId') {
    if (province >= 81 || !provinceCodes.has(province)) return 0;
  } else if (!residencePermitRegions.has(region)) return 0;
  if (day > daysInMonth(year, month)) return 0;
  const ymd = year * 10000 + month * 100 + day;
  if (ymd > todayYmd) return 0;
  return ymd * 2 + (sequence % 2);
}

// --- 外国人永久居留身份证 ---

const oldFprPattern = /^[A-Z]{3}\d{12}$/;

/**
 * 2023 form: 9 + 受理地省级代码(2) + 国籍代码(3) + 出生日期(8) + 顺序码(3) + MOD 11-2 check.
 * Older form: 3-letter nationality code + 12 digits (no public check algorithm, so format only).
 */
export function checkForeignPermanentResidenceId(
  s: string,
  options?: IdCheckOptions,
): DocumentResult {
  const id = normalizeIdInput(s);
  if (id.length === 0) return fail('ID_EMPTY');
  if (id.length === 15) {
    return oldFprPattern.test(id) ? { ok: true, normalized: id } : fail('FPR_ID_FORMAT');
  }
  if (id.length !== 18 || id[0] !== '9') return fail('FPR_ID_FORMAT');
  if (!hasMod112Charset(id)) return fail('FPR_ID_FORMAT');
  const birth = checkBirthAndCheckChar(id, options);
  if (typeof birth !== 'string') return birth;
  return {
    ok: true,
    normalized: id,
    birthDate: birth,
    gender: genderOf(id),
  };
}

// --- passports and travel permits: format only, none has a public check digit ---

const passportPattern = /^(?=.*\d)[A-Z0-9]{5,17}$/;
// 回乡证: H/M + 8 digits (card since 2013) or + 10 digits (older booklet numbers).
const hkMoPermitPattern = /^[HM](\d{8}|\d{10})$/;
// 台胞证: 8 digits (card since 2015) or the older 10 digits with an optional letter.
const twPermitPattern = /^(\d{8}|\d{10}[A-Z]?)$/;

function formatOnly(s: string, pattern: RegExp, code: ErrorCode): DocumentResult {
  let id = normalizeIdInput(s);
  if (id.length === 0) return fail('ID_EMPTY');
  // 台胞证 numbers are often written 1234567890(B); the brackets are not part of the number.
  if (code === 'TW_PERMIT_FORMAT') id = id.replace(/[()]/g, '');
  return pattern.test(id) ? { ok: true, normalized: id } : fail(code);
}

export function checkPassport(s: string): DocumentResult {
  return formatOnly(s, passportPattern, 'PASSPORT_FORMAT');
}

/** Chinese labels of the document types, for DOC_TYPE_MISMATCH messages (also in domain/labels.ts). */
const residentIdLabel = '居民身份证';
const permitLabel = '港澳台居民居住证';

/** Checks a number against the document type chosen for it. */
export function checkDocument(
  type: DocumentType,
  value: string,
  options?: IdCheckOptions,
): DocumentResult {
  switch (type) {
    case 'residentId':
    case 'hkMoTwResidencePermit': {
      const r = checkResidentId(value, options);
      if (!r.ok) {
        if (type === 'hkMoTwResidencePermit' && r.code === 'ID_OLD_15')
          return fail('ID_RESIDENCE_PERMIT_PREFIX');
        return r;
      }
      if (type === 'residentId' && r.kind === 'residencePermit') {
        return fail('DOC_TYPE_MISMATCH', { actual: permitLabel, type: residentIdLabel });
      }
      if (type === 'hkMoTwResidencePermit' && r.kind === 'residentId') {
        return fail('ID_RESIDENCE_PERMIT_PREFIX');
      }
      return r; // a ResidentIdOk is a DocumentOk with more detail; no copy per row
    }
    case 'foreignPermanentResidenceId':
      return checkForeignPermanentResidenceId(value, options);
    case 'passport':
      return checkPassport(value);
    case 'hkMoTravelPermit':
      return formatOnly(value, hkMoPermitPattern, 'HKMO_PERMIT_FORMAT');
    case 'twTravelPermit':
      return formatOnly(value, twPermitPattern, 'TW_PERMIT_FORMAT');
    default: {
      const unknownType: never = type;
      return fail('DOC_TYPE_UNKNOWN', { type: String(unknownType) });
    }
  }
}

// --- GB 32100 统一社会信用代码 (MOD 31) ---

const usccChars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const usccWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const usccValue = new Int8Array(128).fill(-1);
for (let i = 0; i < usccChars.length; i++) usccValue[usccChars.charCodeAt(i)] = i;

function usccCharValue(s: string, i: number): number {
  const c = s.charCodeAt(i);
  return c < 128 ? usccValue[c]! : -1;
}

/** The 18th character for 17 USCC characters. */
export function usccCheckDigit(first17: string): string {
  if (first17.length !== 17) throw new RangeError('usccCheckDigit needs 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = usccCharValue(first17, i);
    if (v < 0) throw new RangeError('usccCheckDigit: character outside the GB 32100 set');
    sum += v * usccWeights[i]!;
  }
  return usccChars[(31 - (sum % 31)) % 31]!;
}

/** A failing check character is confirmable: some codes issued in the early years fail it. */
export function checkUscc(s: string): UsccResult {
  const code = normalizeIdInput(s);
  if (code.length === 0) return fail('USCC_EMPTY');
  if (code.length !== 18) return fail('USCC_LENGTH', { length: code.length });
  for (let i = 0; i < 18; i++) {
    if (usccCharValue(code, i) < 0) return fail('USCC_CHARSET', { char: code[i]! });
  }
  if (!allDigits(code, 2, 8)) return fail('USCC_FORMAT');
  if (usccCheckDigit(code.slice(0, 17)) !== code[17]) {
    return fail('USCC_CHECK_DIGIT', undefined, { confirmable: true });
  }
  return {
    ok: true,
    normalized: code,
    registrationAuthority: code[0]!,
    regionCode: code.slice(2, 8),
  };
}

/** The USCC charset, for generators and input filters. */
export const USCC_CHARSET = usccChars;
