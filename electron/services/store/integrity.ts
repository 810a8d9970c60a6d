// Whether a per-user database file passes SQLite's integrity check. Opened read-only, so a check
// never changes the file; an encrypted one is opened with its person's key; never throws.
import Database from 'better-sqlite3-multiple-ciphers';
import { dirname } from 'node:path';
import { KeyVault, userFileSealer, type KeySealer } from './key-vault';
import { applyKey, databaseFileState, type Db } from './sqlcipher';

export function databaseIntact(file: string, sealer: KeySealer = userFileSealer): boolean {
  let db: Db | null = null;
  try {
    const key =
      databaseFileState(file) === 'encrypted' ? new KeyVault(sealer).read(dirname(file)) : null;
    db = new Database(file, { readonly: true, fileMustExist: true }) as unknown as Db;
    if (key) applyKey(db, key);
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    return rows.length === 1 && rows[0]?.integrity_check === 'ok';
  } catch {
    return false;
  } finally {
    db?.close();
  }
}
