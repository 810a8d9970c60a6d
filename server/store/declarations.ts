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
      'SELECT result_json FROM applied_mutations WHERE client_id = ? AND mutation_id = ?',
    );
    this.insertApplied = db.prepare(
      `INSERT INTO applied_mutations (client_id, mutation_id, unit_no, result_json, applied_at)
       VALUES (?, ?, ?, ?, ?)`,
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

  appliedResult(clientId: string, mutationId: string): MutationResult | undefined {
    const row = this.selectApplied.get(clientId, mutationId) as { result_json: string } | undefined;
    return row ? mutationResultSchema.parse(JSON.parse(row.result_json)) : undefined;
  }

  /** In the same transaction as the mutation's effects: that is what makes a retry harmless. */
  recordApplied(
    clientId: string,
    mutationId: string,
    unitNo: string,
    result: MutationResult,
    now: number,
  ): void {
    this.insertApplied.run(clientId, mutationId, unitNo, JSON.stringify(result), now);
  }
}
