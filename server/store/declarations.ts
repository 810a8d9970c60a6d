// Submitted declarations and the record of applied mutations (the idempotency of a push).
import {
  mutationResultSchema,
  serverDeclarationStateSchema,
  type DeclarationType,
  type MutationResult,
  type ServerDeclarationState,
} from '../../domain/protocol/sync';
import type { Db } from './database';

export interface StoredDeclaration {
  id: string;
  unitNo: string;
  type: DeclarationType;
  month: string;
  state: ServerDeclarationState;
  returnReason: string | null;
  rowsJson: string;
  rowCount: number;
}

export interface SubmissionRecord {
  id: string;
  unitNo: string;
  type: DeclarationType;
  month: string;
  rowsJson: string;
  rowCount: number;
  clientId: string;
  mutationId: string;
  signerCertSha256: string;
  batchHash: string;
  signature: string;
}

/** Everything a mutation id is bound to once applied. */
export interface MutationKey {
  clientId: string;
  mutationId: string;
  unitNo: string;
  /** 'person:<resident ID>' or 'unit:<USCC>': the signer, whichever certificate they used. */
  signer: string;
  /** Lowercase hex SHA-256 of the mutation's canonical JSON. */
  mutationSha256: string;
}

interface AppliedRow {
  client_id: string;
  unit_no: string;
  signer: string | null;
  mutation_sha256: string | null;
  result_json: string;
}

interface DeclarationRow {
  id: string;
  unit_no: string;
  type: DeclarationType;
  month: string;
  state: string;
  return_reason: string | null;
  rows_json: string;
  row_count: number;
}

const toDeclaration = (row: DeclarationRow): StoredDeclaration => ({
  id: row.id,
  unitNo: row.unit_no,
  type: row.type,
  month: row.month,
  state: serverDeclarationStateSchema.parse(row.state),
  returnReason: row.return_reason,
  rowsJson: row.rows_json,
  rowCount: row.row_count,
});

export class DeclarationStore {
  private readonly selectOne;
  private readonly upsertSubmission;
  private readonly updateState;
  private readonly selectOpen;
  private readonly selectApplied;
  private readonly insertApplied;

  constructor(db: Db) {
    this.selectOne = db.prepare(
      'SELECT id, unit_no, type, month, state, return_reason, rows_json, row_count FROM declarations WHERE id = ?',
    );
    // A returned declaration may be fixed and submitted again under the same id.
    this.upsertSubmission = db.prepare(
      `INSERT INTO declarations (id, unit_no, type, month, state, return_reason, rows_json, row_count,
         client_id, mutation_id, signer_cert_sha256, batch_hash, signature, submitted_at, updated_at)
       VALUES (@id, @unitNo, @type, @month, 'submitted', NULL, @rowsJson, @rowCount,
         @clientId, @mutationId, @signerCertSha256, @batchHash, @signature, @now, @now)
       ON CONFLICT (id) DO UPDATE SET type = excluded.type, month = excluded.month,
         state = 'submitted', return_reason = NULL, rows_json = excluded.rows_json,
         row_count = excluded.row_count, client_id = excluded.client_id,
         mutation_id = excluded.mutation_id, signer_cert_sha256 = excluded.signer_cert_sha256,
         batch_hash = excluded.batch_hash, signature = excluded.signature,
         submitted_at = excluded.submitted_at, updated_at = excluded.updated_at`,
    );
    this.updateState = db.prepare(
      'UPDATE declarations SET state = ?, return_reason = ?, updated_at = ? WHERE id = ?',
    );
    this.selectOpen = db.prepare(
      "SELECT id FROM declarations WHERE state IN ('submitted', 'reviewing') ORDER BY submitted_at, id",
    );
    this.selectApplied = db.prepare(
      `SELECT client_id, unit_no, signer, mutation_sha256, result_json
       FROM applied_mutations WHERE mutation_id = ?`,
    );
    this.insertApplied = db.prepare(
      `INSERT INTO applied_mutations
         (client_id, mutation_id, unit_no, signer, mutation_sha256, result_json, applied_at)
       VALUES (@clientId, @mutationId, @unitNo, @signer, @mutationSha256, @resultJson, @now)`,
    );
  }

  find(id: string): StoredDeclaration | undefined {
    const row = this.selectOne.get(id) as DeclarationRow | undefined;
    return row && toDeclaration(row);
  }

  submit(record: SubmissionRecord, now: number): void {
    this.upsertSubmission.run({ ...record, now });
  }

  setState(id: string, state: ServerDeclarationState, reason: string | null, now: number): void {
    this.updateState.run(state, reason, now, id);
  }

  /** Declarations still waiting for a decision, oldest first (auto-review after a restart). */
  openIds(): string[] {
    return (this.selectOpen.all() as { id: string }[]).map((r) => r.id);
  }

  /**
   * What an earlier push did with this mutation id: its result when everything the id is bound
   * to is the same, 'conflict' when the id was used for something else (and nothing about that),
   * undefined when the id is new.
   */
  appliedResult(key: MutationKey): MutationResult | 'conflict' | undefined {
    const rows = this.selectApplied.all(key.mutationId) as AppliedRow[];
    if (rows.length === 0) return undefined;
    const same = rows.find(
      (r) =>
        r.client_id === key.clientId &&
        r.unit_no === key.unitNo &&
        (r.signer === null || r.signer === key.signer) &&
        (r.mutation_sha256 === null || r.mutation_sha256 === key.mutationSha256),
    );
    return same ? mutationResultSchema.parse(JSON.parse(same.result_json)) : 'conflict';
  }

  /** In the same transaction as the mutation's effects: that is what makes a retry harmless. */
  recordApplied(key: MutationKey, result: MutationResult, now: number): void {
    this.insertApplied.run({ ...key, resultJson: JSON.stringify(result), now });
  }
}

/** A declaration as stored, with the signature that brought it: what the archive check compares. */
export interface SignedDeclarationRow {
  id: string;
  unit_no: string;
  type: string;
  month: string;
  rows_json: string;
  client_id: string;
  mutation_id: string;
  signer_cert_sha256: string;
  batch_hash: string;
  signature: string;
}

/** Every declaration in id order, read lazily (the archive check walks all of them once). */
export function allSignedDeclarations(db: Db): IterableIterator<SignedDeclarationRow> {
  return db
    .prepare(
      `SELECT id, unit_no, type, month, rows_json, client_id, mutation_id, signer_cert_sha256,
         batch_hash, signature FROM declarations ORDER BY id`,
    )
    .iterate() as IterableIterator<SignedDeclarationRow>;
}

/** What a 回执 needs of one accepted declaration: its place in the table, state and signature. */
export function receiptLookup(db: Db): (unitNo: string, id: string) => unknown {
  const select = db.prepare(
    `SELECT rowid AS seq, id, unit_no, state, signer_cert_sha256, batch_hash, submitted_at
       FROM declarations WHERE unit_no = ? AND id = ?`,
  );
  return (unitNo, id) => select.get(unitNo, id);
}
