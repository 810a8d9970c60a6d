// The server's schema: versioned, forward-only, refusing databases from a newer server.
import Database from 'better-sqlite3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, openDatabase, SchemaTooNewError } from '../../server/store/database';
import { migrations, type Migration } from '../../server/store/migrations/index';

const latest = migrations.at(-1)!.version;
const tables = (db: Database.Database) =>
  (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
      name: string;
    }[]
  ).map((r) => r.name);

describe('server database migrations', () => {
  it('a new database gets every table and the latest user_version', () => {
    const db = new Database(':memory:');
    expect(migrate(db)).toBe(latest);
    expect(tables(db)).toEqual(
      expect.arrayContaining(['nonces', 'persons', 'sessions', 'unit_roles', 'units']),
    );
  });

  it('reopening a data directory keeps its rows and migrates nothing twice', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'shebao-mig-'));
    try {
      const a = openDatabase(dir);
      a.prepare("INSERT INTO units VALUES ('1', '某单位', '91320102MA1XYF005A')").run();
      a.close();
      const b = openDatabase(dir);
      expect(b.pragma('user_version', { simple: true })).toBe(latest);
      expect(b.prepare('SELECT name FROM units').all()).toEqual([{ name: '某单位' }]);
      b.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a database from a newer server is refused, untouched', () => {
    const db = new Database(':memory:');
    db.pragma(`user_version = ${latest + 1}`);
    expect(() => migrate(db)).toThrow(SchemaTooNewError);
    expect(tables(db)).toEqual([]);
  });

  it('a migration that fails leaves the database at the version before it', () => {
    const db = new Database(':memory:');
    const broken: Migration = {
      version: latest + 1,
      name: 'broken',
      up(d) {
        d.exec('CREATE TABLE half_done (x INTEGER)');
        throw new Error('boom');
      },
    };
    expect(() => migrate(db, [...migrations, broken])).toThrow('boom');
    expect(db.pragma('user_version', { simple: true })).toBe(latest);
    expect(tables(db)).not.toContain('half_done');
  });

  it('migrations listed out of order are rejected before anything runs', () => {
    const db = new Database(':memory:');
    const dup: Migration = { version: latest, name: 'dup', up: () => undefined };
    expect(() => migrate(db, [...migrations, dup])).toThrow(/out of order/);
    expect(db.pragma('user_version', { simple: true })).toBe(0);
  });
});
