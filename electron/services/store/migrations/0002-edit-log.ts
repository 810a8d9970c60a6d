// Undo/redo of the workspace: each user step (a typed cell, a paste, a fill-down) is one row
// holding the operations to redo it and their inverse. Kept in the database so a step and its
// log entry commit together.
import type Database from 'better-sqlite3';
import type { Migration } from './migration';

export const migration0002: Migration = {
  version: 2,
  name: 'edit-log',
  up(db: Database.Database): void {
    db.exec(`
      CREATE TABLE edit_log (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        declaration_id TEXT NOT NULL REFERENCES declarations(id) ON DELETE CASCADE,
        redo_json TEXT NOT NULL,
        undo_json TEXT NOT NULL,
        undone INTEGER NOT NULL DEFAULT 0 CHECK (undone IN (0, 1)),
        created_at TEXT NOT NULL
      );
      CREATE INDEX edit_log_by_declaration ON edit_log(declaration_id, seq);
    `);
  },
};
