// Each unit's roster (参保人员) as the service holds it: what declarations are checked against.
import { personKey, rosterPersonSchema, type RosterPerson } from '../../domain/declarations/roster';
import type { Db } from './database';

export class RosterStore {
  private readonly selectAll;
  private readonly selectOne;
  private readonly upsert;
  private readonly selectAnyUnit;

  constructor(db: Db) {
    this.selectAll = db.prepare(
      'SELECT data_json FROM roster WHERE unit_no = ? ORDER BY person_key',
    );
    this.selectOne = db.prepare(
      'SELECT data_json FROM roster WHERE unit_no = ? AND person_key = ?',
    );
    this.selectAnyUnit = db.prepare(
      'SELECT data_json FROM roster WHERE person_key = ? ORDER BY unit_no LIMIT 1',
    );
    this.upsert = db.prepare(
      `INSERT INTO roster (unit_no, person_key, data_json, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (unit_no, person_key) DO UPDATE SET data_json = excluded.data_json,
         updated_at = excluded.updated_at`,
    );
  }

  all(unitNo: string): RosterPerson[] {
    const rows = this.selectAll.all(unitNo) as { data_json: string }[];
    return rows.map((r) => rosterPersonSchema.parse(JSON.parse(r.data_json)));
  }

  find(unitNo: string, documentNumber: string): RosterPerson | undefined {
    const row = this.selectOne.get(unitNo, personKey(documentNumber)) as
      { data_json: string } | undefined;
    return row ? rosterPersonSchema.parse(JSON.parse(row.data_json)) : undefined;
  }

  /** The person as any unit's roster has them: the insured-person records registration checks. */
  findInAnyUnit(documentNumber: string): RosterPerson | undefined {
    const row = this.selectAnyUnit.get(personKey(documentNumber)) as
      { data_json: string } | undefined;
    return row ? rosterPersonSchema.parse(JSON.parse(row.data_json)) : undefined;
  }

  put(unitNo: string, person: RosterPerson, now: number): void {
    const checked = rosterPersonSchema.parse(person);
    this.upsert.run(unitNo, personKey(checked.documentNumber), JSON.stringify(checked), now);
  }
}
