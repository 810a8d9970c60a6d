// Writes the audit log of whoever is logged in: each login, logout, lock, submission, import,
// export, backup and restore, with time, person, unit and result. Recording never makes the
// action itself fail: a log that cannot be written is reported to the app log instead.
import type { SessionView } from '../../contract/views';
import { AuditLogStore, type AuditAction, type AuditResult } from '../store/audit-log';
import type { UserStore } from '../store/user-store';

export interface AuditDeps {
  store: UserStore;
  session: () => SessionView | null;
  now?: () => Date;
  onFailure?: (error: unknown) => void;
}

/** Local time with its offset (2026-07-01T09:30:00+08:00), so dates filter as people read them. */
export function localIso(date: Date): string {
  const pad = (n: number) => String(Math.trunc(Math.abs(n))).padStart(2, '0');
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}` +
    `${sign}${pad(offset / 60)}:${pad(offset % 60)}`
  );
}

export class AuditService {
  constructor(private readonly deps: AuditDeps) {}

  /** The open person's log. */
  log(): AuditLogStore {
    const personKey = this.deps.store.personKey();
    const db = this.deps.store.db();
    return new AuditLogStore(db, this.deps.store.personDir(personKey!));
  }

  /** Appends one entry for the logged-in person; a no-op when no database is open. */
  record(action: AuditAction, result: AuditResult, detail = '', session = this.deps.session()) {
    if (!this.deps.store.isOpen()) return;
    try {
      this.log().append({
        at: localIso(this.deps.now?.() ?? new Date()),
        action,
        person: session?.person.name ?? '',
        unitNo: session?.currentUnit?.unitNo ?? '',
        unitName: session?.currentUnit?.name ?? '',
        result,
        detail: detail.slice(0, 200),
      });
    } catch (error) {
      this.deps.onFailure?.(error);
    }
  }
}
