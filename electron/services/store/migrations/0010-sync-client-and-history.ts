// Sync: the installation's client id, sent with every push so the service can answer
// a resent mutation with its first result; and each declaration's state history for 业务记录.
import type Database from 'better-sqlite3';
import type { Migration } from './migration';

export const migration0010: Migration = {
  version: 10,
  name: 'sync-client-and-history',
  up(db: Database.Database): void {
    db.exec(`
      CREATE TABLE sync_client (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        client_id TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE TABLE declaration_events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        declaration_id TEXT NOT NULL REFERENCES declarations(id) ON DELETE CASCADE,
        at TEXT NOT NULL,
        state TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('local', 'server')),
        note TEXT
      );
      CREATE INDEX declaration_events_by_declaration ON declaration_events(declaration_id, id);
      CREATE INDEX outbox_pending ON outbox(unit_no, state, created_at, mutation_id);
    `);
  },
};
