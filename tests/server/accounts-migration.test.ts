// Server migration 0020 (accounts): units may share a USCC afterwards, and every row of the
// tables that refer to units survives the rebuild with its references intact.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../server/store/database';
import { migrations } from '../../server/store/migrations/index';

const dump = (db: Database.Database, table: string) =>
  db.prepare(`SELECT * FROM ${table} ORDER BY 1, 2`).all();

describe('server migration 0020 accounts', () => {
  it('keeps units, roles, rosters, declarations and sessions; units may then share a USCC', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(
      db,
      migrations.filter((m) => m.version < 20),
    );
    db.exec(`
      INSERT INTO units VALUES ('32010000001', '南京云帆科技有限公司', '91320102MA1XYF005A');
      INSERT INTO units VALUES ('32010000002', '南京云帆贸易有限公司', '91320105MA1XYF013G');
      INSERT INTO persons VALUES ('32010619900517232X', '李娜');
      INSERT INTO unit_roles VALUES ('32010619900517232X', '32010000001', 'agent');
      INSERT INTO roster VALUES ('32010000001', '320102199001011234', '{"name":"王伟"}', 1);
      INSERT INTO sessions (token_hash, subject_kind, subject_id, cert_sha256, created_at, expires_at)
        VALUES ('h', 'person', '32010619900517232X', 'abc', 1, 2);
    `);
    const before = {
      units: dump(db, 'units'),
      roles: dump(db, 'unit_roles'),
      roster: dump(db, 'roster'),
    };
    expect(migrate(db)).toBe(migrations.at(-1)!.version);
    expect(dump(db, 'units')).toEqual(before.units);
    expect(dump(db, 'unit_roles')).toEqual(before.roles);
    expect(dump(db, 'roster')).toEqual(before.roster);
    expect(db.prepare('SELECT method FROM sessions').get()).toEqual({ method: 'cert' });
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);

    db.prepare(
      "INSERT INTO units VALUES ('32010000004', '南京云帆科技有限公司', '91320102MA1XYF005A')",
    ).run();
    // The references still point at units: deleting a unit takes its roles, a role for a
    // unit that does not exist is refused.
    expect(() =>
      db
        .prepare("INSERT INTO unit_roles VALUES ('32010619900517232X', '99999999999', 'agent')")
        .run(),
    ).toThrow(/FOREIGN KEY/);
    db.prepare("DELETE FROM units WHERE unit_no = '32010000001'").run();
    expect(dump(db, 'unit_roles')).toEqual([]);
    expect(dump(db, 'roster')).toEqual([]);
  });
});
