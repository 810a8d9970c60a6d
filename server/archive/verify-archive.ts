// Re-verifies the batch archive offline, from the data directory alone (and the trust store):
// each archived batch's bytes hash to its batch hash, carry its client and unit, and are signed
// for this service and unit by the key of the certificate kept with them, which chained to a
// trusted CA when the batch arrived; and each declaration the service holds is exactly what a
// mutation of an archived, signed batch carried. Any difference is listed, none is repaired.
import Database from 'better-sqlite3';
import { createHash, createPublicKey } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { declareSignedText } from '../../domain/protocol/auth';
import { canonicalJson } from '../../domain/protocol/canonical-json';
import { mutationSchema, type Mutation } from '../../domain/protocol/sync';
import { ServiceError } from '../errors';
import { TrustStore } from '../pki/trust-store';
import { parseCertificate, verifyCertificate } from '../pki/verify-certificate';
import { sm2KeyOf } from '../pki/sm2-x509';
import { allSignedDeclarations } from '../store/declarations';
import { verifyTokenSignature } from '../pki/verify-signature';
import { BatchArchive, type ArchivedBatch } from '../store/batch-archive';

export interface ArchiveReport {
  batches: number;
  declarations: number;
  /** One line per finding, naming the batch (archive seq) or declaration. */
  problems: string[];
  /** True when certificate chains were checked against a trust store. */
  chainsChecked: boolean;
}

const canonicalSchema = z.strictObject({
  clientId: z.string(),
  unitNo: z.string(),
  mutations: z.array(mutationSchema),
});

const sha256Hex = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

function signatureHolds(batch: ArchivedBatch): boolean {
  try {
    const text = declareSignedText(batch.origin, batch.unitNo, batch.batchHash);
    const sm2Key = sm2KeyOf(parseCertificate(batch.certificate));
    if (sm2Key) return verifyTokenSignature(sm2Key, 'sm2', text, batch.signature);
    const key = createPublicKey({
      key: Buffer.from(parseCertificate(batch.certificate).publicKey.rawData),
      format: 'der',
      type: 'spki',
    });
    const type = key.asymmetricKeyType;
    if (type !== 'rsa' && type !== 'ec') return false;
    return verifyTokenSignature(key, type, text, batch.signature);
  } catch {
    return false;
  }
}

async function chainProblem(batch: ArchivedBatch, trust: TrustStore): Promise<string | null> {
  try {
    // As it stood when the batch arrived; a revocation since does not undo a signature made before.
    await verifyCertificate(
      parseCertificate(batch.certificate),
      trust.current(),
      new Date(batch.receivedAt),
      { revocation: 'fail-open' },
    );
    return null;
  } catch (e) {
    if (e instanceof ServiceError) return e.code === 'CERT_REVOKED' ? null : e.code;
    return String(e);
  }
}

/** Member order aside (the archive holds canonical JSON, the declaration the JSON as sent). */
function sameJson(value: unknown, text: string): boolean {
  try {
    return canonicalJson(value) === canonicalJson(JSON.parse(text));
  } catch {
    return false;
  }
}

export async function verifyArchive(options: {
  dataDir: string;
  trustDir?: string;
}): Promise<ArchiveReport> {
  const file = join(options.dataDir, 'shebao-server.sqlite');
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const trustDir = options.trustDir ?? join(options.dataDir, 'trust');
    const trust = existsSync(trustDir) ? new TrustStore(trustDir) : null;
    const report: ArchiveReport = {
      batches: 0,
      declarations: 0,
      problems: [],
      chainsChecked: trust !== null,
    };
    const archive = new BatchArchive(db);
    /** Mutations of every sound batch: `${unit} ${batchHash}` → mutations by id. */
    const signed = new Map<string, { batch: ArchivedBatch; mutations: Map<string, Mutation> }>();

    for (const batch of archive.all()) {
      report.batches++;
      const where = `batch #${batch.seq} (unit ${batch.unitNo}, hash ${batch.batchHash.slice(0, 12)}…)`;
      const found: string[] = [];
      if (sha256Hex(batch.canonical) !== batch.batchHash)
        found.push('its bytes do not hash to its batch hash');
      let content: z.infer<typeof canonicalSchema> | null = null;
      try {
        content = canonicalSchema.parse(JSON.parse(batch.canonical.toString('utf8')));
      } catch {
        found.push('its bytes are not a batch');
      }
      if (content && (content.clientId !== batch.clientId || content.unitNo !== batch.unitNo))
        found.push('its bytes name another client or unit');
      if (!signatureHolds(batch)) found.push('the signature does not verify with its certificate');
      if (trust) {
        const chain = await chainProblem(batch, trust);
        if (chain) found.push(`its certificate did not pass when it arrived (${chain})`);
      }
      for (const f of found) report.problems.push(`${where}: ${f}`);
      if (found.length === 0 && content) {
        signed.set(`${batch.unitNo} ${batch.batchHash}`, {
          batch,
          mutations: new Map(content.mutations.map((m) => [m.id, m])),
        });
      }
    }

    for (const d of allSignedDeclarations(db)) {
      report.declarations++;
      const where = `declaration ${d.id} (unit ${d.unit_no})`;
      const source = signed.get(`${d.unit_no} ${d.batch_hash}`);
      if (!source) {
        report.problems.push(`${where}: no sound archived batch carries it`);
        continue;
      }
      const m = source.mutations.get(d.mutation_id);
      const same =
        m !== undefined &&
        source.batch.clientId === d.client_id &&
        m.payload.declarationId === d.id &&
        m.payload.type === d.type &&
        m.payload.month === d.month &&
        sameJson(m.payload.rows, d.rows_json) &&
        source.batch.signature.toString('base64') === d.signature &&
        sha256Hex(source.batch.certificate) === d.signer_cert_sha256;
      if (!same) report.problems.push(`${where}: differs from what its signed batch carried`);
    }
    return report;
  } finally {
    db.close();
  }
}
