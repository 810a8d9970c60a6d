// Login sessions. The client holds an opaque random token; the database holds its SHA-256.
import { createHash, randomBytes } from 'node:crypto';
import type { ErrorCode } from '../../domain/error-catalogue';
import type { Db } from './database';

export type SessionSubject =
  { kind: 'person'; residentId: string } | { kind: 'unit'; uscc: string };

/** How the session was opened; only 'cert' sessions hold a certificate that can sign. */
export type SessionMethod = 'cert' | 'password' | 'qr';

export interface Session {
  subject: SessionSubject;
  /** Empty for password and QR sessions. */
  certSha256: string;
  method: SessionMethod;
  createdAt: number;
  expiresAt: number;
}

export type SessionLookup =
  { ok: true; session: Session; tokenHash: string } | { ok: false; code: ErrorCode };

interface SessionRow {
  subject_kind: 'person' | 'unit';
  subject_id: string;
  cert_sha256: string;
  method: SessionMethod;
  created_at: number;
  expires_at: number;
  ended_at: number | null;
}

const hashToken = (token: string): string =>
  createHash('sha256').update(token, 'utf8').digest('hex');

export class SessionStore {
  constructor(private readonly db: Db) {}

  create(
    subject: SessionSubject,
    certSha256: string,
    now: number,
    ttlMs: number,
    method: SessionMethod = 'cert',
  ): { token: string; expiresAt: number } {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = now + ttlMs;
    this.db
      .prepare(
        `INSERT INTO sessions (token_hash, subject_kind, subject_id, cert_sha256, created_at, expires_at, method)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        hashToken(token),
        subject.kind,
        subject.kind === 'person' ? subject.residentId : subject.uscc,
        certSha256,
        now,
        expiresAt,
        method,
      );
    // Old sessions are of no further use; keep the table small.
    this.db.prepare('DELETE FROM sessions WHERE expires_at < ?').run(now - 24 * 60 * 60 * 1000);
    return { token, expiresAt };
  }

  lookup(token: string, now: number): SessionLookup {
    const tokenHash = hashToken(token);
    const row = this.db
      .prepare(
        'SELECT subject_kind, subject_id, cert_sha256, method, created_at, expires_at, ended_at FROM sessions WHERE token_hash = ?',
      )
      .get(tokenHash) as SessionRow | undefined;
    if (!row || row.ended_at !== null) return { ok: false, code: 'SESSION_INVALID' };
    if (now >= row.expires_at) return { ok: false, code: 'SESSION_EXPIRED' };
    const subject: SessionSubject =
      row.subject_kind === 'person'
        ? { kind: 'person', residentId: row.subject_id }
        : { kind: 'unit', uscc: row.subject_id };
    return {
      ok: true,
      tokenHash,
      session: {
        subject,
        certSha256: row.cert_sha256,
        method: row.method,
        createdAt: row.created_at,
        expiresAt: row.expires_at,
      },
    };
  }

  end(tokenHash: string, now: number): void {
    this.db
      .prepare('UPDATE sessions SET ended_at = ? WHERE token_hash = ? AND ended_at IS NULL')
      .run(now, tokenHash);
  }
}
