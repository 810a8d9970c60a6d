// One signed push: hash the batch canonically, have the token sign the hash once, send it, and
// return the service's per-mutation answers.
import { createHash } from 'node:crypto';
import { declareSignedText } from '../../../domain/protocol/auth';
import {
  canonicalBatchBytes,
  pushResponseSchema,
  type Mutation,
  type MutationResult,
} from '../../../domain/protocol/sync';
import type { ServiceClient } from '../net/service-client';

/** What signing a batch needs from the logged-in U盾. */
export interface BatchSigner {
  readonly certificateDer: Uint8Array;
  sign(data: Buffer): Promise<Buffer>;
}

/** Lowercase hex SHA-256 of the batch's canonical JSON (RFC 8785) — what the signature covers. */
export function batchHash(
  clientId: string,
  unitNo: string,
  mutations: readonly Mutation[],
): string {
  return createHash('sha256')
    .update(canonicalBatchBytes(clientId, unitNo, mutations))
    .digest('hex');
}

export interface PushArgs {
  bearer: string;
  /** The origin the service puts in signed texts (from its challenge), not our base URL. */
  origin: string;
  unitNo: string;
  clientId: string;
  mutations: readonly Mutation[];
  signer: BatchSigner;
  timeoutMs: number;
}

export function mutationsPath(unitNo: string): string {
  return `/v1/units/${encodeURIComponent(unitNo)}/mutations`;
}

export async function pushBatch(client: ServiceClient, args: PushArgs): Promise<MutationResult[]> {
  const hash = batchHash(args.clientId, args.unitNo, args.mutations);
  const signature = await args.signer.sign(
    Buffer.from(declareSignedText(args.origin, args.unitNo, hash), 'utf8'),
  );
  const response = await client.request(mutationsPath(args.unitNo), pushResponseSchema, {
    method: 'POST',
    bearer: args.bearer,
    timeoutMs: args.timeoutMs,
    body: {
      clientId: args.clientId,
      mutations: args.mutations,
      batchHash: hash,
      signature: signature.toString('base64'),
      certificate: Buffer.from(args.signer.certificateDer).toString('base64'),
    },
  });
  // Only answers to what we sent count; a mutation without an answer stays pending and is resent.
  const sent = new Set(args.mutations.map((m) => m.id));
  return response.results.filter((r) => sent.has(r.id));
}
