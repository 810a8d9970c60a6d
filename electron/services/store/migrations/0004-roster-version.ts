// A change counter per unit's roster, kept by triggers, so the workspace can cache the parsed
// roster (100,000 people) and know in one lookup whether sync or an import changed it since.
import type Database from 'better-sqlite3';
import type { Migration } from './migration';

export const migration0004: Migration = {
  version: 4,
  name: 'roster-version',
  up(db: Database.Database): void {
    db.exec(`
      CREATE TABLE roster_versions (
        unit_no TEXT PRIMARY KEY,
        version INTEGER NOT NULL
      );
      INSERT INTO roster_versions (unit_no, version) SELECT DISTINCT unit_no, 1 FROM roster;
      CREATE TRIGGER roster_version_insert AFTER INSERT ON roster BEGIN
        INSERT INTO roster_versions (unit_no, version) VALUES (NEW.unit_no, 1)
          ON CONFLICT (unit_no) DO UPDATE SET version = version + 1;
      END;
      CREATE TRIGGER roster_version_update AFTER UPDATE ON roster BEGIN
        INSERT INTO roster_versions (unit_no, version) VALUES (NEW.unit_no, 1)
          ON CONFLICT (unit_no) DO UPDATE SET version = version + 1;
      END;
      CREATE TRIGGER roster_version_delete AFTER DELETE ON roster BEGIN
        INSERT INTO roster_versions (unit_no, version) VALUES (OLD.unit_no, 1)
          ON CONFLICT (unit_no) DO UPDATE SET version = version + 1;
      END;
    `);
  },
};
