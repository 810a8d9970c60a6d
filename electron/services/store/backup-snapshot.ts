// What backup and restore ask of a database file: a consistent copy, its counts, and a restored
// copy checked and re-keyed. The files and their encryption are the backup service's.
import { applyKey, type Db } from './sqlcipher';

/** How much business a database holds: what a restore reports back to the person. */
export function businessCounts(db: Db): { declarations: number; rosterPeople: number } {
  const n = (sql: string) => db.prepare<[], { n: number }>(sql).get()!.n;
  return {
    declarations: n('SELECT count(*) AS n FROM declarations'),
    rosterPeople: n('SELECT count(*) AS n FROM roster'),
  };
}

/** A consistent snapshot of the open database into `file`, encrypted with the same key. */
export function snapshotInto(db: Db, file: string): void {
  db.prepare('VACUUM INTO ?').run(file);
}

/** Whether a database read from a backup is whole. */
export function databaseWhole(db: Db): boolean {
  return db.pragma('integrity_check', { simple: true }) === 'ok';
}

/** Re-keys a restored copy to this PC's key, in rollback-journal mode so it is one file. */
export function rekeyRestored(db: Db, key: Buffer): void {
  db.pragma('journal_mode = DELETE');
  applyKey(db, key, 'rekey');
}
