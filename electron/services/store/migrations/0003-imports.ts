// A record of every committed import (which file, how many rows), for 业务记录 and support.
// Also adds the declaration's source note: a draft made from a file says so.
import type Database from 'better-sqlite3';
import type { Migration } from './migration';

export const migration0003: Migration = {
  version: 3,
  name: 'imports',
  up(db: Database.Database): void {
    db.exec(`
      CREATE TABLE imports (
        id TEXT PRIMARY KEY,
        declaration_id TEXT REFERENCES declarations(id) ON DELETE SET NULL,
        unit_no TEXT NOT NULL,
        target TEXT NOT NULL CHECK (target IN ('declaration', 'roster')),
        file_name TEXT NOT NULL,
        format TEXT NOT NULL,
        row_count INTEGER NOT NULL,
        error_rows INTEGER NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX imports_by_declaration ON imports(declaration_id);
    `);
  },
};
