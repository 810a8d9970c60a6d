// One SQLite database per person (`<usersDir>/<personKey>/workspace.sqlite`), opened when the
// person logs in and closed at logout, so one person never sees another's drafts on a shared PC.
// WAL with synchronous=NORMAL: a committed transaction survives the app being killed (only an
// OS crash or power loss can take the last few), and every edit is its own small transaction.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../domain/errors';
import { migrate } from './migrate';

export type Db = Database.Database;

export const DATABASE_FILE = 'workspace.sqlite';

/** Opens (creating if needed) and migrates one database file. */
export function openDatabaseFile(file: string): Db {
  let db: Db;
  try {
    db = new Database(file);
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

export type StoreListener = (db: Db | null, personKey: string | null) => void;

export class UserStore {
  private open: { personKey: string; db: Db } | null = null;
  private readonly listeners = new Set<StoreListener>();

  constructor(private readonly usersDir: string) {}

  /** Opens the person's database (closing another person's first); null closes. */
  follow(personKey: string | null): void {
    if (personKey === (this.open?.personKey ?? null)) return;
    this.close();
    if (personKey === null) return;
    if (!/^[0-9a-f]{16,128}$/.test(personKey)) throw new Error('personKey must be hex');
    const dir = join(this.usersDir, personKey);
    mkdirSync(dir, { recursive: true });
    const db = openDatabaseFile(join(dir, DATABASE_FILE));
    this.open = { personKey, db };
    for (const listener of this.listeners) listener(db, personKey);
  }

  /** The logged-in person's database. */
  db(): Db {
    if (!this.open) throw new AppError('NOT_LOGGED_IN');
    return this.open.db;
  }

  isOpen(): boolean {
    return this.open !== null;
  }

  /** Told whenever a database opens or closes (sync starts and stops with it). */
  onChange(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    const open = this.open;
    if (!open) return;
    this.open = null;
    for (const listener of this.listeners) listener(null, null);
    open.db.close();
  }
}
