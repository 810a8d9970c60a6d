// Shared by the domain tests: the shipped region tables read from disk, and real-looking people.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { residentIdCheckDigit } from '../../../domain/ids';
import { parseRegionTable, type RegionTable } from '../../../domain/insurance/region-table';
import type { RosterPerson } from '../../../domain/declarations/roster';
import type { AdditionRow } from '../../../domain/declarations/addition';
import { allKinds } from '../../../domain/insurance/kinds';

export const regionsDir = fileURLToPath(new URL('../../../resources/regions/', import.meta.url));

export function readRegionJson(file: string): unknown {
  return JSON.parse(readFileSync(regionsDir + file, 'utf8')) as unknown;
}

export function loadShippedTables(): RegionTable[] {
  return readdirSync(regionsDir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => {
      const r = parseRegionTable(readRegionJson(f));
      if (!r.ok) throw new Error(`${f}: ${JSON.stringify(r.issues)}`);
      return r.table;
    });
}

/** A valid 18-digit ID: region + YYYYMMDD + 3-digit sequence (odd = male) + check digit. */
export function makeId(region: string, birth: string, seq: number): string {
  const first17 = region + birth.replace(/-/g, '') + String(seq).padStart(3, '0');
  return first17 + residentIdCheckDigit(first17);
}

export function rosterPerson(
  over: Partial<RosterPerson> & { documentNumber: string },
): RosterPerson {
  return {
    name: '张三',
    documentType: 'residentId',
    gender: 'male',
    birthDate: '1990-03-07',
    status: 'insured',
    insuredFrom: '2020-01-01',
    lastPaidMonth: '',
    baseFen: 800_000,
    kinds: { ...allKinds },
    ...over,
  };
}

export function additionRow(over: Partial<AdditionRow> = {}): AdditionRow {
  return {
    reason: 'newEnrolment',
    name: '李四',
    documentType: 'residentId',
    documentNumber: makeId('320102', '1995-06-18', 21),
    gender: null,
    birthDate: '',
    householdType: 'localUrban',
    employmentType: 'contract',
    insuredFrom: '2025-03-01',
    wageFen: 800_000,
    kinds: { ...allKinds },
    mobile: '13912345678',
    ...over,
  };
}
