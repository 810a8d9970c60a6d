// The demo world shared by the reference server's `--demo` seed and the demo token set: three
// units, the people who act for them, and one person the service has never heard of.
// Every USCC passes the GB 32100 check and every resident ID the GB 11643 check.
import type { CertificateHolder } from '../../domain/certificate-subject';
import type { UnitRole } from '../../domain/protocol/auth';

export interface DemoUnit {
  /** 单位编号 as the social-insurance service numbers units. */
  unitNo: string;
  name: string;
  /** 统一社会信用代码 */
  uscc: string;
}

export interface DemoPerson {
  name: string;
  /** 公民身份号码 */
  residentId: string;
  /** False only for the person the service has no record of (PERSON_NOT_FOUND). */
  registered: boolean;
  roles: readonly { unitNo: string; role: UnitRole }[];
}

export const demoUnits = [
  { unitNo: '32010000001', name: '南京云帆科技有限公司', uscc: '91320102MA1XYF005A' },
  { unitNo: '32010000002', name: '南京云帆贸易有限公司', uscc: '91320105MA1XYF013G' },
  { unitNo: '23010000003', name: '哈尔滨北岭食品有限公司', uscc: '91230103MA1BLN022M' },
] as const satisfies readonly DemoUnit[];

export const demoPersons = {
  /** 法人 of the first two units: logs in and chooses between two units. */
  legal: {
    name: '张伟',
    residentId: '32010219780312351X',
    registered: true,
    roles: [
      { unitNo: '32010000001', role: 'legal' },
      { unitNo: '32010000002', role: 'legal' },
    ],
  },
  /** 经办人 authorized for the first unit only. */
  agent: {
    name: '李娜',
    residentId: '32010619900517232X',
    registered: true,
    roles: [{ unitNo: '32010000001', role: 'agent' }],
  },
  /** A registered 经办人 whom no 法人 has authorized: AGENT_NOT_AUTHORIZED. */
  unauthorized: {
    name: '王芳',
    residentId: '320113199208084120',
    registered: true,
    roles: [],
  },
  /** Holds a valid certificate but is not in the service's records: PERSON_NOT_FOUND. */
  unregisteredPerson: {
    name: '赵强',
    residentId: '230103198506255734',
    registered: false,
    roles: [],
  },
} as const satisfies Record<string, DemoPerson>;

export type DemoPersonKey = keyof typeof demoPersons;

export const DEMO_USER_PIN = '123456';
export const DEMO_SO_PIN = '12345678';

/** The certificate holder of a person's certificate; `unitName` goes into O when given. */
export function personHolder(person: DemoPerson, unitName?: string): CertificateHolder {
  return unitName
    ? { kind: 'person', name: person.name, residentId: person.residentId, unitName }
    : { kind: 'person', name: person.name, residentId: person.residentId };
}

/** The certificate holder of a unit certificate (单位证书): logs in as the unit itself. */
export function unitHolder(unit: DemoUnit): CertificateHolder {
  return { kind: 'unit', name: unit.name, uscc: unit.uscc };
}

export function demoUnit(unitNo: string): DemoUnit {
  const unit = demoUnits.find((u) => u.unitNo === unitNo);
  if (!unit) throw new Error(`No demo unit ${unitNo}`);
  return unit;
}
