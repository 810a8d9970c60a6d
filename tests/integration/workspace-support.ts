// A workspace on a real SQLite file in a temp dir, with the repository's region tables, for the
// workspace and store tests. The unit is a Jiangsu one (USCC region 320102 → 江苏's table).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { AppError } from '../../domain/errors';
import { residentIdCheckDigit } from '../../domain/ids';
import { allKinds } from '../../domain/insurance/kinds';
import type { RosterPerson } from '../../domain/declarations/roster';
import type { AdditionRow } from '../../domain/declarations/addition';
import { UserStore } from '../../electron/services/store/user-store';
import { loadRegionTables } from '../../electron/services/workspace/regions';
import { WorkspaceService } from '../../electron/services/workspace/workspace-service';
import { ImportService } from '../../electron/services/workspace/import/import-service';

export const repoRoot = resolve(import.meta.dirname, '../..');
export const resourcesDir = join(repoRoot, 'resources');
export const UNIT = { unitNo: '32010000001', uscc: '91320102MA1XYF005A' };
export const PERSON_KEY = 'ab'.repeat(16);
export const TODAY = '2024-07-15';
export const MONTH = '2024-07';

export interface TestWorkspace {
  dir: string;
  store: UserStore;
  ws: WorkspaceService;
  imports: ImportService;
  reopen(): void;
  close(): void;
}

export function makeWorkspace(dir = mkdtempSync(join(tmpdir(), 'shebao-ws-'))): TestWorkspace {
  const store = new UserStore(join(dir, 'users'));
  store.follow(PERSON_KEY);
  const tables = loadRegionTables(resourcesDir);
  const ws = new WorkspaceService({
    store,
    tables,
    unit: (unitNo) => (unitNo === UNIT.unitNo ? UNIT : null),
    today: () => TODAY,
  });
  const imports = new ImportService(ws, { today: () => TODAY });
  return {
    dir,
    store,
    ws,
    imports,
    reopen() {
      store.follow(null);
      store.follow(PERSON_KEY);
    },
    close() {
      store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The AppError code `fn` throws, or undefined when it returns; any other error is rethrown. */
export function appErrorCodeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  return undefined;
}

/** A valid 18-digit resident ID for a birth date (YYYYMMDD) and sequence (0–999, odd = male). */
export function residentId(birth: string, seq: number, region = '320102'): string {
  const first17 = `${region}${birth}${String(seq).padStart(3, '0')}`;
  return first17 + residentIdCheckDigit(first17);
}

/** The nth distinct valid ID (varied birth dates so 100,000 of them stay unique). */
export function nthId(n: number): string {
  const year = 1970 + (n % 30);
  const day = 1 + (Math.floor(n / 30) % 28);
  const month = 1 + (Math.floor(n / 840) % 12);
  const seq = Math.floor(n / 10080) % 1000;
  return residentId(`${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`, seq);
}

const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const given = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰';
/** A plausible name for person n (names with digits would be flagged by the checks). */
export function nameOf(n: number): string {
  return (
    surnames[n % surnames.length]! +
    given[Math.floor(n / surnames.length) % given.length]! +
    given[Math.floor(n / (surnames.length * given.length)) % given.length]!
  );
}

export function additionRow(n: number, overrides: Partial<AdditionRow> = {}): AdditionRow {
  return {
    reason: 'newEnrolment',
    name: nameOf(n),
    documentType: 'residentId',
    documentNumber: nthId(n),
    gender: null,
    birthDate: '',
    householdType: 'localUrban',
    employmentType: 'contract',
    insuredFrom: '2024-07-01',
    wageFen: 800_000,
    kinds: { ...allKinds },
    mobile: '',
    ...overrides,
  };
}

export function rosterPerson(n: number, overrides: Partial<RosterPerson> = {}): RosterPerson {
  const id = nthId(n);
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  return {
    name: nameOf(n),
    documentType: 'residentId',
    documentNumber: id,
    gender: Number(id[16]) % 2 === 1 ? 'male' : 'female',
    birthDate: birth,
    status: 'insured',
    insuredFrom: '2020-01-01',
    lastPaidMonth: '',
    baseFen: 800_000,
    kinds: { ...allKinds },
    ...overrides,
  };
}
