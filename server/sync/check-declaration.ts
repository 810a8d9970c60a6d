// Re-checks a submitted declaration with the same domain rules the client ran, against the
// service's own roster. Errors reject the one mutation; warnings were the user's to confirm.
import { z } from 'zod';
import { additionRowSchema, type AdditionRow } from '../../domain/declarations/addition';
import { baseRowSchema, type BaseRow } from '../../domain/declarations/base-declaration';
import type { Batch } from '../../domain/declarations/checks';
import { checkDeclarationRows } from '../../domain/declarations/unread-cells';
import { canonicalId } from '../../domain/declarations/values';
import type { Finding } from '../../domain/declarations/findings';
import { reductionRowSchema, type ReductionRow } from '../../domain/declarations/reduction';
import type { RosterIndex } from '../../domain/declarations/roster';
import type { ErrorCode } from '../../domain/error-catalogue';
import { describeError } from '../../domain/errors';
import { ruleFor, type RegionRule, type RegionTable } from '../../domain/insurance/region-table';
import type { DeclarationSubmitPayload } from '../../domain/protocol/sync';

export interface CheckContext {
  tables: readonly RegionTable[];
  regionCode: string;
  roster: RosterIndex;
  /** The service's today, YYYY-MM-DD. */
  today: string;
}

export type CheckedDeclaration =
  | { kind: 'addition'; rows: AdditionRow[] }
  | { kind: 'reduction'; rows: ReductionRow[] }
  | { kind: 'base'; rows: BaseRow[] }
  | { kind: 'monthly'; rows: Record<string, unknown>[] };

export type CheckOutcome =
  | { ok: true; declaration: CheckedDeclaration; rule: RegionRule }
  | { ok: false; code: 'MUTATION_INVALID' | 'DECLARATION_CONFLICT'; message: string };

/** Findings that mean the service's roster disagrees with the client's: the user must choose. */
const rosterConflicts: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'ALREADY_STOPPED',
  'ALREADY_INSURED',
  'NOT_ON_ROSTER',
]);

// 月度申报 is computed from the roster by the service itself; its rows are only carried along.
const monthlyRowSchema = z.record(z.string(), z.unknown());

function invalid(code: 'MUTATION_INVALID' | 'DECLARATION_CONFLICT', detail: string): CheckOutcome {
  return { ok: false, code, message: describeError(code, { detail }).message };
}

function parseRows<T>(schema: z.ZodType<T>, rows: readonly unknown[]): T[] | number {
  const out = new Array<T>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const parsed = schema.safeParse(rows[i]);
    if (!parsed.success) return i;
    out[i] = parsed.data;
  }
  return out;
}

function parseDeclaration(payload: DeclarationSubmitPayload): CheckedDeclaration | number {
  switch (payload.type) {
    case 'addition': {
      const rows = parseRows(additionRowSchema, payload.rows);
      return typeof rows === 'number' ? rows : { kind: 'addition', rows };
    }
    case 'reduction': {
      const rows = parseRows(reductionRowSchema, payload.rows);
      return typeof rows === 'number' ? rows : { kind: 'reduction', rows };
    }
    case 'base': {
      const rows = parseRows(baseRowSchema, payload.rows);
      return typeof rows === 'number' ? rows : { kind: 'base', rows };
    }
    case 'monthly': {
      const rows = parseRows(monthlyRowSchema, payload.rows);
      return typeof rows === 'number' ? rows : { kind: 'monthly', rows };
    }
  }
}

function firstError(findings: readonly Finding[]): Finding | undefined {
  let first: Finding | undefined;
  for (const f of findings) {
    if (f.severity !== 'error') continue;
    if (rosterConflicts.has(f.code)) return f;
    first ??= f;
  }
  return first;
}

export function checkDeclaration(
  payload: DeclarationSubmitPayload,
  ctx: CheckContext,
): CheckOutcome {
  const lookup = ruleFor(ctx.tables, ctx.regionCode, payload.month);
  if (!lookup.ok) {
    const info = describeError('RULE_NOT_FOUND', { region: ctx.regionCode, month: payload.month });
    return invalid('MUTATION_INVALID', info.message);
  }
  if (payload.type !== 'monthly' && payload.rows.length === 0) {
    return invalid('MUTATION_INVALID', describeError('DECLARATION_EMPTY').message);
  }
  const declaration = parseDeclaration(payload);
  if (typeof declaration === 'number') {
    return invalid(
      'MUTATION_INVALID',
      describeError('ROW_FORMAT_INVALID', { row: declaration + 1 }).message,
    );
  }
  if (declaration.kind !== 'monthly') {
    // IDs are kept and compared in one form (ASCII, no spaces, upper-case X); a row still holding
    // text its field could not read is refused by the checks.
    for (const row of declaration.rows) row.documentNumber = canonicalId(row.documentNumber);
    const findings = checkDeclarationRows(declaration as Batch, {
      rule: lookup.rule,
      roster: ctx.roster,
      month: payload.month,
      today: ctx.today,
    });
    const error = firstError(findings);
    if (error) {
      const detail = describeError('ROW_FINDING', { row: error.row + 1, detail: error.message });
      return invalid(
        rosterConflicts.has(error.code) ? 'DECLARATION_CONFLICT' : 'MUTATION_INVALID',
        detail.message,
      );
    }
  }
  return { ok: true, declaration, rule: lookup.rule };
}
