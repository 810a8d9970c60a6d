// The outbox as the sync engine sees it: which mutations wait, in what batches they go, and how
// the service's per-mutation answers land — outbox row and declaration state in one transaction,
// so a crash leaves either both changed or neither (then the resend is answered idempotently).
import { randomUUID } from 'node:crypto';
import { describeError } from '../../../domain/errors';
import {
  ULID_PATTERN,
  declarationSubmitPayloadSchema,
  type Mutation,
  type MutationResult,
  type ServerDeclarationState,
} from '../../../domain/protocol/sync';
import type { DeclarationState } from '../../contract/views-sync';
import {
  all,
  clientIdDbRowSchema,
  countSchema,
  idDbRowSchema,
  one,
  outboxDbRowSchema,
  outboxStateDbRowSchema,
  type OutboxDbRow,
} from './row-schemas';
import type { Db } from './user-store';

export interface BatchLimits {
  maxMutations: number;
  maxBytes: number;
}

export interface PendingBatch {
  mutations: Mutation[];
  /** Outbox rows that could not even be read (corrupt payload): rejected locally, never sent. */
  unreadable: number;
}

export interface PushOutcome {
  accepted: number;
  rejected: number;
  /** Results for mutations that were no longer pending here (a late duplicate answer). */
  ignored: number;
}

/** Where a declaration stands locally once the service reports `state`. */
export function localStateOf(state: ServerDeclarationState): DeclarationState {
  return state === 'submitted' ? 'uploaded' : state;
}

export class OutboxTable {
  private readonly stmts;

  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.stmts = {
      clientId: db.prepare<[], unknown>('SELECT client_id FROM sync_client WHERE id = 1'),
      insertClientId: db.prepare<[string, string]>(
        'INSERT OR IGNORE INTO sync_client (id, client_id, created_at) VALUES (1, ?, ?)',
      ),
      pendingCount: db.prepare<[string], unknown>(
        "SELECT count(*) AS n FROM outbox WHERE unit_no = ? AND state = 'pending'",
      ),
      pending: db.prepare<[string, number], unknown>(
        `SELECT mutation_id, kind, payload_json, declaration_id FROM outbox
          WHERE unit_no = ? AND state = 'pending' ORDER BY created_at, mutation_id LIMIT ?`,
      ),
      outboxState: db.prepare<[string], unknown>(
        'SELECT state, declaration_id, unit_no FROM outbox WHERE mutation_id = ?',
      ),
      attempt: db.prepare<[string | null, string]>(
        "UPDATE outbox SET attempts = attempts + 1, last_error_code = ? WHERE mutation_id = ? AND state = 'pending'",
      ),
      ack: db.prepare<[string, string, string]>(
        "UPDATE outbox SET state = 'acked', acked_at = ?, result_json = ?, last_error_code = NULL WHERE mutation_id = ? AND state = 'pending'",
      ),
      reject: db.prepare<[string, string, string | null, string]>(
        "UPDATE outbox SET state = 'rejected', acked_at = ?, result_json = ?, last_error_code = ? WHERE mutation_id = ? AND state = 'pending'",
      ),
      // Only a declaration still waiting for its upload moves: a pull may already have moved it
      // further (review results), and a draft the user reopened is theirs.
      uploaded: db.prepare<[string, string, string, string], unknown>(
        "UPDATE declarations SET state = ?, server_result_json = ?, updated_at = ? WHERE id = ? AND state = 'queued' RETURNING id",
      ),
      rejectedDeclaration: db.prepare<[string, string, string, string], unknown>(
        "UPDATE declarations SET state = 'returned', return_reason = ?, server_result_json = ?, updated_at = ? WHERE id = ? AND state IN ('queued', 'uploaded') RETURNING id",
      ),
      event: db.prepare<[string, string, string, string, string | null]>(
        'INSERT INTO declaration_events (declaration_id, at, state, source, note) VALUES (?, ?, ?, ?, ?)',
      ),
    };
  }

  /** This installation's id for this user database, made once and kept. */
  clientId(): string {
    const row = one(clientIdDbRowSchema, this.stmts.clientId.get());
    if (row) return row.client_id;
    this.stmts.insertClientId.run(randomUUID(), this.now().toISOString());
    return one(clientIdDbRowSchema, this.stmts.clientId.get())!.client_id;
  }

  pendingCount(unitNo: string): number {
    return one(countSchema, this.stmts.pendingCount.get(unitNo))?.n ?? 0;
  }

  /**
   * The oldest pending mutations of the unit, up to the limits (always at least one, so a single
   * large declaration still goes). Rows that cannot be read are rejected here, not sent.
   */
  nextBatch(unitNo: string, limits: BatchLimits): PendingBatch {
    const rows = all(outboxDbRowSchema, this.stmts.pending.all(unitNo, limits.maxMutations));
    const mutations: Mutation[] = [];
    let bytes = 0;
    let unreadable = 0;
    for (const row of rows) {
      const mutation = readMutation(row);
      if (!mutation) {
        this.rejectLocally(row);
        unreadable++;
        continue;
      }
      const size = Buffer.byteLength(row.payload_json) + 80;
      if (mutations.length > 0 && bytes + size > limits.maxBytes) break;
      mutations.push(mutation);
      bytes += size;
    }
    return { mutations, unreadable };
  }

  /** Counts a failed send against each mutation (for support), without changing its state. */
  recordAttempt(mutationIds: readonly string[], errorCode: string | null): void {
    this.db.transaction(() => {
      for (const id of mutationIds) this.stmts.attempt.run(errorCode, id);
    })();
  }

  /** Applies the service's answers to one push, all in one transaction. */
  applyResults(results: readonly MutationResult[]): PushOutcome {
    const at = this.now().toISOString();
    const outcome: PushOutcome = { accepted: 0, rejected: 0, ignored: 0 };
    this.db.transaction(() => {
      for (const result of results) {
        const row = one(outboxStateDbRowSchema, this.stmts.outboxState.get(result.id));
        if (!row || row.state !== 'pending') {
          outcome.ignored++;
          continue;
        }
        const resultJson = JSON.stringify(result);
        if (result.status === 'accepted') {
          this.stmts.ack.run(at, resultJson, result.id);
          const state = localStateOf(result.declarationState ?? 'submitted');
          const serverResult = JSON.stringify({ status: 'accepted', at });
          const moved = one(
            idDbRowSchema,
            this.stmts.uploaded.get(state, serverResult, at, row.declaration_id),
          );
          if (moved) this.stmts.event.run(row.declaration_id, at, state, 'server', null);
          outcome.accepted++;
        } else {
          const code = result.code ?? 'MUTATION_INVALID';
          const message = result.message ?? code;
          this.stmts.reject.run(at, resultJson, code, result.id);
          const serverResult = JSON.stringify({ status: 'rejected', code, message, at });
          const moved = one(
            idDbRowSchema,
            this.stmts.rejectedDeclaration.get(message, serverResult, at, row.declaration_id),
          );
          if (moved) this.stmts.event.run(row.declaration_id, at, 'returned', 'server', message);
          outcome.rejected++;
        }
      }
    })();
    return outcome;
  }

  private rejectLocally(row: OutboxDbRow): void {
    this.applyResults([
      {
        id: row.mutation_id,
        status: 'rejected',
        code: 'SYNC_PAYLOAD_CORRUPT',
        message: describeError('SYNC_PAYLOAD_CORRUPT').message,
      },
    ]);
  }
}

function readMutation(row: OutboxDbRow): Mutation | null {
  if (row.kind !== 'declaration.submit' || !ULID_PATTERN.test(row.mutation_id)) return null;
  let payload: unknown;
  try {
    payload = JSON.parse(row.payload_json);
  } catch {
    return null;
  }
  const parsed = declarationSubmitPayloadSchema.safeParse(payload);
  if (!parsed.success) return null;
  return { id: row.mutation_id, kind: 'declaration.submit', payload: parsed.data };
}
