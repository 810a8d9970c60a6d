import type { Migration } from './migration';

/**
 * A mutation id is bound to what it first carried: the unit, the signer (who, not which of
 * their certificates: a renewed certificate may resend an outbox) and the SHA-256 of the
 * mutation's canonical JSON. Rows from before have NULL there and are matched by unit alone.
 */
export const migration0010: Migration = {
  version: 10,
  name: 'idempotency-binding',
  up(db) {
    db.exec(`
      ALTER TABLE applied_mutations ADD COLUMN signer TEXT;
      ALTER TABLE applied_mutations ADD COLUMN mutation_sha256 TEXT;
      CREATE INDEX applied_mutations_by_id ON applied_mutations (mutation_id);
    `);
  },
};
