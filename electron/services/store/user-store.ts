// One SQLite database per person (`<usersDir>/<personKey>/workspace.sqlite`), opened when the
// person logs in and closed at logout, so one person never sees another's drafts on a shared PC.
// Encrypted at rest (./sqlcipher) with a key of its own kept by the key vault (./key-vault).
// WAL with synchronous=NORMAL: a committed transaction survives the app being killed (only an
// OS crash or power loss can take the last few), and every edit is its own small transaction.
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../domain/errors';
import { KeyVault, syncFolder } from './key-vault';
import { migrate } from './migrate';
import {
  databaseFileState,
  encryptInPlace,
  encryptingFile,
  openCipherConnection,
  type Db,
  type EncryptStep,
} from './sqlcipher';

export type { Db };

export const DATABASE_FILE = 'workspace.sqlite';
/** Where a restore prepares the database that replaces the current one. */
const restoringFile = (file: string): string => `${file}.restoring`;

/** Opens (creating if needed) and migrates one database file, encrypted with `key` if given. */
export function openDatabaseFile(file: string, key: Buffer | null = null): Db {
  let db: Db;
  try {
    db = openCipherConnection(file, key);
  } catch (error) {
    throw new AppError('STORE_UNREADABLE', undefined, { cause: error });
  }
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    if (error instanceof AppError) throw error;
    throw new AppError('STORE_UNREADABLE', undefined, { cause: error });
  }
}

export interface PersonDatabaseOptions {
  vault?: KeyVault;
  /** Told after each step of turning a plain database into an encrypted one. */
  onEncryptStep?: (step: EncryptStep) => void;
}

/** The key of the database in `dir`: the kept one, or (for a new or plain database) a new one. */
function keyFor(dir: string, vault: KeyVault, file: string): Buffer {
  const state = databaseFileState(file);
  const kept = vault.read(dir);
  if (kept) return kept;
  if (state === 'encrypted') throw new AppError('STORE_KEY_MISSING');
  return vault.create(dir);
}

/** Opens the person's database in `dir`, encrypting a plain one left by an older version first. */
export function openPersonDatabase(dir: string, options: PersonDatabaseOptions = {}): Db {
  const vault = options.vault ?? new KeyVault();
  const file = join(dir, DATABASE_FILE);
  const key = keyFor(dir, vault, file);
  if (databaseFileState(file) === 'plain') {
    try {
      encryptInPlace(file, key, options.onEncryptStep);
    } catch (error) {
      throw new AppError('STORE_UNREADABLE', undefined, { cause: error });
    }
  } else {
    rmSync(encryptingFile(file), { force: true });
  }
  rmSync(restoringFile(file), { force: true });
  return openDatabaseFile(file, key);
}

export type StoreListener = (db: Db | null, personKey: string | null) => void;

export class UserStore {
  private open: { personKey: string; db: Db } | null = null;
  private readonly listeners = new Set<StoreListener>();
  readonly vault: KeyVault;

  constructor(
    private readonly usersDir: string,
    options: { vault?: KeyVault } = {},
  ) {
    this.vault = options.vault ?? new KeyVault();
  }

  /** The folder holding one person's database and key. */
  personDir(personKey: string): string {
    if (!/^[0-9a-f]{16,128}$/.test(personKey)) throw new Error('personKey must be hex');
    return join(this.usersDir, personKey);
  }

  /** Opens the person's database (closing another person's first); null closes. */
  follow(personKey: string | null): void {
    if (personKey === (this.open?.personKey ?? null)) return;
    this.close();
    if (personKey === null) return;
    const dir = this.personDir(personKey);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const db = openPersonDatabase(dir, { vault: this.vault });
    this.open = { personKey, db };
    for (const listener of this.listeners) listener(db, personKey);
  }

  /** The logged-in person's database. */
  db(): Db {
    if (!this.open) throw new AppError('NOT_LOGGED_IN');
    return this.open.db;
  }

  /** Whose database is open, if any. */
  personKey(): string | null {
    return this.open?.personKey ?? null;
  }

  isOpen(): boolean {
    return this.open !== null;
  }

  /** Told whenever a database opens or closes (sync starts and stops with it). */
  onChange(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Replaces the open person's database with the one `prepare` writes to `tmp`, encrypted with
   * `key` (this person's). Until the final rename nothing of the current database is touched, so
   * a failure or a crash while preparing leaves it exactly as it was.
   */
  replaceDatabase(prepare: (tmp: string, key: Buffer) => void): void {
    const open = this.open;
    if (!open) throw new AppError('NOT_LOGGED_IN');
    const dir = this.personDir(open.personKey);
    const file = join(dir, DATABASE_FILE);
    const tmp = restoringFile(file);
    const key = this.vault.read(dir);
    if (!key) throw new AppError('STORE_KEY_MISSING');
    try {
      prepare(tmp, key);
    } catch (error) {
      rmSync(tmp, { force: true });
      throw error;
    }
    // Closing checkpoints the WAL into the old file and removes it, so no old page can be
    // replayed onto the new database.
    this.close();
    try {
      for (const f of [`${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
      renameSync(tmp, file);
      syncFolder(dir);
    } finally {
      this.follow(open.personKey);
    }
  }

  close(): void {
    const open = this.open;
    if (!open) return;
    this.open = null;
    for (const listener of this.listeners) listener(null, null);
    open.db.close();
  }
}
