// The archive of signed batches (non-repudiation): written in the transaction that applies a
// batch, read back by the offline verifier.
import { z } from 'zod';
import type { Db } from './database';

export interface ArchivedBatch {
  seq: number;
  unitNo: string;
  clientId: string;
  origin: string;
  batchHash: string;
  /** The UTF-8 canonical JSON the batch hash covers. */
  canonical: Buffer;
  signature: Buffer;
  /** DER. */
  certificate: Buffer;
  /** 'person:<resident ID>' or 'unit:<USCC>'. */
  signer: string;
  receivedAt: number;
}

const rowSchema = z.object({
  seq: z.number().int(),
  unit_no: z.string(),
  client_id: z.string(),
  origin: z.string(),
  batch_hash: z.string(),
  canonical: z.instanceof(Buffer),
  signature: z.instanceof(Buffer),
  certificate: z.instanceof(Buffer),
  signer: z.string(),
  received_at: z.number().int(),
});

const toBatch = (row: unknown): ArchivedBatch => {
  const r = rowSchema.parse(row);
  return {
    seq: r.seq,
    unitNo: r.unit_no,
    clientId: r.client_id,
    origin: r.origin,
    batchHash: r.batch_hash,
    canonical: r.canonical,
    signature: r.signature,
    certificate: r.certificate,
    signer: r.signer,
    receivedAt: r.received_at,
  };
};

export class BatchArchive {
  constructor(private readonly db: Db) {}

  /** Keeps a batch once: a retry of the same signed batch adds nothing. */
  keep(batch: Omit<ArchivedBatch, 'seq'>): void {
    this.db
      .prepare(
        `INSERT INTO batch_archive (unit_no, client_id, origin, batch_hash, canonical, signature,
           certificate, signer, received_at)
         VALUES (@unitNo, @clientId, @origin, @batchHash, @canonical, @signature, @certificate,
           @signer, @receivedAt)
         ON CONFLICT (unit_no, batch_hash) DO NOTHING`,
      )
      .run(batch);
  }

  /** Every archived batch, oldest first, one at a time (the archive can be large). */
  *all(): Generator<ArchivedBatch> {
    for (const row of this.db.prepare('SELECT * FROM batch_archive ORDER BY seq').iterate())
      yield toBatch(row);
  }

  find(unitNo: string, batchHash: string): ArchivedBatch | undefined {
    const row: unknown = this.db
      .prepare('SELECT * FROM batch_archive WHERE unit_no = ? AND batch_hash = ?')
      .get(unitNo, batchHash);
    return row === undefined ? undefined : toBatch(row);
  }
}
