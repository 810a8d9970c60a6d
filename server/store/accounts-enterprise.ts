// Enterprises as accounts see them: the 法人 on the insured-unit records, unit registration
// applications, the agents a 法人 names and their grants (rows of unit_roles), and
// authorizations recorded at the counter.
import type { Agent, ApplicationState } from '../../domain/protocol/accounts';
import type { Db } from './database';

export interface LegalRecord {
  uscc: string;
  legalName: string;
  legalResidentId: string;
}

export interface UnitApplicationRecord {
  applicationId: string;
  uscc: string;
  unitName: string;
  legalName: string;
  legalResidentId: string;
  agentName: string;
  agentResidentId: string;
  agentMobile: string;
  passwordHash: string;
  state: ApplicationState;
  reason: string | null;
}

interface ApplicationRow {
  application_id: string;
  uscc: string;
  unit_name: string;
  legal_name: string;
  legal_resident_id: string;
  agent_name: string;
  agent_resident_id: string;
  agent_mobile: string;
  password_hash: string;
  state: ApplicationState;
  reason: string | null;
}

export class EnterpriseStore {
  constructor(private readonly db: Db) {}

  putLegalRecord(record: LegalRecord): void {
    this.db
      .prepare(
        `INSERT INTO unit_legal_records (uscc, legal_name, legal_resident_id) VALUES (?, ?, ?)
         ON CONFLICT (uscc) DO UPDATE SET legal_name = excluded.legal_name,
           legal_resident_id = excluded.legal_resident_id`,
      )
      .run(record.uscc, record.legalName, record.legalResidentId);
  }

  legalRecord(uscc: string): LegalRecord | undefined {
    const row = this.db
      .prepare('SELECT legal_name, legal_resident_id FROM unit_legal_records WHERE uscc = ?')
      .get(uscc) as { legal_name: string; legal_resident_id: string } | undefined;
    return row && { uscc, legalName: row.legal_name, legalResidentId: row.legal_resident_id };
  }

  /** Residents who hold the 法人 role on any 参保关系 of the enterprise. */
  legalPersons(uscc: string): string[] {
    const rows = this.db
      .prepare(
        `SELECT DISTINCT r.resident_id FROM unit_roles r JOIN units u ON u.unit_no = r.unit_no
          WHERE u.uscc = ? AND r.role = 'legal'`,
      )
      .all(uscc) as { resident_id: string }[];
    return rows.map((r) => r.resident_id);
  }

  /** The enterprises (USCCs) a person is 法人 of. */
  enterprisesOfLegal(residentId: string): string[] {
    const rows = this.db
      .prepare(
        `SELECT DISTINCT u.uscc FROM unit_roles r JOIN units u ON u.unit_no = r.unit_no
          WHERE r.resident_id = ? AND r.role = 'legal' ORDER BY u.uscc`,
      )
      .all(residentId) as { uscc: string }[];
    return rows.map((r) => r.uscc);
  }

  // --- applications ---

  addApplication(app: UnitApplicationRecord, now: number): void {
    this.db
      .prepare(
        `INSERT INTO unit_applications (application_id, uscc, unit_name, legal_name,
           legal_resident_id, agent_name, agent_resident_id, agent_mobile, password_hash, state,
           reason, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        app.applicationId,
        app.uscc,
        app.unitName,
        app.legalName,
        app.legalResidentId,
        app.agentName,
        app.agentResidentId,
        app.agentMobile,
        app.passwordHash,
        app.state,
        app.reason,
        now,
      );
  }

  application(applicationId: string): UnitApplicationRecord | undefined {
    const row = this.db
      .prepare('SELECT * FROM unit_applications WHERE application_id = ?')
      .get(applicationId) as ApplicationRow | undefined;
    return (
      row && {
        applicationId: row.application_id,
        uscc: row.uscc,
        unitName: row.unit_name,
        legalName: row.legal_name,
        legalResidentId: row.legal_resident_id,
        agentName: row.agent_name,
        agentResidentId: row.agent_resident_id,
        agentMobile: row.agent_mobile,
        passwordHash: row.password_hash,
        state: row.state,
        reason: row.reason,
      }
    );
  }

  hasPendingApplication(uscc: string): boolean {
    return (
      this.db
        .prepare("SELECT 1 FROM unit_applications WHERE uscc = ? AND state = 'reviewing'")
        .get(uscc) !== undefined
    );
  }

  decideApplication(
    applicationId: string,
    state: 'approved' | 'returned',
    reason: string | null,
    now: number,
  ): void {
    this.db
      .prepare(
        'UPDATE unit_applications SET state = ?, reason = ?, decided_at = ? WHERE application_id = ?',
      )
      .run(state, reason, now, applicationId);
  }

  // --- agents and grants ---

  /** Named agents plus anyone holding an agent role on the enterprise's units (older grants). */
  agents(uscc: string): Agent[] {
    const named = this.db
      .prepare(
        'SELECT resident_id, name, mobile FROM enterprise_agents WHERE uscc = ? ORDER BY created_at, resident_id',
      )
      .all(uscc) as { resident_id: string; name: string; mobile: string }[];
    const grants = this.db
      .prepare(
        `SELECT r.resident_id, r.unit_no, p.name FROM unit_roles r
           JOIN units u ON u.unit_no = r.unit_no JOIN persons p ON p.resident_id = r.resident_id
          WHERE u.uscc = ? AND r.role = 'agent' ORDER BY r.unit_no`,
      )
      .all(uscc) as { resident_id: string; unit_no: string; name: string }[];
    const byId = new Map<string, Agent>();
    for (const a of named) {
      byId.set(a.resident_id, {
        residentId: a.resident_id,
        name: a.name,
        mobile: a.mobile,
        grantedUnitNos: [],
      });
    }
    for (const g of grants) {
      let agent = byId.get(g.resident_id);
      if (!agent) {
        agent = { residentId: g.resident_id, name: g.name, mobile: '', grantedUnitNos: [] };
        byId.set(g.resident_id, agent);
      }
      agent.grantedUnitNos.push(g.unit_no);
    }
    return [...byId.values()];
  }

  findAgent(uscc: string, residentId: string): Agent | undefined {
    return this.agents(uscc).find((a) => a.residentId === residentId);
  }

  putAgent(
    uscc: string,
    agent: { residentId: string; name: string; mobile: string },
    now: number,
    createdPerson = false,
  ): void {
    this.db
      .prepare(
        `INSERT INTO enterprise_agents (uscc, resident_id, name, mobile, created_person, created_at)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (uscc, resident_id) DO UPDATE SET name = excluded.name, mobile = excluded.mobile`,
      )
      .run(uscc, agent.residentId, agent.name, agent.mobile, createdPerson ? 1 : 0, now);
  }

  /** Did naming this agent create the person's record (so the 法人 may correct the name)? */
  createdPerson(uscc: string, residentId: string): boolean {
    const row = this.db
      .prepare('SELECT created_person FROM enterprise_agents WHERE uscc = ? AND resident_id = ?')
      .get(uscc, residentId) as { created_person: number } | undefined;
    return row?.created_person === 1;
  }

  /** Also forgets the person's record when only this agent entry ever vouched for it. */
  removeAgent(uscc: string, residentId: string): void {
    this.db.transaction(() => {
      const orphan =
        this.createdPerson(uscc, residentId) && !this.nameFixedElsewhere(residentId, uscc);
      this.db
        .prepare('DELETE FROM enterprise_agents WHERE uscc = ? AND resident_id = ?')
        .run(uscc, residentId);
      this.setGrants(uscc, residentId, []);
      if (orphan) this.db.prepare('DELETE FROM persons WHERE resident_id = ?').run(residentId);
    })();
  }

  /** The agent holds exactly these of the enterprise's units; a 法人 role is never touched. */
  setGrants(uscc: string, residentId: string, unitNos: readonly string[]): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          `DELETE FROM unit_roles WHERE resident_id = ? AND role = 'agent'
             AND unit_no IN (SELECT unit_no FROM units WHERE uscc = ?)`,
        )
        .run(residentId, uscc);
      const insert = this.db.prepare(
        `INSERT INTO unit_roles (resident_id, unit_no, role) VALUES (?, ?, 'agent')
         ON CONFLICT (resident_id, unit_no) DO NOTHING`,
      );
      for (const unitNo of unitNos) insert.run(residentId, unitNo);
    })();
  }

  /** Does anything outside this enterprise vouch for the person's name (account, other roles)? */
  nameFixedElsewhere(residentId: string, uscc: string): boolean {
    const account = this.db.prepare('SELECT 1 FROM accounts WHERE account = ?').get(residentId);
    const elsewhere = this.db
      .prepare(
        `SELECT 1 FROM unit_roles r JOIN units u ON u.unit_no = r.unit_no
          WHERE r.resident_id = ? AND u.uscc <> ?
         UNION SELECT 1 FROM enterprise_agents WHERE resident_id = ? AND uscc <> ?`,
      )
      .get(residentId, uscc, residentId, uscc);
    return account !== undefined || elsewhere !== undefined;
  }

  recordCounterAuthorization(
    uscc: string,
    agentResidentId: string,
    unitNos: readonly string[],
    attachment: { fileName: string; mimeType: string; bytes: Buffer },
    now: number,
  ): void {
    this.db
      .prepare(
        `INSERT INTO counter_authorizations (uscc, agent_resident_id, unit_nos_json,
           attachment_name, attachment_mime, attachment, at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        uscc,
        agentResidentId,
        JSON.stringify(unitNos),
        attachment.fileName,
        attachment.mimeType,
        attachment.bytes,
        now,
      );
  }
}
