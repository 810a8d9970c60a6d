// Who the service knows: units, persons, and which person may act for which unit in which role.
import { unitRoleSchema, type UnitAccess } from '../../domain/protocol/auth';
import type { Db } from './database';

export interface UnitRecord {
  unitNo: string;
  name: string;
  uscc: string;
}

export interface PersonRecord {
  residentId: string;
  name: string;
}

interface UnitAccessRow {
  unit_no: string;
  name: string;
  uscc: string;
  role: string;
}

const toAccess = (row: UnitAccessRow): UnitAccess => ({
  unitNo: row.unit_no,
  name: row.name,
  uscc: row.uscc,
  role: unitRoleSchema.parse(row.role),
});

export class Directory {
  constructor(private readonly db: Db) {}

  upsertUnit(unit: UnitRecord): void {
    this.db
      .prepare(
        `INSERT INTO units (unit_no, name, uscc) VALUES (@unitNo, @name, @uscc)
         ON CONFLICT (unit_no) DO UPDATE SET name = excluded.name, uscc = excluded.uscc`,
      )
      .run(unit);
  }

  upsertPerson(person: PersonRecord): void {
    this.db
      .prepare(
        `INSERT INTO persons (resident_id, name) VALUES (@residentId, @name)
         ON CONFLICT (resident_id) DO UPDATE SET name = excluded.name`,
      )
      .run(person);
  }

  grantRole(residentId: string, unitNo: string, role: UnitAccess['role']): void {
    this.db
      .prepare(
        `INSERT INTO unit_roles (resident_id, unit_no, role) VALUES (?, ?, ?)
         ON CONFLICT (resident_id, unit_no) DO UPDATE SET role = excluded.role`,
      )
      .run(residentId, unitNo, role);
  }

  revokeRole(residentId: string, unitNo: string): void {
    this.db
      .prepare('DELETE FROM unit_roles WHERE resident_id = ? AND unit_no = ?')
      .run(residentId, unitNo);
  }

  findPerson(residentId: string): PersonRecord | undefined {
    const row = this.db
      .prepare('SELECT resident_id, name FROM persons WHERE resident_id = ?')
      .get(residentId) as { resident_id: string; name: string } | undefined;
    return row && { residentId: row.resident_id, name: row.name };
  }

  findUnit(unitNo: string): UnitRecord | undefined {
    const row = this.db
      .prepare('SELECT unit_no, name, uscc FROM units WHERE unit_no = ?')
      .get(unitNo) as { unit_no: string; name: string; uscc: string } | undefined;
    return row && { unitNo: row.unit_no, name: row.name, uscc: row.uscc };
  }

  findUnitByUscc(uscc: string): UnitRecord | undefined {
    const row = this.db
      .prepare('SELECT unit_no, name, uscc FROM units WHERE uscc = ?')
      .get(uscc) as { unit_no: string; name: string; uscc: string } | undefined;
    return row && { unitNo: row.unit_no, name: row.name, uscc: row.uscc };
  }

  /** Every 参保关系 (单位编号) of one enterprise, by its USCC. */
  unitsByUscc(uscc: string): UnitRecord[] {
    const rows = this.db
      .prepare('SELECT unit_no, name, uscc FROM units WHERE uscc = ? ORDER BY unit_no')
      .all(uscc) as { unit_no: string; name: string; uscc: string }[];
    return rows.map((row) => ({ unitNo: row.unit_no, name: row.name, uscc: row.uscc }));
  }

  unitsOfPerson(residentId: string): UnitAccess[] {
    const rows = this.db
      .prepare(
        `SELECT u.unit_no, u.name, u.uscc, r.role
           FROM unit_roles r JOIN units u ON u.unit_no = r.unit_no
          WHERE r.resident_id = ?
          ORDER BY u.unit_no`,
      )
      .all(residentId) as UnitAccessRow[];
    return rows.map(toAccess);
  }
}
