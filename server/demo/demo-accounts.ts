// The demo world of accounts: a second 参保关系 of the first enterprise, the 法人 on each
// insured unit's record, a registered unit account with a password, the 经办人 its 法人 has
// named, and an insured unit that has not registered yet. IDs pass their check digits.
import type { Db } from '../store/database';
import { Directory } from '../store/directory';
import { AccountStore } from '../store/accounts';
import { EnterpriseStore } from '../store/accounts-enterprise';
import { hashPassword } from '../accounts/password-hash';
import { demoPersons, demoUnits, type DemoUnit } from './demo-data';

const [yunfanTech, yunfanTrade, beiling] = demoUnits;

/** Another 单位编号 under 南京云帆科技's USCC (机关事业养老 registered separately). */
export const demoSecondInsurance = {
  unitNo: '32010000004',
  name: yunfanTech.name,
  uscc: yunfanTech.uscc,
} as const satisfies DemoUnit;

/** On the insured-unit records, with its 法人, but no one has registered it. */
export const demoUnregisteredUnit = {
  unitNo: '32010000005',
  name: '南京启明文化传媒有限公司',
  uscc: '91320106MA1QM7K0A3',
} as const satisfies DemoUnit;

export const demoUnregisteredLegal = { name: '刘洋', residentId: '320106198206112812' } as const;
export const demoBeilingLegal = { name: '孙立军', residentId: '230102197509213010' } as const;

/** 南京云帆科技 has registered its unit account; 李娜 is its registered 经办人. */
export const demoUnitAccount = {
  account: yunfanTech.uscc,
  password: 'Yunfan2024',
  agentMobile: '13812345678',
} as const;

export async function seedAccountsDemo(db: Db): Promise<void> {
  const directory = new Directory(db);
  const accounts = new AccountStore(db);
  const enterprise = new EnterpriseStore(db);
  const now = Date.now();
  const passwordHash = accounts.find(demoUnitAccount.account)
    ? null
    : await hashPassword(demoUnitAccount.password);
  db.transaction(() => {
    directory.upsertUnit(demoSecondInsurance);
    directory.upsertUnit(demoUnregisteredUnit);
    const legal = demoPersons.legal;
    for (const unit of [yunfanTech, yunfanTrade]) {
      enterprise.putLegalRecord({
        uscc: unit.uscc,
        legalName: legal.name,
        legalResidentId: legal.residentId,
      });
    }
    enterprise.putLegalRecord({
      uscc: beiling.uscc,
      legalName: demoBeilingLegal.name,
      legalResidentId: demoBeilingLegal.residentId,
    });
    enterprise.putLegalRecord({
      uscc: demoUnregisteredUnit.uscc,
      legalName: demoUnregisteredLegal.name,
      legalResidentId: demoUnregisteredLegal.residentId,
    });
    const agent = demoPersons.agent;
    enterprise.putAgent(
      yunfanTech.uscc,
      { residentId: agent.residentId, name: agent.name, mobile: demoUnitAccount.agentMobile },
      now,
    );
    if (passwordHash) {
      accounts.create(
        {
          account: demoUnitAccount.account,
          kind: 'unit',
          passwordHash,
          mustChange: false,
          mobile: demoUnitAccount.agentMobile,
          agentResidentId: agent.residentId,
          agentName: agent.name,
          legalName: legal.name,
          legalResidentId: legal.residentId,
        },
        now,
      );
    }
  })();
}
