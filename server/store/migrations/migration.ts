import type Database from 'better-sqlite3';

export interface Migration {
  /** Strictly increasing; becomes PRAGMA user_version once applied. */
  version: number;
  name: string;
  /**
   * Rebuilds a table others refer to: runs with foreign keys off (SQLite's documented way to
   * change a table's constraints), then checks every reference before committing.
   */
  rebuildsTables?: boolean;
  up(db: Database.Database): void;
}
