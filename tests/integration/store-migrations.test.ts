// The per-user database: each migration upgrades a database of the version before without
// losing a row, a newer database is refused, and every person gets a file of their own.
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../domain/errors';
import { migrate, latestVersion, schemaVersion } from '../../electron/services/store/migrate';
import { migrations } from '../../electron/services/store/migrations/index';
import {
  DATABASE_FILE,
  openDatabaseFile,
  UserStore,
} from '../../electron/services/store/user-store';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'shebao-store-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

type Row = Record<string, unknown>;
function dump(db: Database.Database, table: string): Row[] {
  return db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all() as Row[];
}
function columns(db: Database.Database, table: string): string[] {
  return (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
}

/** Rows every version from 1 on can hold: one declaration with rows, roster, outbox, sync_state. */
function seedV1(db: Database.Database): void {
  db.prepare(
    `INSERT INTO declarations (id, unit_no, kind, month, title, state, created_at, updated_at)
     VALUES ('01J00000000000000000000000', '32010000001', 'addition', '2024-07', '7月增员', 'draft', '2024-07-01T00:00:00.000Z', '2024-07-01T00:00:00.000Z')`,
  ).run();
  const put = db.prepare(
    "INSERT INTO declaration_rows VALUES ('01J00000000000000000000000', ?, ?)",
  );
  for (let i = 0; i < 5; i++) put.run(i, JSON.stringify({ name: `人${i}` }));
  db.prepare(
    "INSERT INTO roster VALUES ('32010000001', '320102199001011234', 'residentId', '王伟', 'insured', '{}', '2024-07-01T00:00:00.000Z')",
  ).run();
  db.prepare(
    "INSERT INTO outbox (mutation_id, unit_no, declaration_id, kind, payload_json, state, created_at) VALUES ('01J00000000000000000000001', '32010000001', '01J00000000000000000000000', 'declaration.submit', '{}', 'pending', '2024-07-01T00:00:00.000Z')",
  ).run();
  db.prepare("INSERT INTO sync_state (unit_no, cursor) VALUES ('32010000001', 'c1')").run();
}
const sharedTables = ['declarations', 'declaration_rows', 'roster', 'outbox', 'sync_state'];

describe('per-user database migrations', () => {
  it('0001 creates the shared tables with exactly the columns sync codes against', () => {
    const db = new Database(':memory:');
    expect(migrate(db, { target: 1 })).toBe(1);
    expect(columns(db, 'declarations')).toEqual([
      'id',
      'unit_no',
      'kind',
      'month',
      'title',
      'state',
      'return_reason',
      'conflict_json',
      'server_result_json',
      'created_at',
      'updated_at',
      'submitted_at',
    ]);
    expect(columns(db, 'declaration_rows')).toEqual(['declaration_id', 'row_no', 'data_json']);
    expect(columns(db, 'roster')).toEqual([
      'unit_no',
      'doc_no',
      'doc_type',
      'name',
      'status',
      'data_json',
      'updated_at',
    ]);
    expect(columns(db, 'outbox')).toEqual([
      'mutation_id',
      'unit_no',
      'declaration_id',
      'kind',
      'payload_json',
      'state',
      'attempts',
      'last_error_code',
      'created_at',
      'acked_at',
      'result_json',
    ]);
    expect(columns(db, 'sync_state')).toEqual([
      'unit_no',
      'cursor',
      'last_sync_at',
      'last_error_code',
      'retry_at',
    ]);
    // The states are checked by the database itself, not only by the code.
    expect(() =>
      db
        .prepare(
          "INSERT INTO declarations (id, unit_no, kind, month, title, state, created_at, updated_at) VALUES ('x', 'u', 'addition', '2024-07', 't', 'sent', 'a', 'a')",
        )
        .run(),
    ).toThrow(/CHECK/);
  });

  // Each later migration: a database at the version before, with rows, upgrades keeping them.
  for (const m of migrations.filter((m) => m.version > 1)) {
    it(`${String(m.version).padStart(4, '0')}-${m.name} keeps every row of version ${m.version - 1}`, () => {
      const db = new Database(':memory:');
      db.pragma('foreign_keys = ON');
      const before = migrations.filter((x) => x.version < m.version).at(-1)!.version;
      expect(migrate(db, { target: before })).toBe(before);
      seedV1(db);
      const snapshot = Object.fromEntries(sharedTables.map((t) => [t, dump(db, t)]));
      expect(migrate(db, { target: m.version })).toBe(m.version);
      for (const t of sharedTables) expect(dump(db, t)).toEqual(snapshot[t]);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
    });
  }

  it('edit_log and imports go with their declaration when it is deleted', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db);
    seedV1(db);
    db.prepare(
      "INSERT INTO edit_log (declaration_id, redo_json, undo_json, created_at) VALUES ('01J00000000000000000000000', '[]', '[]', 'now')",
    ).run();
    db.prepare("DELETE FROM declarations WHERE id = '01J00000000000000000000000'").run();
    expect(dump(db, 'edit_log')).toEqual([]);
    expect(dump(db, 'declaration_rows')).toEqual([]);
  });

  it('a database written by a newer version is refused with a clear message and left untouched', () => {
    const file = join(tempDir(), DATABASE_FILE);
    const raw = new Database(file);
    raw.pragma(`user_version = ${latestVersion() + 1}`);
    raw.close();
    let caught: unknown;
    try {
      openDatabaseFile(file);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).code).toBe('STORE_TOO_NEW');
    expect((caught as AppError).toInfo().action).toContain('升级');
    const again = new Database(file);
    expect(schemaVersion(again)).toBe(latestVersion() + 1);
    again.close();
  });

  it('each person gets their own database file, opened at login and closed at logout', () => {
    const dir = tempDir();
    const store = new UserStore(join(dir, 'users'));
    const events: Array<string | null> = [];
    store.onChange((_db, key) => events.push(key));
    expect(() => store.db()).toThrow(AppError);
    store.follow('a'.repeat(32));
    store.db().prepare("INSERT INTO sync_state (unit_no) VALUES ('A')").run();
    store.follow('b'.repeat(32));
    expect(store.db().prepare('SELECT * FROM sync_state').all()).toEqual([]);
    expect(existsSync(join(dir, 'users', 'a'.repeat(32), DATABASE_FILE))).toBe(true);
    store.follow(null);
    expect(store.isOpen()).toBe(false);
    expect(events).toEqual(['a'.repeat(32), null, 'b'.repeat(32), null]);
    store.follow('a'.repeat(32));
    expect(store.db().prepare('SELECT unit_no FROM sync_state').all()).toEqual([{ unit_no: 'A' }]);
    expect(store.db().pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db().pragma('foreign_keys', { simple: true })).toBe(1);
    store.close();
  });
});
