// 电子社保卡 QR logins in flight. They live two minutes, so memory is the right place; a
// restarted service simply shows a new code. Pollers wait on a change of state (long poll).
import { randomBytes } from 'node:crypto';
import type { ErrorCode } from '../../domain/error-catalogue';
import type { PasswordLoginResponse, QrIdentity, QrState } from '../../domain/protocol/accounts';

export interface QrLogin {
  qrId: string;
  identity: QrIdentity;
  expiresAt: number;
  state: QrState;
  scannedBy: string | null;
  /** Why it was refused (the person's choice or no account/authorization). */
  refusal: ErrorCode | null;
  /** Handed to the poller once, then the QR login is over. */
  session: PasswordLoginResponse | null;
}

type Waiter = () => void;

export class QrLogins {
  private readonly logins = new Map<string, QrLogin>();
  private readonly waiters = new Map<string, Set<Waiter>>();

  create(identity: QrIdentity, now: number, ttlMs: number): QrLogin {
    this.sweep(now);
    const login: QrLogin = {
      qrId: randomBytes(32).toString('base64url'),
      identity,
      expiresAt: now + ttlMs,
      state: 'waiting',
      scannedBy: null,
      refusal: null,
      session: null,
    };
    this.logins.set(login.qrId, login);
    return login;
  }

  /** The login as of `now`: a waiting or scanned code past its time has expired. */
  get(qrId: string, now: number): QrLogin | undefined {
    const login = this.logins.get(qrId);
    if (login && (login.state === 'waiting' || login.state === 'scanned') && now >= login.expiresAt)
      login.state = 'expired';
    return login;
  }

  update(login: QrLogin, change: Partial<Omit<QrLogin, 'qrId'>>): void {
    Object.assign(login, change);
    this.wake(login.qrId);
  }

  /** The session has been handed over: nothing more to say about this code. */
  finish(qrId: string): void {
    this.logins.delete(qrId);
  }

  /** Resolves on the next change of this login, or after `ms`. */
  waitForChange(qrId: string, ms: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      let set = this.waiters.get(qrId);
      if (!set) {
        set = new Set();
        this.waiters.set(qrId, set);
      }
      const done = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        set.delete(done);
        if (set.size === 0) this.waiters.delete(qrId);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done);
      set.add(done);
    });
  }

  /** Every poller returns now (the service is closing). */
  wakeAll(): void {
    for (const qrId of [...this.waiters.keys()]) this.wake(qrId);
  }

  private wake(qrId: string): void {
    for (const waiter of [...(this.waiters.get(qrId) ?? [])]) waiter();
  }

  private sweep(now: number): void {
    for (const [qrId, login] of this.logins) {
      if (now >= login.expiresAt + 10 * 60 * 1000) this.logins.delete(qrId);
    }
  }
}
