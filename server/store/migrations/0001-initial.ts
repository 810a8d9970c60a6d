import type { Migration } from './migration';

/** Units, persons and who may act for which unit; login nonces and sessions. */
export const migration0001: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(`
      CREATE TABLE units (
        unit_no TEXT PRIMARY KEY,
        name    TEXT NOT NULL,
        uscc    TEXT NOT NULL UNIQUE
      ) STRICT;

      CREATE TABLE persons (
        resident_id TEXT PRIMARY KEY,
        name        TEXT NOT NULL
      ) STRICT;

      CREATE TABLE unit_roles (
        resident_id TEXT NOT NULL REFERENCES persons (resident_id) ON DELETE CASCADE,
        unit_no     TEXT NOT NULL REFERENCES units (unit_no) ON DELETE CASCADE,
        role        TEXT NOT NULL CHECK (role IN ('legal', 'agent')),
        PRIMARY KEY (resident_id, unit_no)
      ) STRICT;
      CREATE INDEX unit_roles_by_unit ON unit_roles (unit_no);

      -- Times are epoch milliseconds. A nonce row stays after use so a replay is told apart
      -- from a nonce that never existed.
      CREATE TABLE nonces (
        nonce      TEXT PRIMARY KEY,
        origin     TEXT NOT NULL,
        issued_at  INTEGER NOT NULL,
        expires_at INTEGER NOT NULL,
        used_at    INTEGER
      ) STRICT;
      CREATE INDEX nonces_by_expiry ON nonces (expires_at);

      -- Only the SHA-256 of a session token is stored: a copied database opens no session.
      CREATE TABLE sessions (
        token_hash   TEXT PRIMARY KEY,
        subject_kind TEXT NOT NULL CHECK (subject_kind IN ('person', 'unit')),
        subject_id   TEXT NOT NULL,
        cert_sha256  TEXT NOT NULL,
        created_at   INTEGER NOT NULL,
        expires_at   INTEGER NOT NULL,
        ended_at     INTEGER
      ) STRICT;
      CREATE INDEX sessions_by_expiry ON sessions (expires_at);
    `);
  },
};
