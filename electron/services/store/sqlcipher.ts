// The per-person database is a SQLCipher 4 file (through SQLite3 Multiple Ciphers): every page
// encrypted with a random 256-bit key, used raw (no passphrase derivation, the key is random).
// A database written before encryption existed is turned into one in place: a consistent copy is
// made beside it and encrypted, then renamed over the original in one step, so a crash at any
// moment leaves either the old plain file or the new encrypted one, never a half of each.
import Database from 'better-sqlite3-multiple-ciphers';
import { closeSync, existsSync, openSync, readSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { fsyncFile, syncFolder } from './key-vault';

/** The connection type the rest of the services use (the same API as better-sqlite3). */
export type Db = BetterSqlite3.Database;

const PLAIN_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

export type DatabaseFileState = 'absent' | 'plain' | 'encrypted';

/** Tells a plain SQLite file from an encrypted one by its first 16 bytes. */
export function databaseFileState(file: string): DatabaseFileState {
  if (!existsSync(file)) return 'absent';
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(16);
    const read = readSync(fd, head, 0, 16, 0);
    if (read < 16) return 'absent';
    return head.equals(PLAIN_HEADER) ? 'plain' : 'encrypted';
  } finally {
    closeSync(fd);
  }
}

/** Opens `file`, keyed when `key` is given; the first read proves the key right. */
export function openCipherConnection(file: string, key: Buffer | null): Db {
  const db = new Database(file) as unknown as Db;
  try {
    if (key) applyKey(db, key);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

export function applyKey(db: Db, key: Buffer, pragma: 'key' | 'rekey' = 'key'): void {
  if (key.length !== 32) throw new Error('database key must be 32 bytes');
  db.pragma(`cipher = 'sqlcipher'`);
  db.pragma('legacy = 4');
  db.pragma(`${pragma} = "x'${key.toString('hex')}'"`);
}

export type EncryptStep = 'copied' | 'encrypted' | 'replaced';

/** The temp file an interrupted encryption may have left; removed before each attempt. */
export const encryptingFile = (file: string): string => `${file}.encrypting`;

/** Encrypts a plain database file in place with `key`; see the file comment for why it is safe. */
export function encryptInPlace(file: string, key: Buffer, onStep?: (step: EncryptStep) => void) {
  const tmp = encryptingFile(file);
  removeLeftover(tmp);
  // A consistent copy of everything committed, WAL included, then the original connection closes
  // (its WAL is checkpointed and removed), so nothing holds the file when it is replaced.
  const plain = openCipherConnection(file, null);
  try {
    plain.prepare('VACUUM INTO ?').run(tmp);
  } finally {
    plain.close();
  }
  onStep?.('copied');
  const copy = openCipherConnection(tmp, null);
  try {
    // Re-keying is done through the rollback journal: WAL would refuse it.
    copy.pragma('journal_mode = DELETE');
    applyKey(copy, key, 'rekey');
    if (copy.pragma('integrity_check', { simple: true }) !== 'ok') {
      throw new Error('encrypted copy failed its integrity check');
    }
  } finally {
    copy.close();
  }
  fsyncFile(tmp);
  onStep?.('encrypted');
  renameSync(tmp, file);
  syncFolder(dirname(file));
  onStep?.('replaced');
}

function removeLeftover(tmp: string): void {
  for (const f of [tmp, `${tmp}-journal`, `${tmp}-wal`, `${tmp}-shm`]) rmSync(f, { force: true });
}
