// The unit's 参保人员 in the per-user database: the full person as JSON, with the columns the
// list and search need. Sync (issue 6) fills it from the service; a file import fills it too.
import type { Db } from '../store/user-store';
import { personKey, type RosterPerson } from '../../../domain/declarations/roster';

export class RosterRepo {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      all: db.prepare<[string], { data_json: string }>(
        'SELECT data_json FROM roster WHERE unit_no = ? ORDER BY name, doc_no',
      ),
      version: db.prepare<[string], { version: number }>(
        'SELECT version FROM roster_versions WHERE unit_no = ?',
      ),
      count: db.prepare<[string], { n: number }>(
        'SELECT count(*) AS n FROM roster WHERE unit_no = ?',
      ),
      search: db.prepare<[string, string, string, number, number], { data_json: string }>(
        `SELECT data_json FROM roster WHERE unit_no = ? AND (name LIKE ? ESCAPE '\\' OR doc_no LIKE ? ESCAPE '\\')
          ORDER BY name, doc_no LIMIT ? OFFSET ?`,
      ),
      searchCount: db.prepare<[string, string, string], { n: number }>(
        `SELECT count(*) AS n FROM roster WHERE unit_no = ? AND (name LIKE ? ESCAPE '\\' OR doc_no LIKE ? ESCAPE '\\')`,
      ),
      upsert: db.prepare<[string, string, string, string, string, string, string]>(
        `INSERT INTO roster (unit_no, doc_no, doc_type, name, status, data_json, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (unit_no, doc_no) DO UPDATE SET doc_type = excluded.doc_type, name = excluded.name,
           status = excluded.status, data_json = excluded.data_json, updated_at = excluded.updated_at`,
      ),
    };
  }

  /** Changes whenever anything (sync, an import) wrote the unit's roster: kept by triggers. */
  version(unitNo: string): string {
    return String(this.s.version.get(unitNo)?.version ?? 0);
  }

  all(unitNo: string): RosterPerson[] {
    return this.s.all.all(unitNo).map((r) => JSON.parse(r.data_json) as RosterPerson);
  }

  search(
    unitNo: string,
    query: string,
    offset: number,
    limit: number,
  ): { total: number; people: RosterPerson[] } {
    const q = query.trim();
    if (q === '') {
      const people = this.all(unitNo).slice(offset, offset + limit);
      return { total: this.s.count.get(unitNo)?.n ?? 0, people };
    }
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const likeId = `%${personKey(q).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return {
      total: this.s.searchCount.get(unitNo, like, likeId)?.n ?? 0,
      people: this.s.search
        .all(unitNo, like, likeId, limit, offset)
        .map((r) => JSON.parse(r.data_json) as RosterPerson),
    };
  }

  upsert(unitNo: string, people: readonly RosterPerson[], now: string): void {
    for (const p of people) {
      this.s.upsert.run(
        unitNo,
        personKey(p.documentNumber),
        p.documentType,
        p.name,
        p.status,
        JSON.stringify(p),
        now,
      );
    }
  }
}
