// One schema step of the per-user database. `up` runs inside the transaction that also sets
// PRAGMA user_version, so a step is applied whole or not at all.
import type Database from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  up(db: Database.Database): void;
}
