// The demo world must be one a real portal would accept: valid IDs and USCCs, consistent roles.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { checkResidentId, checkUscc } from '../../domain/ids';
import { demoPersons, demoUnits } from '../../server/demo/demo-data';
import { seedDemo } from '../../server/demo/seed';
import { migrate } from '../../server/store/database';
import { Directory } from '../../server/store/directory';

describe('demo data', () => {
  it.each(demoUnits.map((u) => [u.name, u.uscc]))(
    '%s has a USCC that passes the GB 32100 check (%s)',
    (_name, uscc) => {
      expect(checkUscc(uscc)).toMatchObject({ ok: true, normalized: uscc });
    },
  );

  it.each(Object.values(demoPersons).map((p) => [p.name, p.residentId]))(
    '%s has a resident ID that passes the GB 11643 check (%s)',
    (_name, id) => {
      expect(checkResidentId(id, { today: '2026-01-01' })).toMatchObject({
        ok: true,
        normalized: id,
      });
    },
  );

  it('unit numbers, USCCs and resident IDs are all distinct', () => {
    expect(new Set(demoUnits.map((u) => u.unitNo)).size).toBe(demoUnits.length);
    expect(new Set(demoUnits.map((u) => u.uscc)).size).toBe(demoUnits.length);
    const ids = Object.values(demoPersons).map((p) => p.residentId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('every role names a demo unit', () => {
    const unitNos = new Set<string>(demoUnits.map((u) => u.unitNo));
    for (const p of Object.values(demoPersons))
      for (const r of p.roles) expect(unitNos.has(r.unitNo)).toBe(true);
  });
});

describe('--demo seeding', () => {
  const seeded = () => {
    const db = new Database(':memory:');
    migrate(db);
    seedDemo(db);
    return db;
  };

  it('张伟 is 法人 of two units, 李娜 经办人 of one, 王芳 of none, 赵强 unknown', () => {
    const dir = new Directory(seeded());
    const roles = (id: string) => dir.unitsOfPerson(id).map((u) => `${u.unitNo}:${u.role}`);
    expect(roles(demoPersons.legal.residentId)).toEqual(['32010000001:legal', '32010000002:legal']);
    expect(roles(demoPersons.agent.residentId)).toEqual(['32010000001:agent']);
    expect(dir.findPerson(demoPersons.unauthorized.residentId)?.name).toBe('王芳');
    expect(roles(demoPersons.unauthorized.residentId)).toEqual([]);
    expect(dir.findPerson(demoPersons.unregisteredPerson.residentId)).toBeUndefined();
  });

  it('seeding again changes nothing', () => {
    const db = seeded();
    const snapshot = () =>
      ['units', 'persons', 'unit_roles'].map((t) =>
        db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all(),
      );
    const before = snapshot();
    seedDemo(db);
    seedDemo(db);
    expect(snapshot()).toEqual(before);
  });
});
