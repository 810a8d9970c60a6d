// The per-person database at rest: encrypted with a key of its own (SQLCipher), unreadable by
// plain SQLite, its key in an owner-only file; and a plain database from an older version turned
// into an encrypted one in place, losing nothing even when the app is killed half-way.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../domain/errors';
import { KEY_FILE, KeyVault } from '../../electron/services/store/key-vault';
import {
  applyKey,
  databaseFileState,
  openCipherConnection,
} from '../../electron/services/store/sqlcipher';
import { DATABASE_FILE, openPersonDatabase } from '../../electron/services/store/user-store';
import {
  additionRow,
  makeWorkspace,
  MONTH,
  PERSON_KEY,
  repoRoot,
  UNIT,
  type TestWorkspace,
} from './workspace-support';

let t: TestWorkspace | null = null;
afterEach(() => {
  t?.close();
  t = null;
});

const personDir = (w: TestWorkspace) => join(w.dir, 'users', PERSON_KEY);
const dbFile = (w: TestWorkspace) => join(personDir(w), DATABASE_FILE);

/** A workspace with a 增员 declaration of `rows` people (names, ID numbers, wages). */
function filledWorkspace(rows: number): { w: TestWorkspace; declarationId: string } {
  const w = makeWorkspace();
  const d = w.ws.create({ unitNo: UNIT.unitNo, kind: 'addition', month: MONTH });
  w.ws.edit(
    d.id,
    [],
    Array.from({ length: rows }, (_, i) => additionRow(i)),
  );
  return { w, declarationId: d.id };
}

/** What a person would compare: every row of the declaration as shown in the grid. */
function rowsOf(w: TestWorkspace, declarationId: string): unknown {
  return w.ws.rows(declarationId, 0, 100_000).rows;
}

/** Turns the workspace's database back into the plain file an older version wrote, key gone. */
function makeLegacyPlain(w: TestWorkspace): void {
  w.store.close();
  const dir = personDir(w);
  const db = openCipherConnection(dbFile(w), new KeyVault().read(dir));
  db.pragma('journal_mode = DELETE');
  db.pragma(`rekey = ''`);
  db.close();
  rmSync(join(dir, KEY_FILE));
  expect(databaseFileState(dbFile(w))).toBe('plain');
}

describe('the database at rest', () => {
  it('is encrypted: plain SQLite cannot read it and no name or ID number is in the file', () => {
    const { w, declarationId } = filledWorkspace(50);
    t = w;
    const before = rowsOf(w, declarationId);
    w.store.close();
    const file = dbFile(w);
    expect(databaseFileState(file)).toBe('encrypted');

    const plain = new Database(file);
    expect(() => plain.prepare('SELECT * FROM sqlite_master').all()).toThrow(
      /file is not a database/,
    );
    plain.close();

    const bytes = readFileSync(file);
    const someone = additionRow(7);
    expect(bytes.includes(Buffer.from(someone.documentNumber))).toBe(false);
    expect(bytes.includes(Buffer.from(someone.name))).toBe(false);

    // A wrong key fails the same way.
    const wrong = new Database(file);
    expect(() => {
      applyKey(wrong, Buffer.alloc(32, 7));
      wrong.prepare('SELECT * FROM sqlite_master').all();
    }).toThrow();
    wrong.close();

    // The key file: only its owner may read it, and it holds no raw SQL key text.
    const keyFile = join(personDir(w), KEY_FILE);
    if (process.platform !== 'win32') expect(statSync(keyFile).mode & 0o077).toBe(0);

    w.reopen();
    expect(rowsOf(w, declarationId)).toEqual(before);
  });

  it('without its key it is refused with a clear message and the file is left as it was', () => {
    const { w } = filledWorkspace(5);
    t = w;
    w.store.close();
    const original = readFileSync(dbFile(w));
    rmSync(join(personDir(w), KEY_FILE));
    let caught: unknown;
    try {
      w.reopen();
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).code).toBe('STORE_KEY_MISSING');
    expect((caught as AppError).toInfo().action).toContain('恢复');
    expect(readFileSync(dbFile(w)).equals(original)).toBe(true);
    expect(existsSync(join(personDir(w), KEY_FILE))).toBe(false);
  });

  it('a key file that was tampered with is refused, never replaced', () => {
    const { w } = filledWorkspace(5);
    t = w;
    w.store.close();
    const keyFile = join(personDir(w), KEY_FILE);
    const body = JSON.parse(readFileSync(keyFile, 'utf8')) as { sealer: string };
    body.sealer = 'safe-storage';
    writeFileSync(keyFile, JSON.stringify(body));
    expect(() => w.reopen()).toThrow(
      expect.objectContaining({ code: 'STORE_KEY_UNREADABLE' }) as unknown as Error,
    );
    expect(JSON.parse(readFileSync(keyFile, 'utf8'))).toEqual(body);
  });

  it('a plain database left by an older version is encrypted in place with everything in it', () => {
    const { w, declarationId } = filledWorkspace(300);
    t = w;
    const before = rowsOf(w, declarationId);
    makeLegacyPlain(w);
    w.reopen();
    expect(databaseFileState(dbFile(w))).toBe('encrypted');
    expect(rowsOf(w, declarationId)).toEqual(before);
    expect(readdirSync(personDir(w)).sort()).toEqual(
      [DATABASE_FILE, `${DATABASE_FILE}-shm`, `${DATABASE_FILE}-wal`, KEY_FILE].sort(),
    );
  });
});

describe('encrypting in place survives kill -9', () => {
  async function killAt(dir: string, step: string): Promise<void> {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(repoRoot, 'tests/integration/store-encrypt-child.ts'), dir, step],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const exited = new Promise<NodeJS.Signals | null>((done) =>
      child.once('exit', (_c, s) => done(s)),
    );
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`child too slow\n${stderr}`)), 60_000);
      createInterface({ input: child.stdout }).on('line', (line) => {
        if (line === `AT ${step}`) {
          clearTimeout(timer);
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.once('exit', () => {
        clearTimeout(timer);
        reject(new Error(`child exited before ${step}\n${stderr}`));
      });
    });
    expect(await exited).toBe('SIGKILL');
  }

  for (const step of ['copied', 'encrypted', 'replaced'] as const) {
    it(`killed right after "${step}", the next start has every row, encrypted`, async () => {
      const { w, declarationId } = filledWorkspace(2000);
      t = w;
      const before = rowsOf(w, declarationId);
      makeLegacyPlain(w);
      await killAt(personDir(w), step);
      // Whatever the moment, the file is one whole database: the old plain one or the new one.
      expect(['plain', 'encrypted']).toContain(databaseFileState(dbFile(w)));
      w.reopen();
      expect(databaseFileState(dbFile(w))).toBe('encrypted');
      expect(rowsOf(w, declarationId)).toEqual(before);
      expect(w.store.db().pragma('integrity_check', { simple: true })).toBe('ok');
      expect(existsSync(`${dbFile(w)}.encrypting`)).toBe(false);
    }, 120_000);
  }

  it('a second opening of an encrypted database does not touch the key', () => {
    const { w } = filledWorkspace(3);
    t = w;
    w.store.close();
    const key = readFileSync(join(personDir(w), KEY_FILE));
    openPersonDatabase(personDir(w)).close();
    expect(readFileSync(join(personDir(w), KEY_FILE)).equals(key)).toBe(true);
  });
});
