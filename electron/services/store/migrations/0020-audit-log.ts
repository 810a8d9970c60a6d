// The audit log: who did what, for which unit, when and with what result. Each entry carries the
// hash of the one before it, so an entry edited or deleted later breaks the chain.
import type Database from 'better-sqlite3';
import type { Migration } from './migration';

export const migration0020: Migration = {
  version: 20,
  name: 'audit-log',
  up(db: Database.Database): void {
    db.exec(`
      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        action TEXT NOT NULL,
        person TEXT NOT NULL,
        unit_no TEXT NOT NULL,
        unit_name TEXT NOT NULL,
        result TEXT NOT NULL,
        detail TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      );
      CREATE INDEX audit_log_by_time ON audit_log(at);
    `);
  },
};
