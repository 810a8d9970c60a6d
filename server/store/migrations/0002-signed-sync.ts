import type { Migration } from './migration';

/**
 * Signed sync: the units' rosters, submitted declarations, the record of every applied
 * mutation (the idempotency key of a push) and the per-unit change feed the clients pull.
 */
export const migration0002: Migration = {
  version: 2,
  name: 'signed-sync',
  up(db) {
    db.exec(`
      -- 参保人员 per unit, keyed by the normalized document number (domain personKey).
      CREATE TABLE roster (
        unit_no    TEXT NOT NULL REFERENCES units (unit_no) ON DELETE CASCADE,
        person_key TEXT NOT NULL,
        data_json  TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (unit_no, person_key)
      ) STRICT, WITHOUT ROWID;

      -- A declaration as last submitted, with the signature that carried it (for the record).
      CREATE TABLE declarations (
        id            TEXT PRIMARY KEY,
        unit_no       TEXT NOT NULL REFERENCES units (unit_no) ON DELETE CASCADE,
        type          TEXT NOT NULL CHECK (type IN ('addition', 'reduction', 'base', 'monthly')),
        month         TEXT NOT NULL,
        state         TEXT NOT NULL
                      CHECK (state IN ('submitted', 'reviewing', 'approved', 'returned')),
        return_reason TEXT,
        rows_json     TEXT NOT NULL,
        row_count     INTEGER NOT NULL,
        client_id     TEXT NOT NULL,
        mutation_id   TEXT NOT NULL,
        signer_cert_sha256 TEXT NOT NULL,
        batch_hash    TEXT NOT NULL,
        signature     TEXT NOT NULL,
        submitted_at  INTEGER NOT NULL,
        updated_at    INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX declarations_by_unit_state ON declarations (unit_no, state);

      -- Written in the same transaction as the mutation's effects: a retried push finds its
      -- first result here and applies nothing twice. Rejections are recorded too.
      CREATE TABLE applied_mutations (
        client_id   TEXT NOT NULL,
        mutation_id TEXT NOT NULL,
        unit_no     TEXT NOT NULL,
        result_json TEXT NOT NULL,
        applied_at  INTEGER NOT NULL,
        PRIMARY KEY (client_id, mutation_id)
      ) STRICT, WITHOUT ROWID;

      -- The change feed: AUTOINCREMENT so a seq is never reused, even after deletes.
      CREATE TABLE changes (
        seq       INTEGER PRIMARY KEY AUTOINCREMENT,
        unit_no   TEXT NOT NULL,
        type      TEXT NOT NULL CHECK (type IN ('declaration.state', 'roster.change')),
        data_json TEXT NOT NULL,
        at        INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX changes_by_unit ON changes (unit_no, seq);
    `);
  },
};
