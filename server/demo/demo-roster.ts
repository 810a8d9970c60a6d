// The demo units' rosters (参保人员), put on the service's roster by `--demo` so that 减员 and
// 缴费基数申报 have someone to act on. Resident IDs are built with a valid GB 11643 check digit.
import type { RosterPerson } from '../../domain/declarations/roster';
import { residentIdCheckDigit } from '../../domain/ids';
import { allKinds } from '../../domain/insurance/kinds';

function residentId(region: string, birth: string, seq: number): string {
  const first17 = region + birth.replace(/-/g, '') + String(seq).padStart(3, '0');
  return first17 + residentIdCheckDigit(first17);
}

/** Odd sequence numbers are men, even ones women (GB 11643). */
function person(
  name: string,
  region: string,
  birthDate: string,
  seq: number,
  baseFen: number,
): RosterPerson {
  return {
    name,
    documentType: 'residentId',
    documentNumber: residentId(region, birthDate, seq),
    gender: seq % 2 === 1 ? 'male' : 'female',
    birthDate,
    status: 'insured',
    insuredFrom: '2021-03-01',
    lastPaidMonth: '',
    baseFen,
    kinds: { ...allKinds },
  };
}

export const demoRosters: Readonly<Record<string, readonly RosterPerson[]>> = {
  '32010000001': [
    person('陈静', '320102', '1988-04-12', 22, 900_000),
    person('刘洋', '320104', '1991-09-03', 31, 1_050_000),
    person('杨帆', '320105', '1985-12-20', 53, 1_200_000),
    person('黄磊', '320106', '1993-06-08', 17, 780_000),
    person('周敏', '320111', '1990-01-25', 44, 860_000),
  ],
  '32010000002': [
    person('吴昊', '320102', '1987-07-15', 19, 950_000),
    person('徐丽', '320113', '1994-02-27', 26, 720_000),
  ],
  '23010000003': [person('孙鹏', '230103', '1986-10-05', 35, 680_000)],
};
