// Cross-field and cross-row checks of a declaration batch. Built for 100,000-row batches: the
// roster is indexed once (indexRoster), people are matched for the whole batch in one pass before
// the rows are checked (person-keys.ts), dates are compared as numbers, and a row that passes
// allocates next to nothing.
import { checkDocument, holderOfPackedId, packedId, type Gender } from '../ids';
import { fenToYuan } from '../money';
import { anyKind, insuranceKinds, type KindFlags } from '../insurance/kinds';
import type { RegionRule } from '../insurance/region-table';
import {
  MIN_WORKING_AGE_YEARS,
  ageInMonthsYmd,
  defaultTrack,
  isoDateOfYmd,
  monthFromIndex,
  monthIndex,
  monthIndexOfYmd,
  retirementAgeMonthsFrom,
} from '../insurance/working-age';
import { fieldLabels, genderLabels, insuranceKindLabels } from '../labels';
import type { ErrorCode } from '../error-catalogue';
import type { ErrorParams } from '../errors';
import type { AdditionRow } from './addition';
import type { ReductionRow } from './reduction';
import type { BaseRow } from './base-declaration';
import { calendarDateNumber, isMonth, normalizeMobile } from './fields';
import { makeFinding, type Finding, type Severity } from './findings';
import { firstRowsWithSameKey, sortPacked } from './person-keys';
import { personKey, type RosterIndex, type RosterPerson } from './roster';

/** The limits the checks apply, as data so a region or a later policy can change them. */
export interface CheckLimits {
  /** How many months after the declaration month a 参保日期 or 缴费截止月份 may lie. */
  maxMonthsAhead: number;
  /** Older dates are warned about (补缴 or counter business). */
  maxMonthsBack: number;
  minAgeYears: number;
}

export const defaultCheckLimits: Readonly<CheckLimits> = Object.freeze({
  maxMonthsAhead: 1,
  maxMonthsBack: 3,
  minAgeYears: MIN_WORKING_AGE_YEARS,
});

export interface BatchContext {
  rule: RegionRule;
  roster: RosterIndex;
  /** The declaration month, YYYY-MM. */
  month: string;
  /** Today, YYYY-MM-DD (passed in so the rules stay pure and repeatable). */
  today: string;
  limits?: Partial<CheckLimits>;
}

export type Batch =
  | { kind: 'addition'; rows: readonly AdditionRow[] }
  | { kind: 'reduction'; rows: readonly ReductionRow[] }
  | { kind: 'base'; rows: readonly BaseRow[] };

interface Env {
  ctx: BatchContext;
  limits: CheckLimits;
  monthIdx: number;
  out: Finding[];
  /** Per row: its person key ('' when it has no number), packedId of it, the first earlier row
   * with the same key (-1 for none) and its roster entry. */
  keys: string[];
  packed: Float64Array;
  /** Reused for each row's identity. */
  identity: Identity;
  firstRow: Int32Array;
  rosterOf: (RosterPerson | undefined)[];
  idOptions: { today: string };
  /** Today as YYYYMMDD. */
  todayYmd: number;
  reasonLabel: string;
}

function labelOf(env: Env, field: string): string {
  if (field === 'reason') return env.reasonLabel;
  return (fieldLabels as Record<string, string>)[field] ?? field;
}

function add(
  env: Env,
  code: ErrorCode,
  severity: Severity,
  field: string,
  row: number,
  params?: ErrorParams,
): void {
  env.out.push(makeFinding(code, severity, field, row, params));
}

function required(env: Env, field: string, row: number): void {
  add(env, 'FIELD_REQUIRED', 'error', field, row, { field: labelOf(env, field) });
}

function formatAge(months: number): string {
  const rest = months % 12;
  return `${Math.floor(months / 12)}周岁${rest ? `${rest}个月` : ''}`;
}

// Digits and punctuation never belong in a name; letters, spaces, '.', '-' and '·' may (foreign
// and minority names).
const suspiciousName = /[0-9!@#$%^&*_+=<>?/\\|{}[\]~`"'；;：:，,。！？、（）()【】]/;

interface Identity {
  key: string;
  /** The number passed its document check. */
  valid: boolean;
  /** The birth date the number carries as YYYYMMDD; 0 when it carries none. */
  birthYmd: number;
  gender: Gender | undefined;
}

/** The row's identity, in the one object the batch reuses for every row (read before the next). */
function identity(
  env: Env,
  key: string,
  valid: boolean,
  birthYmd: number,
  gender: Gender | undefined,
): Identity {
  const id = env.identity;
  id.key = key;
  id.valid = valid;
  id.birthYmd = birthYmd;
  id.gender = gender;
  return id;
}

function checkIdentity(
  env: Env,
  row: { name: string; documentType: AdditionRow['documentType']; documentNumber: string },
  i: number,
): Identity | null {
  if (row.name.trim() === '') required(env, 'name', i);
  else if (suspiciousName.test(row.name))
    add(env, 'NAME_SUSPICIOUS', 'warning', 'name', i, { value: row.name });
  if (row.documentType === null) required(env, 'documentType', i);
  if (row.documentNumber.trim() === '') {
    required(env, 'documentNumber', i);
    return null;
  }
  const key = env.keys[i]!;
  const packed = env.packed[i]!;
  const first = env.firstRow[i]!;
  if (first >= 0)
    add(env, 'DUPLICATE_IN_BATCH', 'error', 'documentNumber', i, { first: first + 1 });
  const type = row.documentType;
  if (type === null) return identity(env, key, false, 0, undefined);
  // Resident IDs, nearly every row, are read without allocating; anything else (and any number
  // that fails) goes through the full check, which says why.
  if (type === 'residentId' || type === 'hkMoTwResidencePermit') {
    const holder = holderOfPackedId(type, packed, env.todayYmd);
    if (holder > 0) {
      const gender = holder & 1 ? 'male' : 'female';
      return identity(env, key, true, holder >> 1, gender);
    }
  }
  const r = checkDocument(type, row.documentNumber, env.idOptions);
  if (!r.ok) {
    const finding = makeFinding(r.code, r.confirmable ? 'warning' : 'error', 'documentNumber', i);
    // The catalogue's ID_OLD_15 action names the upgraded number; keep the id module's text.
    finding.message = r.message;
    finding.action = r.action;
    env.out.push(finding);
    return identity(env, key, r.confirmable, 0, undefined);
  }
  return identity(env, key, true, ymdOf(r.birthDate), r.gender);
}

/** YYYY-MM-DD (or nothing) → YYYYMMDD, 0 for nothing. */
function ymdOf(date: string | undefined): number {
  return date === undefined ? 0 : calendarDateNumber(date);
}

function checkBase(env: Env, field: string, fen: number | null, i: number): void {
  if (fen === null) return required(env, field, i);
  if (fen === 0) return add(env, 'WAGE_ZERO', 'error', field, i, { field: labelOf(env, field) });
  const { baseLowerFen, baseUpperFen } = env.ctx.rule;
  if (fen < baseLowerFen) {
    add(env, 'BASE_BELOW_LOWER', 'warning', field, i, {
      field: labelOf(env, field),
      value: fenToYuan(fen),
      bound: fenToYuan(baseLowerFen),
    });
  } else if (fen > baseUpperFen) {
    add(env, 'BASE_ABOVE_UPPER', 'warning', field, i, {
      field: labelOf(env, field),
      value: fenToYuan(fen),
      bound: fenToYuan(baseUpperFen),
    });
  }
}

/** A month (as index) against the declaration month; true when it is inside the hard limit. */
function checkMonthWindow(
  env: Env,
  idx: number,
  value: string,
  field: string,
  i: number,
  late: ErrorCode,
  backdated: ErrorCode,
): boolean {
  if (idx > env.monthIdx + env.limits.maxMonthsAhead) {
    add(env, late, 'error', field, i, {
      value,
      latest: monthFromIndex(env.monthIdx + env.limits.maxMonthsAhead),
    });
    return false;
  }
  if (idx < env.monthIdx - env.limits.maxMonthsBack) {
    add(env, backdated, 'warning', field, i, {
      value,
      month: env.ctx.month,
      months: env.limits.maxMonthsBack,
    });
  }
  return true;
}

/** The required 参保日期 held to the declaration window; YYYYMMDD when it parses, else 0. */
function checkInsuredFrom(env: Env, value: string, i: number): number {
  if (value === '') {
    required(env, 'insuredFrom', i);
    return 0;
  }
  const ymd = calendarDateNumber(value);
  if (ymd === 0) {
    add(env, 'DATE_INVALID', 'error', 'insuredFrom', i, {
      field: fieldLabels.insuredFrom,
      value,
    });
    return 0;
  }
  const idx = monthIndexOfYmd(ymd);
  checkMonthWindow(
    env,
    idx,
    value,
    'insuredFrom',
    i,
    'INSURED_FROM_TOO_LATE',
    'INSURED_FROM_BACKDATED',
  );
  return ymd;
}

/** The required 缴费截止月份 held to the declaration window; its month index when it parses. */
function checkLastPaidMonth(env: Env, value: string, i: number): number | undefined {
  if (value === '') {
    required(env, 'lastPaidMonth', i);
    return undefined;
  }
  if (!isMonth(value)) {
    add(env, 'MONTH_INVALID', 'error', 'lastPaidMonth', i, {
      field: fieldLabels.lastPaidMonth,
      value,
    });
    return undefined;
  }
  const idx = monthIndex(value);
  checkMonthWindow(
    env,
    idx,
    value,
    'lastPaidMonth',
    i,
    'LAST_PAID_TOO_LATE',
    'LAST_PAID_BACKDATED',
  );
  return idx;
}

/**
 * The roster entry a reduction or base row is about, when that person is still insured; reports a
 * person missing from the roster, already stopped, or under another name.
 */
function insuredOnRoster(
  env: Env,
  row: { name: string },
  id: Identity,
  i: number,
): RosterPerson | undefined {
  const p = env.rosterOf[i];
  if (!p) {
    add(env, 'NOT_ON_ROSTER', 'error', 'documentNumber', i);
    return undefined;
  }
  if (p.status === 'stopped') {
    add(env, 'ALREADY_STOPPED', 'error', 'documentNumber', i, { month: p.lastPaidMonth });
    return undefined;
  }
  if (row.name.trim() !== '' && row.name.trim() !== p.name) {
    add(env, 'NAME_MISMATCH_ROSTER', 'warning', 'name', i, { rosterName: p.name });
  }
  return p;
}

function kindsLabel(kinds: readonly string[]): string {
  return kinds.join('、');
}

/** Numbers that carry birth date and gender: when such a number is wrong, its error is enough. */
function encodesPerson(type: AdditionRow['documentType']): boolean {
  return type === 'residentId' || type === 'hkMoTwResidencePermit';
}

function checkAddition(env: Env, row: AdditionRow, i: number): void {
  if (row.reason === null) required(env, 'reason', i);
  const id = checkIdentity(env, row, i);

  // Gender and birth date: from the number when it carries them, else from the row.
  let gender: Gender | undefined = row.gender ?? undefined;
  if (id?.gender !== undefined) {
    if (row.gender !== null && row.gender !== id.gender) {
      add(env, 'ID_GENDER_MISMATCH', 'error', 'gender', i, { expected: genderLabels[id.gender] });
    }
    gender = id.gender;
  } else if (row.gender === null && !encodesPerson(row.documentType)) required(env, 'gender', i);

  // Birth date as YYYYMMDD; 0 while unknown.
  let birth = 0;
  if (row.birthDate !== '') {
    birth = calendarDateNumber(row.birthDate);
    if (birth === 0) {
      add(env, 'DATE_INVALID', 'error', 'birthDate', i, {
        field: fieldLabels.birthDate,
        value: row.birthDate,
      });
    }
  }
  if (id !== null && id.birthYmd !== 0) {
    if (birth !== 0 && birth !== id.birthYmd) {
      add(env, 'ID_BIRTH_MISMATCH', 'error', 'birthDate', i, {
        expected: isoDateOfYmd(id.birthYmd),
      });
    }
    birth = id.birthYmd;
  } else if (row.birthDate === '' && !encodesPerson(row.documentType))
    required(env, 'birthDate', i);

  if (row.householdType === null) required(env, 'householdType', i);
  if (row.employmentType === null) required(env, 'employmentType', i);

  const insuredFrom = checkInsuredFrom(env, row.insuredFrom, i);
  if (insuredFrom !== 0 && birth !== 0) {
    const age = ageInMonthsYmd(birth, insuredFrom);
    if (age < env.limits.minAgeYears * 12) {
      add(env, 'AGE_UNDER_MINIMUM', 'error', 'insuredFrom', i, { min: env.limits.minAgeYears });
    } else if (gender !== undefined) {
      const retirement = retirementAgeMonthsFrom(monthIndexOfYmd(birth), defaultTrack(gender));
      if (age >= retirement) {
        add(env, 'AGE_OVER_RETIREMENT', 'warning', 'insuredFrom', i, {
          age: formatAge(retirement),
        });
      }
    }
  }

  checkBase(env, 'wageFen', row.wageFen, i);
  if (!anyKind(row.kinds))
    add(env, 'KINDS_NONE', 'error', 'kinds', i, { field: fieldLabels.kinds });
  if (row.mobile.trim() !== '' && normalizeMobile(row.mobile) === null) {
    add(env, 'MOBILE_FORMAT', 'error', 'mobile', i, { value: row.mobile });
  }

  if (id?.valid) {
    const p = env.rosterOf[i];
    if (p?.status === 'insured') add(env, 'ALREADY_INSURED', 'error', 'documentNumber', i);
    else if (p && row.reason !== null && row.reason !== 'resumption') {
      add(env, 'SHOULD_RESUME', 'warning', 'reason', i, { month: p.lastPaidMonth });
    } else if (!p && row.reason === 'resumption')
      add(env, 'RESUME_NOT_ON_ROSTER', 'warning', 'reason', i);
  }
}

function checkReduction(env: Env, row: ReductionRow, i: number): void {
  if (row.reason === null) required(env, 'reason', i);
  const id = checkIdentity(env, row, i);
  if (!anyKind(row.stopKinds))
    add(env, 'KINDS_NONE', 'error', 'stopKinds', i, { field: fieldLabels.stopKinds });

  const lastPaidIdx = checkLastPaidMonth(env, row.lastPaidMonth, i);

  if (!id?.valid) return;
  const p = insuredOnRoster(env, row, id, i);
  if (!p) return;
  if (lastPaidIdx !== undefined && lastPaidIdx < monthIndex(p.insuredFrom)) {
    add(env, 'LAST_PAID_BEFORE_INSURED', 'error', 'lastPaidMonth', i, {
      value: row.lastPaidMonth,
      insuredFrom: p.insuredFrom,
    });
  }
  const notInsured = notInsuredKinds(row.stopKinds, p.kinds);
  if (notInsured.length > 0)
    add(env, 'KIND_NOT_INSURED', 'warning', 'stopKinds', i, { kinds: kindsLabel(notInsured) });
  if (row.reason === 'retirement' && lastPaidIdx !== undefined) {
    const birthIdx = id.birthYmd !== 0 ? monthIndexOfYmd(id.birthYmd) : monthIndex(p.birthDate);
    const retirement = retirementAgeMonthsFrom(birthIdx, defaultTrack(id.gender ?? p.gender));
    // Pension starts the month after the last paid month.
    if (lastPaidIdx + 1 - birthIdx < retirement) {
      add(env, 'RETIREMENT_BEFORE_AGE', 'warning', 'reason', i, {
        month: monthFromIndex(lastPaidIdx + 1),
        age: formatAge(retirement),
      });
    }
  }
}

function notInsuredKinds(stop: KindFlags, insured: KindFlags): string[] {
  let list: string[] | undefined;
  for (const kind of insuranceKinds) {
    if (stop[kind] && !insured[kind]) (list ??= []).push(insuranceKindLabels[kind]);
  }
  return list ?? [];
}

function checkBaseRow(env: Env, row: BaseRow, i: number): void {
  const id = checkIdentity(env, row, i);
  checkBase(env, 'lastYearAverageWageFen', row.lastYearAverageWageFen, i);
  if (id?.valid) insuredOnRoster(env, row, id, i);
}

/** Every row's person key, its earliest duplicate and its roster entry, for the whole batch. */
function matchPeople(
  rows: readonly { documentNumber: string }[],
  roster: RosterIndex,
): Pick<Env, 'keys' | 'packed' | 'firstRow' | 'rosterOf'> {
  const keys = new Array<string>(rows.length);
  const packed = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const number = rows[i]!.documentNumber;
    const key = number.trim() === '' ? '' : personKey(number);
    keys[i] = key;
    packed[i] = packedId(key);
  }
  const sorted = sortPacked(packed);
  return {
    keys,
    packed,
    firstRow: firstRowsWithSameKey(keys, packed, sorted),
    rosterOf: roster.match(keys, packed, sorted),
  };
}

/**
 * Every problem of a batch, in row order. Submit only when no finding has severity 'error';
 * warnings need the user's confirmation.
 */
export function validateBatch(batch: Batch, ctx: BatchContext): Finding[] {
  const people = matchPeople(batch.rows, ctx.roster);
  const env: Env = {
    ctx,
    limits: { ...defaultCheckLimits, ...ctx.limits },
    monthIdx: monthIndex(ctx.month),
    out: [],
    ...people,
    identity: { key: '', valid: false, birthYmd: 0, gender: undefined },
    idOptions: { today: ctx.today },
    todayYmd: calendarDateNumber(ctx.today),
    reasonLabel:
      batch.kind === 'addition'
        ? fieldLabels.additionReason
        : batch.kind === 'reduction'
          ? fieldLabels.reductionReason
          : fieldLabels.reason,
  };
  switch (batch.kind) {
    case 'addition':
      for (let i = 0; i < batch.rows.length; i++) checkAddition(env, batch.rows[i]!, i);
      break;
    case 'reduction':
      for (let i = 0; i < batch.rows.length; i++) checkReduction(env, batch.rows[i]!, i);
      break;
    case 'base':
      for (let i = 0; i < batch.rows.length; i++) checkBaseRow(env, batch.rows[i]!, i);
      break;
  }
  return env.out;
}
