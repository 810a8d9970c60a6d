// Which draft rows a roster change made at the counter contradicts. A draft is never changed to
// fit: its rows are marked and the person chooses (keep or discard) — see store/records.ts.
import type { ErrorCode } from '../../../domain/error-catalogue';
import { describeError } from '../../../domain/errors';
import { personKey } from '../../../domain/declarations/roster';
import type { ConflictItem, DeclarationKind } from '../../contract/views-sync';

export interface RosterFact {
  name: string;
  status: 'insured' | 'stopped';
}

/** The code of the conflict between a draft row of `kind` and the person's roster status, if any. */
export function conflictCode(
  kind: DeclarationKind,
  status: RosterFact['status'],
): ErrorCode | null {
  if (kind === 'reduction' && status === 'stopped') return 'CONFLICT_ALREADY_STOPPED';
  if (kind === 'addition' && status === 'insured') return 'CONFLICT_ALREADY_INSURED';
  if (kind === 'base' && status === 'stopped') return 'CONFLICT_NOT_INSURED';
  return null;
}

export interface DraftRow {
  rowNo: number;
  data: unknown;
}

/**
 * The conflict items of one draft's rows against the changed people (keyed by personKey).
 * Rows whose person did not change are not looked at.
 */
export function findConflicts(
  kind: DeclarationKind,
  rows: readonly DraftRow[],
  changed: ReadonlyMap<string, RosterFact>,
  detectedAt: string,
): ConflictItem[] {
  const items: ConflictItem[] = [];
  for (const row of rows) {
    const documentNumber = documentNumberOf(row.data);
    if (!documentNumber) continue;
    const fact = changed.get(personKey(documentNumber));
    if (!fact) continue;
    const code = conflictCode(kind, fact.status);
    if (!code) continue;
    const name = nameOf(row.data) || fact.name;
    items.push({
      rowNo: row.rowNo,
      documentNumber,
      name,
      rosterStatus: fact.status,
      code,
      message: describeError(code, { name }).message,
      detectedAt,
    });
  }
  return items;
}

/** Newer items replace older ones for the same row; items of rows that no longer conflict stay. */
export function mergeConflicts(
  existing: readonly ConflictItem[],
  found: readonly ConflictItem[],
): ConflictItem[] {
  const byRow = new Map<number, ConflictItem>();
  for (const item of existing) byRow.set(item.rowNo, item);
  for (const item of found) byRow.set(item.rowNo, item);
  return [...byRow.values()].sort((a, b) => a.rowNo - b.rowNo);
}

function documentNumberOf(data: unknown): string {
  if (data && typeof data === 'object' && 'documentNumber' in data) {
    const value = (data as { documentNumber: unknown }).documentNumber;
    return typeof value === 'string' ? value.trim() : '';
  }
  return '';
}

function nameOf(data: unknown): string {
  if (data && typeof data === 'object' && 'name' in data) {
    const value = (data as { name: unknown }).name;
    return typeof value === 'string' ? value.trim() : '';
  }
  return '';
}
