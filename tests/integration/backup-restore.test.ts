// 备份 / 恢复: a password-encrypted backup of the person's whole database, restored on a fresh
// profile (another PC) equal to the original; a wrong password, a truncated or altered file, or
// another person's backup is refused with a clear message and the data on this PC untouched.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { api } from '../../electron/contract/api';
import type { CallContext } from '../../electron/services/app-services-types';
import { AuditService } from '../../electron/services/audit/audit-service';
import { auditHandlers } from '../../electron/services/audit/audit-handlers';
import { backupHandlers } from '../../electron/services/backup/backup-handlers';
import { BackupService } from '../../electron/services/backup/backup-service';
import { DATABASE_FILE } from '../../electron/services/store/user-store';
import { handlersWith } from '../support/handlers';
import {
  additionRow,
  makeWorkspace,
  MONTH,
  PERSON_KEY,
  rosterPerson,
  UNIT,
  type TestWorkspace,
} from './workspace-support';
import { sessionFor } from './trust-support';

const PASSWORD = '备份密码Backup-2026';
const ctx: CallContext = { transport: 'browser' };
const opened: TestWorkspace[] = [];
afterEach(() => {
  for (const w of opened.splice(0)) w.close();
});

interface Pc {
  w: TestWorkspace;
  audit: AuditService;
  call: (method: string, input: unknown) => Promise<unknown>;
}

/** One PC: a workspace on its own data folder, with the backup and audit methods. */
function pc(dir?: string): Pc {
  const w = makeWorkspace(dir);
  opened.push(w);
  const audit = new AuditService({ store: w.store, session: () => sessionFor() });
  const backup = new BackupService({ store: w.store, audit, person: () => '张伟' });
  const handlers = handlersWith({
    ...backupHandlers(backup),
    ...auditHandlers(audit),
  }) as unknown as Record<string, (input: unknown, ctx: CallContext) => Promise<unknown>>;
  return {
    w,
    audit,
    call: async (method, input) => {
      const spec = api[method as keyof typeof api];
      return spec.output.parse(await handlers[method]!(spec.input.parse(input), ctx));
    },
  };
}

/** Everything a person would compare: declarations with their rows, and the roster. */
function contents(w: TestWorkspace): unknown {
  const declarations = w.ws.list(UNIT.unitNo);
  return {
    declarations,
    rows: declarations.map((d) => w.ws.rows(d.id, 0, 100_000).rows),
    roster: w.ws.roster(UNIT.unitNo, '', 0, 100_000),
  };
}

function withData(w: TestWorkspace): void {
  w.ws.saveRoster(
    UNIT.unitNo,
    Array.from({ length: 120 }, (_, i) => rosterPerson(i)),
  );
  const a = w.ws.create({ unitNo: UNIT.unitNo, kind: 'addition', month: MONTH });
  w.ws.edit(
    a.id,
    [],
    Array.from({ length: 300 }, (_, i) => additionRow(1000 + i)),
  );
  w.ws.rename(a.id, '七月新进员工（第二批）');
}

async function backupOf(p: Pc): Promise<Buffer> {
  const out = (await p.call('backup.create', { password: PASSWORD })) as {
    fileName: string;
    base64: string;
  };
  expect(out.fileName).toMatch(/^社保经办助手备份_\d{14}\.sbbak$/);
  return Buffer.from(out.base64, 'base64');
}

const restoreInput = (bytes: Buffer, password = PASSWORD) => ({
  password,
  file: { fileName: '社保经办助手备份.sbbak', base64: bytes.toString('base64') },
});

async function refusal(
  p: Pc,
  input: unknown,
): Promise<{ code: string; message: string; action: string }> {
  try {
    await p.call('backup.restore', input);
  } catch (error) {
    const e = error as { code: string; toInfo(): { message: string; action: string } };
    return { code: e.code, ...e.toInfo() };
  }
  throw new Error('restore was not refused');
}

describe('backup and restore', () => {
  it('a backup restored on a fresh profile equals the original', async () => {
    const original = pc();
    withData(original.w);
    original.audit.record('login', 'ok');
    const expected = contents(original.w);
    const file = await backupOf(original);
    // Nothing readable in the file: no names, no ID numbers.
    expect(file.includes(Buffer.from(additionRow(1000).documentNumber))).toBe(false);
    expect(file.includes(Buffer.from('七月新进员工'))).toBe(false);

    const fresh = pc();
    expect(fresh.w.ws.list(UNIT.unitNo)).toEqual([]);
    const outcome = (await fresh.call('backup.restore', restoreInput(file))) as {
      declarations: number;
      rosterPeople: number;
    };
    expect(outcome).toMatchObject({ declarations: 1, rosterPeople: 120 });
    expect(contents(fresh.w)).toEqual(expected);
    // It stays so after the app restarts, and the restored database uses this PC's key.
    fresh.w.reopen();
    expect(contents(fresh.w)).toEqual(expected);
    const keyOf = (w: TestWorkspace) =>
      readFileSync(join(w.dir, 'users', PERSON_KEY, 'database.key'), 'utf8');
    expect(keyOf(fresh.w)).not.toEqual(keyOf(original.w));
    // The audit log came along, still whole, and says a restore happened.
    const audit = (await fresh.call('audit.list', {})) as {
      entries: { action: string; result: string }[];
      chain: { ok: boolean };
    };
    expect(audit.chain.ok).toBe(true);
    expect(audit.entries[0]).toMatchObject({ action: 'restore', result: 'ok' });
    expect(audit.entries.map((e) => e.action)).toEqual(['restore', 'login']);
    expect(readdirSync(join(fresh.w.dir, 'users', PERSON_KEY))).not.toContain(
      `${DATABASE_FILE}.restoring`,
    );
  }, 60_000);

  it('a wrong password, a truncated or altered file are refused and change nothing', async () => {
    const source = pc();
    withData(source.w);
    const file = await backupOf(source);

    const target = pc();
    const d = target.w.ws.create({ unitNo: UNIT.unitNo, kind: 'reduction', month: MONTH });
    target.w.ws.rename(d.id, '本机现有的草稿');
    const before = contents(target.w);

    const wrong = await refusal(target, restoreInput(file, 'not-the-password'));
    expect(wrong.code).toBe('BACKUP_PASSWORD_WRONG');
    expect(wrong.action).toContain('本机现有数据没有任何改变');

    const truncated = await refusal(target, restoreInput(file.subarray(0, file.length - 1000)));
    expect(truncated.code).toBe('BACKUP_FILE_DAMAGED');
    expect(truncated.message).toContain('不是完整的');

    const flipped = Buffer.from(file);
    flipped[Math.floor(flipped.length / 2)]! ^= 0x01;
    expect((await refusal(target, restoreInput(flipped))).code).toBe('BACKUP_PASSWORD_WRONG');

    // The header is authenticated too: a cheaper scrypt cost written into it does not pass.
    const text = file.toString('latin1').replace('"N":65536', '"N":16384');
    expect((await refusal(target, restoreInput(Buffer.from(text, 'latin1')))).code).toBe(
      'BACKUP_PASSWORD_WRONG',
    );

    const notABackup = Buffer.from('PK\u0003\u0004 an xlsx perhaps');
    expect((await refusal(target, restoreInput(notABackup))).code).toBe('BACKUP_FILE_DAMAGED');

    expect(contents(target.w)).toEqual(before);
    // Each refusal is in the audit log.
    const audit = (await target.call('audit.list', { action: 'restore' })) as {
      entries: { result: string; detail: string }[];
    };
    expect(audit.entries.map((e) => e.result)).toEqual(Array(5).fill('failed'));
    expect(audit.entries.at(-1)!.detail).toBe('BACKUP_PASSWORD_WRONG');
  }, 60_000);

  it('another person’s backup is refused, naming whose it is', async () => {
    const other = makeWorkspace();
    opened.push(other);
    other.store.follow('cd'.repeat(16));
    const audit = new AuditService({ store: other.store, session: () => sessionFor('李娜') });
    const backup = new BackupService({ store: other.store, audit, person: () => '李娜' });
    const file = Buffer.from((await backup.create(PASSWORD)).base64, 'base64');
    const mine = pc();
    const refused = await refusal(mine, restoreInput(file));
    expect(refused.code).toBe('BACKUP_OTHER_PERSON');
    expect(refused.message).toContain('李娜');
  }, 60_000);

  it('a short backup password is refused before anything is written', async () => {
    const p = pc();
    await expect(p.call('backup.create', { password: '1234567' })).rejects.toMatchObject({
      code: 'BACKUP_PASSWORD_WEAK',
    });
  });
});
