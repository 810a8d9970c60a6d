// Whether a per-user database file passes SQLite's integrity check. Opened read-only, so a check
// never changes the file; never throws.
import Database from 'better-sqlite3';

export function databaseIntact(file: string): boolean {
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    return rows.length === 1 && rows[0]?.integrity_check === 'ok';
  } catch {
    return false;
  } finally {
    db?.close();
  }
}
