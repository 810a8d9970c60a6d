// Brings a per-user database up to the newest schema: each pending migration in a transaction
// with its user_version bump; a database written by a newer app is refused, never touched.
import type Database from 'better-sqlite3';
import { AppError } from '../../../domain/errors';
import { migrations as allMigrations, type Migration } from './migrations/index';

export function latestVersion(migrations: readonly Migration[] = allMigrations): number {
  return migrations.at(-1)?.version ?? 0;
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies migrations up to `target` (default: all); returns the version reached. */
export function migrate(
  db: Database.Database,
  options: { migrations?: readonly Migration[]; target?: number } = {},
): number {
  const migrations = options.migrations ?? allMigrations;
  for (let i = 1; i < migrations.length; i++) {
    if (migrations[i]!.version <= migrations[i - 1]!.version) {
      throw new Error(`Migrations out of order at version ${migrations[i]!.version}`);
    }
  }
  const known = latestVersion(migrations);
  const target = options.target ?? known;
  const current = schemaVersion(db);
  if (current > known) throw new AppError('STORE_TOO_NEW', { found: current, known });
  for (const m of migrations) {
    if (m.version <= current || m.version > target) continue;
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return schemaVersion(db);
}
