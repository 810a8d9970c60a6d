// The unit's 参保人员 in the per-user database: the full person as JSON, with the columns the
// list and search need. Sync fills it from the service; a file import fills it too.
import type { Db } from './user-store';
import {
  personKey,
  rosterPersonSchema,
  type RosterPerson,
} from '../../../domain/declarations/roster';
import { all, countSchema, dataJsonSchema, one, rosterVersionSchema } from './row-schemas';

/**
 * Stored people, read with the person schema. A bare counter change can leave a person with only
 * the fields the service sent; such a person reads as stored (the checks look at what is there)
 * rather than vanishing from the list.
 */
function readPeople(rows: readonly unknown[]): RosterPerson[] {
  return all(dataJsonSchema, rows).map((r) => {
    const value: unknown = JSON.parse(r.data_json);
    const parsed = rosterPersonSchema.safeParse(value);
    return parsed.success ? parsed.data : (value as RosterPerson);
  });
}

export class RosterTable {
  private readonly s;

  constructor(private readonly db: Db) {
    this.s = {
      all: db.prepare<[string], unknown>(
        'SELECT data_json FROM roster WHERE unit_no = ? ORDER BY name, doc_no',
      ),
      one: db.prepare<[string, string], unknown>(
        'SELECT data_json FROM roster WHERE unit_no = ? AND doc_no = ?',
      ),
      version: db.prepare<[string], unknown>(
        'SELECT version FROM roster_versions WHERE unit_no = ?',
      ),
      count: db.prepare<[string], unknown>('SELECT count(*) AS n FROM roster WHERE unit_no = ?'),
      search: db.prepare<[string, string, string, number, number], unknown>(
        `SELECT data_json FROM roster WHERE unit_no = ? AND (name LIKE ? ESCAPE '\\' OR doc_no LIKE ? ESCAPE '\\')
          ORDER BY name, doc_no LIMIT ? OFFSET ?`,
      ),
      searchCount: db.prepare<[string, string, string], unknown>(
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
    return String(one(rosterVersionSchema, this.s.version.get(unitNo))?.version ?? 0);
  }

  all(unitNo: string): RosterPerson[] {
    return readPeople(this.s.all.all(unitNo));
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
      return { total: one(countSchema, this.s.count.get(unitNo))?.n ?? 0, people };
    }
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const likeId = `%${personKey(q).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return {
      total: one(countSchema, this.s.searchCount.get(unitNo, like, likeId))?.n ?? 0,
      people: readPeople(this.s.search.all(unitNo, like, likeId, limit, offset)),
    };
  }

  /** People saved (a roster import), in one transaction. */
  upsert(unitNo: string, people: readonly RosterPerson[], now: string): void {
    this.db.transaction(() => this.upsertEach(unitNo, people, now))();
  }

  private upsertEach(unitNo: string, people: readonly RosterPerson[], now: string): void {
    for (const p of people) {
      this.put(
        { unitNo, docNo: personKey(p.documentNumber), docType: p.documentType, name: p.name },
        p.status,
        JSON.stringify(p),
        now,
      );
    }
  }

  /** One person as stored: the searchable columns and the whole person as JSON. */
  put(
    who: { unitNo: string; docNo: string; docType: string; name: string },
    status: string,
    dataJson: string,
    now: string,
  ): void {
    this.s.upsert.run(who.unitNo, who.docNo, who.docType, who.name, status, dataJson, now);
  }

  /** The stored JSON of one person (by personKey), if any. */
  dataOf(unitNo: string, docNo: string): string | undefined {
    return one(dataJsonSchema, this.s.one.get(unitNo, docNo))?.data_json;
  }
}
