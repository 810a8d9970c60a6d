// The audit log's SQL: entries appended in one chain, each hashed over its own fields and the
// hash before it. The newest (seq, hash) is also kept outside the database, in a small anchor
// file beside it, so deleting the newest entries (which leaves a valid but shorter chain) is found
// too. The anchor may lag the database after a crash (it is written after the commit), never lead.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { auditActionSchema } from '../../contract/views-trust';
import { writeFileDurably } from './key-vault';
import type { Db } from './sqlcipher';

export const auditActions = auditActionSchema.options;
export type AuditAction = (typeof auditActions)[number];
export type AuditResult = 'ok' | 'failed';

export interface AuditFields {
  at: string;
  action: AuditAction;
  person: string;
  unitNo: string;
  unitName: string;
  result: AuditResult;
  detail: string;
}

export interface AuditEntry extends AuditFields {
  seq: number;
}

export type ChainCheck =
  | { ok: true; entries: number }
  | { ok: false; entries: number; brokenAt: number; reason: 'edited' | 'deleted' | 'truncated' };

const GENESIS = '0'.repeat(64);
export const AUDIT_ANCHOR_FILE = 'audit-anchor.json';

const rowSchema = z.object({
  seq: z.number().int().min(1),
  at: z.string(),
  action: z.enum(auditActions),
  person: z.string(),
  unit_no: z.string(),
  unit_name: z.string(),
  result: z.enum(['ok', 'failed']),
  detail: z.string(),
  prev_hash: z.string(),
  hash: z.string(),
});
type Row = z.infer<typeof rowSchema>;

const anchorSchema = z.object({ seq: z.number().int().min(0), hash: z.string() });

function entryOf(row: Row): AuditEntry {
  return {
    seq: row.seq,
    at: row.at,
    action: row.action,
    person: row.person,
    unitNo: row.unit_no,
    unitName: row.unit_name,
    result: row.result,
    detail: row.detail,
  };
}

/** The hash of one entry: its fields in a fixed order, and the hash before it. */
export function entryHash(entry: AuditEntry, prevHash: string): string {
  const body = JSON.stringify([
    entry.seq,
    entry.at,
    entry.action,
    entry.person,
    entry.unitNo,
    entry.unitName,
    entry.result,
    entry.detail,
    prevHash,
  ]);
  return createHash('sha256').update(body).digest('hex');
}

export interface AuditFilter {
  action?: AuditAction | undefined;
  result?: AuditResult | undefined;
  /** Inclusive dates, YYYY-MM-DD, compared with the entry's local date. */
  from?: string | undefined;
  to?: string | undefined;
}

export class AuditLogStore {
  constructor(
    private readonly db: Db,
    /** The folder of the person's database, where the anchor file lives. */
    private readonly dir: string,
  ) {}

  append(fields: AuditFields): AuditEntry {
    const entry = this.db.transaction(() => {
      const last = this.db
        .prepare<[], { seq: number; hash: string }>(
          'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1',
        )
        .get();
      const e: AuditEntry = { ...fields, seq: (last?.seq ?? 0) + 1 };
      const prev = last?.hash ?? GENESIS;
      const hash = entryHash(e, prev);
      this.db
        .prepare(
          `INSERT INTO audit_log (seq, at, action, person, unit_no, unit_name, result, detail,
             prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(e.seq, e.at, e.action, e.person, e.unitNo, e.unitName, e.result, e.detail, prev, hash);
      return { entry: e, hash };
    })();
    this.writeAnchor(entry.entry.seq, entry.hash);
    return entry.entry;
  }

  /** Newest first, filtered; `total` counts all that match. */
  list(
    filter: AuditFilter,
    offset: number,
    limit: number,
  ): { entries: AuditEntry[]; total: number } {
    const where: string[] = [];
    const params: string[] = [];
    if (filter.action) {
      where.push('action = ?');
      params.push(filter.action);
    }
    if (filter.result) {
      where.push('result = ?');
      params.push(filter.result);
    }
    if (filter.from) {
      where.push('substr(at, 1, 10) >= ?');
      params.push(filter.from);
    }
    if (filter.to) {
      where.push('substr(at, 1, 10) <= ?');
      params.push(filter.to);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = this.db
      .prepare<string[], { n: number }>(`SELECT count(*) AS n FROM audit_log ${clause}`)
      .get(...params)!.n;
    const rows = this.db
      .prepare<string[], unknown>(
        `SELECT * FROM audit_log ${clause} ORDER BY seq DESC LIMIT ${Math.trunc(limit)} OFFSET ${Math.trunc(offset)}`,
      )
      .all(...params);
    return { entries: rows.map((r) => entryOf(rowSchema.parse(r))), total };
  }

  /** Walks the whole chain from the first entry; says where it breaks and how. */
  verify(): ChainCheck {
    const rows = this.db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate();
    let prev = GENESIS;
    let expectedSeq = 1;
    let count = 0;
    for (const raw of rows) {
      const parsed = rowSchema.safeParse(raw);
      if (!parsed.success)
        return { ok: false, entries: count, brokenAt: expectedSeq, reason: 'edited' };
      const row = parsed.data;
      if (row.seq !== expectedSeq || row.prev_hash !== prev) {
        return { ok: false, entries: count, brokenAt: expectedSeq, reason: 'deleted' };
      }
      if (entryHash(entryOf(row), prev) !== row.hash) {
        return { ok: false, entries: count, brokenAt: row.seq, reason: 'edited' };
      }
      prev = row.hash;
      expectedSeq++;
      count++;
    }
    const anchor = this.readAnchor();
    if (anchor && anchor.seq > count) {
      return { ok: false, entries: count, brokenAt: count + 1, reason: 'truncated' };
    }
    if (anchor && anchor.seq > 0) {
      const at = this.db
        .prepare<[number], { hash: string }>('SELECT hash FROM audit_log WHERE seq = ?')
        .get(anchor.seq);
      if (at?.hash !== anchor.hash) {
        return { ok: false, entries: count, brokenAt: anchor.seq, reason: 'edited' };
      }
    }
    return { ok: true, entries: count };
  }

  /** Writes the anchor for the database as it is now (after a restore brought another one). */
  reanchor(): void {
    const last = this.db
      .prepare<[], { seq: number; hash: string }>(
        'SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1',
      )
      .get();
    this.writeAnchor(last?.seq ?? 0, last?.hash ?? GENESIS);
  }

  private writeAnchor(seq: number, hash: string): void {
    writeFileDurably(join(this.dir, AUDIT_ANCHOR_FILE), JSON.stringify({ seq, hash }));
  }

  private readAnchor(): z.infer<typeof anchorSchema> | null {
    try {
      return anchorSchema.parse(
        JSON.parse(readFileSync(join(this.dir, AUDIT_ANCHOR_FILE), 'utf8')),
      );
    } catch {
      return null;
    }
  }
}
