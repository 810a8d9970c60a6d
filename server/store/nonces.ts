// Login challenges. A nonce is spent by the first login that names it, whatever happens next.
import type { ErrorCode } from '../../domain/error-catalogue';
import type { Db } from './database';

export type NonceSpendResult = { ok: true; origin: string } | { ok: false; code: ErrorCode };

/** Spent nonces are kept this long past expiry so a late replay still reads as a replay. */
const KEEP_AFTER_EXPIRY_MS = 24 * 60 * 60 * 1000;

export class NonceStore {
  constructor(private readonly db: Db) {}

  issue(nonce: string, origin: string, issuedAt: number, expiresAt: number): void {
    this.db
      .prepare('INSERT INTO nonces (nonce, origin, issued_at, expires_at) VALUES (?, ?, ?, ?)')
      .run(nonce, origin, issuedAt, expiresAt);
    this.db.prepare('DELETE FROM nonces WHERE expires_at < ?').run(issuedAt - KEEP_AFTER_EXPIRY_MS);
  }

  /**
   * Marks the nonce used before anything else about the login is checked, in one transaction,
   * so two racing requests cannot both pass and a failed try cannot be retried.
   */
  spend(nonce: string, now: number): NonceSpendResult {
    return this.db
      .transaction((): NonceSpendResult => {
        const row = this.db
          .prepare('SELECT origin, expires_at, used_at FROM nonces WHERE nonce = ?')
          .get(nonce) as { origin: string; expires_at: number; used_at: number | null } | undefined;
        if (!row) return { ok: false, code: 'NONCE_UNKNOWN' };
        if (row.used_at !== null) return { ok: false, code: 'NONCE_REUSED' };
        this.db.prepare('UPDATE nonces SET used_at = ? WHERE nonce = ?').run(now, nonce);
        if (now > row.expires_at) return { ok: false, code: 'NONCE_EXPIRED' };
        return { ok: true, origin: row.origin };
      })
      .immediate();
  }
}
