// The tables the workspace and sync share (wave 2 "client database"): declarations and their
// rows, the unit's roster, the outbox of mutations and each unit's sync cursor.
import type Database from 'better-sqlite3';
import type { Migration } from './migration';

export const migration0001: Migration = {
  version: 1,
  name: 'initial',
  up(db: Database.Database): void {
    db.exec(`
      CREATE TABLE declarations (
        id TEXT PRIMARY KEY,
        unit_no TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('addition', 'reduction', 'base', 'monthly')),
        month TEXT NOT NULL,
        title TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('draft', 'queued', 'uploaded', 'reviewing', 'approved', 'returned')),
        return_reason TEXT,
        conflict_json TEXT,
        server_result_json TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        submitted_at TEXT
      );
      CREATE INDEX declarations_by_unit ON declarations(unit_no, kind, month);
      CREATE TABLE declaration_rows (
        declaration_id TEXT NOT NULL REFERENCES declarations(id) ON DELETE CASCADE,
        row_no INTEGER NOT NULL,
        data_json TEXT NOT NULL,
        PRIMARY KEY (declaration_id, row_no)
      );
      CREATE TABLE roster (
        unit_no TEXT NOT NULL,
        doc_no TEXT NOT NULL,
        doc_type TEXT NOT NULL,
        name TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('insured', 'stopped')),
        data_json TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (unit_no, doc_no)
      );
      CREATE INDEX roster_by_name ON roster(unit_no, name);
      CREATE TABLE outbox (
        mutation_id TEXT PRIMARY KEY,
        unit_no TEXT NOT NULL,
        declaration_id TEXT NOT NULL,
        kind TEXT NOT NULL,
        payload_json TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('pending', 'acked', 'rejected')),
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error_code TEXT,
        created_at TEXT NOT NULL,
        acked_at TEXT,
        result_json TEXT
      );
      CREATE TABLE sync_state (
        unit_no TEXT PRIMARY KEY,
        cursor TEXT,
        last_sync_at TEXT,
        last_error_code TEXT,
        retry_at TEXT
      );
    `);
  },
};
