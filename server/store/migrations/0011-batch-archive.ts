import type { Migration } from './migration';

/**
 * Non-repudiation: every batch whose signature the service accepted, kept as signed — the
 * canonical bytes its hash covers, the signature, the signer's certificate and the origin the
 * signed text named — so it can be re-verified offline (npm run server -- verify-archive).
 */
export const migration0011: Migration = {
  version: 11,
  name: 'batch-archive',
  up(db) {
    db.exec(`
      CREATE TABLE batch_archive (
        seq          INTEGER PRIMARY KEY AUTOINCREMENT,
        unit_no      TEXT NOT NULL,
        client_id    TEXT NOT NULL,
        origin       TEXT NOT NULL,
        batch_hash   TEXT NOT NULL,
        canonical    BLOB NOT NULL,
        signature    BLOB NOT NULL,
        certificate  BLOB NOT NULL,
        signer       TEXT NOT NULL,
        received_at  INTEGER NOT NULL,
        UNIQUE (unit_no, batch_hash)
      ) STRICT;
    `);
  },
};
