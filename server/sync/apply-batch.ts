// Applies a verified batch, one transaction for all of it: each mutation's effects (declaration,
// change-feed entry) and its result in applied_mutations are written together, so a retried push
// finds the first result and nothing is ever applied twice.
import { createHash } from 'node:crypto';
import { indexRoster, type RosterIndex } from '../../domain/declarations/roster';
import { describeError } from '../../domain/errors';
import type { RegionTable } from '../../domain/insurance/region-table';
import { canonicalJson } from '../../domain/protocol/canonical-json';
import {
  canonicalBatchBytes,
  type Mutation,
  type MutationResult,
} from '../../domain/protocol/sync';
import type { BatchArchive } from '../store/batch-archive';
import type { ChangeFeed } from '../store/change-feed';
import type { Db } from '../store/database';
import type { DeclarationStore, MutationKey } from '../store/declarations';
import type { RosterStore } from '../store/roster';
import { checkDeclaration } from './check-declaration';

export interface ApplyDeps {
  db: Db;
  archive: BatchArchive;
  declarations: DeclarationStore;
  roster: RosterStore;
  feed: ChangeFeed;
  tables: readonly RegionTable[];
}

export interface BatchToApply {
  clientId: string;
  unitNo: string;
  regionCode: string;
  mutations: readonly Mutation[];
  signerCertSha256: string;
  /** Who signed ('person:<resident ID>' / 'unit:<USCC>'): part of each mutation's idempotency key. */
  signer: string;
  batchHash: string;
  /** Base64, as sent. */
  signature: string;
  /** The signer's certificate (DER) and the origin the signed text named: kept in the archive. */
  certificate: Buffer;
  origin: string;
  now: Date;
  /** The service's today, YYYY-MM-DD. */
  today: string;
}

export interface AppliedBatch {
  results: MutationResult[];
  /** Declarations this push accepted (for the auto-reviewer, after the commit). */
  accepted: string[];
}

function rejected(
  id: string,
  code: MutationResult['code'] & string,
  message: string,
): MutationResult {
  return { id, status: 'rejected', code, message };
}

export function applyBatch(deps: ApplyDeps, batch: BatchToApply): AppliedBatch {
  const { db, declarations, feed } = deps;
  const nowMs = batch.now.getTime();
  const at = batch.now.toISOString();
  return db.transaction((): AppliedBatch => {
    // Kept with what it applies, so no effect exists without the signed batch behind it.
    deps.archive.keep({
      unitNo: batch.unitNo,
      clientId: batch.clientId,
      origin: batch.origin,
      batchHash: batch.batchHash,
      canonical: Buffer.from(canonicalBatchBytes(batch.clientId, batch.unitNo, batch.mutations)),
      signature: Buffer.from(batch.signature, 'base64'),
      certificate: batch.certificate,
      signer: batch.signer,
      receivedAt: nowMs,
    });
    const results: MutationResult[] = [];
    const accepted: string[] = [];
    // Submissions do not change the roster, so one index serves the whole batch.
    let roster: RosterIndex | undefined;
    for (const mutation of batch.mutations) {
      const key: MutationKey = {
        clientId: batch.clientId,
        mutationId: mutation.id,
        unitNo: batch.unitNo,
        signer: batch.signer,
        mutationSha256: createHash('sha256').update(canonicalJson(mutation), 'utf8').digest('hex'),
      };
      const first = declarations.appliedResult(key);
      if (first === 'conflict') {
        // Another unit, signer or payload under a known id: refused, and not a word about the first.
        const { message } = describeError('MUTATION_ID_CONFLICT');
        results.push(rejected(mutation.id, 'MUTATION_ID_CONFLICT', message));
        continue;
      }
      if (first) {
        results.push({ ...first, duplicate: true });
        continue;
      }
      const result = applyOne(mutation);
      declarations.recordApplied(key, result, nowMs);
      results.push(result);
    }
    return { results, accepted };

    function applyOne(mutation: Mutation): MutationResult {
      const { payload } = mutation;
      const existing = declarations.find(payload.declarationId);
      // Only a returned declaration may come again (fixed); one under review may not change.
      if (existing && (existing.unitNo !== batch.unitNo || existing.state !== 'returned')) {
        return rejected(
          mutation.id,
          'DECLARATION_ALREADY_SUBMITTED',
          describeError('DECLARATION_ALREADY_SUBMITTED').message,
        );
      }
      roster ??= indexRoster(deps.roster.all(batch.unitNo));
      const check = checkDeclaration(payload, {
        tables: deps.tables,
        regionCode: batch.regionCode,
        roster,
        today: batch.today,
      });
      if (!check.ok) return rejected(mutation.id, check.code, check.message);
      declarations.submit(
        {
          id: payload.declarationId,
          unitNo: batch.unitNo,
          type: payload.type,
          month: payload.month,
          rowsJson: JSON.stringify(payload.rows),
          rowCount: payload.rows.length,
          clientId: batch.clientId,
          mutationId: mutation.id,
          signerCertSha256: batch.signerCertSha256,
          batchHash: batch.batchHash,
          signature: batch.signature,
        },
        nowMs,
      );
      feed.append(
        batch.unitNo,
        { type: 'declaration.state', declarationId: payload.declarationId, state: 'submitted', at },
        nowMs,
      );
      accepted.push(payload.declarationId);
      return { id: mutation.id, status: 'accepted', declarationState: 'submitted' };
    }
  })();
}
