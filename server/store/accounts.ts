// Password accounts, consecutive login failures and lock-out, captchas and SMS codes.
import { randomInt } from 'node:crypto';
import type { SmsPurpose } from '../../domain/protocol/accounts';
import type { Db } from './database';

export interface AccountRecord {
  account: string;
  kind: 'person' | 'unit';
  passwordHash: string;
  mustChange: boolean;
  mobile: string;
  agentResidentId: string | null;
  agentName: string | null;
  legalName: string | null;
  legalResidentId: string | null;
}

interface AccountRow {
  account: string;
  kind: 'person' | 'unit';
  password_hash: string;
  must_change: number;
  mobile: string;
  agent_resident_id: string | null;
  agent_name: string | null;
  legal_name: string | null;
  legal_resident_id: string | null;
}

export type SmsCheck =
  | { ok: true }
  | { ok: false; code: 'SMS_CODE_INVALID'; left: number }
  | { ok: false; code: 'SMS_CODE_EXPIRED' };

export class AccountStore {
  constructor(private readonly db: Db) {}

  find(account: string): AccountRecord | undefined {
    const row = this.db.prepare('SELECT * FROM accounts WHERE account = ?').get(account) as
      AccountRow | undefined;
    if (!row) return undefined;
    return {
      account: row.account,
      kind: row.kind,
      passwordHash: row.password_hash,
      mustChange: row.must_change === 1,
      mobile: row.mobile,
      agentResidentId: row.agent_resident_id,
      agentName: row.agent_name,
      legalName: row.legal_name,
      legalResidentId: row.legal_resident_id,
    };
  }

  create(record: AccountRecord, now: number): void {
    this.db
      .prepare(
        `INSERT INTO accounts (account, kind, password_hash, must_change, mobile, agent_resident_id,
           agent_name, legal_name, legal_resident_id, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        record.account,
        record.kind,
        record.passwordHash,
        record.mustChange ? 1 : 0,
        record.mobile,
        record.agentResidentId,
        record.agentName,
        record.legalName,
        record.legalResidentId,
        now,
        now,
      );
  }

  setPassword(account: string, passwordHash: string, mustChange: boolean, now: number): void {
    this.db
      .prepare(
        'UPDATE accounts SET password_hash = ?, must_change = ?, updated_at = ? WHERE account = ?',
      )
      .run(passwordHash, mustChange ? 1 : 0, now, account);
  }

  // --- lock-out ---

  /** The unlock time when the account is locked now; an expired lock is forgotten. */
  lockedUntil(account: string, now: number): number | null {
    const row = this.db
      .prepare('SELECT locked_until FROM login_failures WHERE account = ?')
      .get(account) as { locked_until: number | null } | undefined;
    if (!row || row.locked_until === null) return null;
    if (row.locked_until > now) return row.locked_until;
    this.clearFailures(account);
    return null;
  }

  /** Counts one more wrong password in a row; locks at `max` and says until when. */
  recordFailure(
    account: string,
    now: number,
    max: number,
    lockMs: number,
  ): { failures: number; lockedUntil: number | null } {
    return this.db.transaction(() => {
      const row = this.db
        .prepare('SELECT failures FROM login_failures WHERE account = ?')
        .get(account) as { failures: number } | undefined;
      const failures = (row?.failures ?? 0) + 1;
      const lockedUntil = failures >= max ? now + lockMs : null;
      this.db
        .prepare(
          `INSERT INTO login_failures (account, failures, locked_until) VALUES (?, ?, ?)
           ON CONFLICT (account) DO UPDATE SET failures = excluded.failures,
             locked_until = excluded.locked_until`,
        )
        .run(account, failures, lockedUntil);
      return { failures, lockedUntil };
    })();
  }

  clearFailures(account: string): void {
    this.db.prepare('DELETE FROM login_failures WHERE account = ?').run(account);
  }

  // --- captchas ---

  issueCaptcha(captchaId: string, answer: string, expiresAt: number, now: number): void {
    this.db.prepare('DELETE FROM captchas WHERE expires_at < ?').run(now - 60 * 60 * 1000);
    this.db
      .prepare('INSERT INTO captchas (captcha_id, answer, expires_at) VALUES (?, ?, ?)')
      .run(captchaId, answer, expiresAt);
  }

  /** Single use: any try spends the captcha, right or wrong. */
  spendCaptcha(captchaId: string, answer: string, now: number): boolean {
    return this.db.transaction(() => {
      const row = this.db
        .prepare('SELECT answer, expires_at, used_at FROM captchas WHERE captcha_id = ?')
        .get(captchaId) as
        { answer: string; expires_at: number; used_at: number | null } | undefined;
      if (!row || row.used_at !== null) return false;
      this.db.prepare('UPDATE captchas SET used_at = ? WHERE captcha_id = ?').run(now, captchaId);
      return now < row.expires_at && row.answer.toUpperCase() === answer.trim().toUpperCase();
    })();
  }

  // --- SMS codes ---

  /** Milliseconds until this number may be sent another code; 0 when it may now. */
  smsWaitMs(mobile: string, now: number, resendMs: number): number {
    const row = this.db
      .prepare('SELECT MAX(sent_at) AS last FROM sms_outbox WHERE mobile = ?')
      .get(mobile) as { last: number | null };
    return row.last === null ? 0 : Math.max(0, row.last + resendMs - now);
  }

  issueSms(mobile: string, purpose: SmsPurpose, now: number, ttlMs: number, tries: number): string {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO sms_codes (mobile, purpose, code, sent_at, expires_at, tries_left, used_at)
           VALUES (?, ?, ?, ?, ?, ?, NULL)
           ON CONFLICT (mobile, purpose) DO UPDATE SET code = excluded.code,
             sent_at = excluded.sent_at, expires_at = excluded.expires_at,
             tries_left = excluded.tries_left, used_at = NULL`,
        )
        .run(mobile, purpose, code, now, now + ttlMs, tries);
      this.db
        .prepare('INSERT INTO sms_outbox (mobile, purpose, code, sent_at) VALUES (?, ?, ?, ?)')
        .run(mobile, purpose, code, now);
    })();
    return code;
  }

  /** Checks a code and spends it when right; each wrong try uses one of its tries. */
  checkSms(mobile: string, purpose: SmsPurpose, code: string, now: number): SmsCheck {
    return this.db.transaction((): SmsCheck => {
      const row = this.db
        .prepare(
          'SELECT code, expires_at, tries_left, used_at FROM sms_codes WHERE mobile = ? AND purpose = ?',
        )
        .get(mobile, purpose) as
        | { code: string; expires_at: number; tries_left: number; used_at: number | null }
        | undefined;
      if (!row || row.used_at !== null || now >= row.expires_at || row.tries_left <= 0) {
        return { ok: false, code: 'SMS_CODE_EXPIRED' };
      }
      if (row.code !== code.trim()) {
        const left = row.tries_left - 1;
        this.db
          .prepare('UPDATE sms_codes SET tries_left = ? WHERE mobile = ? AND purpose = ?')
          .run(left, mobile, purpose);
        return left > 0
          ? { ok: false, code: 'SMS_CODE_INVALID', left }
          : { ok: false, code: 'SMS_CODE_EXPIRED' };
      }
      this.db
        .prepare('UPDATE sms_codes SET used_at = ? WHERE mobile = ? AND purpose = ?')
        .run(now, mobile, purpose);
      return { ok: true };
    })();
  }

  outbox(
    mobile: string | undefined,
  ): { mobile: string; purpose: SmsPurpose; code: string; sentAt: number }[] {
    const rows = (
      mobile
        ? this.db
            .prepare(
              'SELECT mobile, purpose, code, sent_at FROM sms_outbox WHERE mobile = ? ORDER BY id DESC LIMIT 50',
            )
            .all(mobile)
        : this.db
            .prepare(
              'SELECT mobile, purpose, code, sent_at FROM sms_outbox ORDER BY id DESC LIMIT 50',
            )
            .all()
    ) as { mobile: string; purpose: SmsPurpose; code: string; sent_at: number }[];
    return rows.map((r) => ({
      mobile: r.mobile,
      purpose: r.purpose,
      code: r.code,
      sentAt: r.sent_at,
    }));
  }
}
