// Server migration 0002 (signed sync) on a database that already holds issue 3's records.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../server/store/database';
import { migrations } from '../../server/store/migrations/index';

describe('server migration 0002 signed-sync', () => {
  it('adds the sync tables to a version-1 database and keeps its units, persons and sessions', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    expect(
      migrate(
        db,
        migrations.filter((m) => m.version === 1),
      ),
    ).toBe(1);
    db.prepare(
      "INSERT INTO units VALUES ('32010000001', '南京云帆科技有限公司', '91320102MA1XYF005A')",
    ).run();
    db.prepare("INSERT INTO persons VALUES ('32010619900517232X', '李娜')").run();
    expect(
      migrate(
        db,
        migrations.filter((m) => m.version <= 2),
      ),
    ).toBe(2);
    const tables = (
      db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
        name: string;
      }[]
    ).map((r) => r.name);
    expect(tables).toEqual(
      expect.arrayContaining(['applied_mutations', 'changes', 'declarations', 'roster', 'units']),
    );
    expect(db.prepare('SELECT name FROM units').all()).toEqual([{ name: '南京云帆科技有限公司' }]);
    expect(db.prepare('SELECT name FROM persons').all()).toEqual([{ name: '李娜' }]);
  });

  it('refuses a second record of the same (client, mutation): the idempotency key holds in the schema', () => {
    const db = new Database(':memory:');
    migrate(db);
    const insert = db.prepare(
      "INSERT INTO applied_mutations VALUES ('C', 'M', '32010000001', '{}', 0)",
    );
    insert.run();
    expect(() => insert.run()).toThrow(/UNIQUE|PRIMARY KEY/);
  });
});
