// The audit log: each audited action leaves one entry with time, person, unit and result; the
// entries are hash-chained, so editing or deleting any one of them (even the newest) is found.
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api } from '../../electron/contract/api';
import type { CallContext } from '../../electron/services/app-services-types';
import { audited, auditHandlers } from '../../electron/services/audit/audit-handlers';
import { AuditService } from '../../electron/services/audit/audit-service';
import { workspaceHandlers } from '../../electron/services/workspace/workspace-handlers';
import { handlersWith } from '../support/handlers';
import {
  additionRow,
  makeWorkspace,
  MONTH,
  PERSON_KEY,
  resourcesDir,
  UNIT,
  type TestWorkspace,
} from './workspace-support';
import { sessionFor } from './trust-support';

let t: TestWorkspace;
let audit: AuditService;
let clock: Date;
let call: (method: string, input: unknown) => Promise<unknown>;
const ctx: CallContext = { transport: 'ipc' };

beforeEach(() => {
  t = makeWorkspace();
  // Noon UTC: the same local date in every time zone an office PC is likely to use.
  clock = new Date('2026-11-30T12:00:00Z');
  audit = new AuditService({ store: t.store, session: () => sessionFor(), now: () => clock });
  const handlers = audited(
    handlersWith({
      ...workspaceHandlers({ workspace: t.ws, imports: t.imports, resourcesDir }),
      ...auditHandlers(audit),
    }),
    audit,
  ) as unknown as Record<string, (input: unknown, ctx: CallContext) => Promise<unknown>>;
  call = async (method, input) => {
    const spec = api[method as keyof typeof api];
    return spec.output.parse(await handlers[method]!(spec.input.parse(input), ctx));
  };
});
afterEach(() => t.close());

type Listed = {
  entries: {
    seq: number;
    action: string;
    result: string;
    person: string;
    unitNo: string;
    detail: string;
    at: string;
  }[];
  total: number;
  chain: { ok: boolean; brokenAt?: number; reason?: string };
};

/** A day of work: login, an export, a submission refused then accepted, lock, logout. */
async function aDayOfWork(): Promise<void> {
  audit.record('login', 'ok');
  const d = (await call('workspace.create', {
    unitNo: UNIT.unitNo,
    kind: 'addition',
    month: MONTH,
  })) as { id: string };
  await call('workspace.export', { declarationId: d.id });
  await expect(
    call('workspace.submit', { declarationId: d.id, confirmWarnings: false }),
  ).rejects.toThrow();
  t.ws.edit(d.id, [], [additionRow(1)]);
  await call('workspace.submit', { declarationId: d.id, confirmWarnings: true }).catch(
    () => undefined,
  );
  clock = new Date('2026-12-01T12:00:00Z');
  audit.record('lock', 'ok');
  audit.record('logout', 'ok');
}

describe('the audit log', () => {
  it('records each action with time, person, unit and result, newest first', async () => {
    await aDayOfWork();
    const listed = (await call('audit.list', {})) as Listed;
    expect(listed.chain).toEqual({ ok: true, entries: listed.total });
    const actions = listed.entries.map((e) => `${e.action}:${e.result}`).reverse();
    expect(actions[0]).toBe('login:ok');
    expect(actions).toContain('submit:failed');
    expect(actions.slice(-2)).toEqual(['lock:ok', 'logout:ok']);
    const failed = listed.entries.find((e) => e.action === 'submit' && e.result === 'failed')!;
    expect(failed).toMatchObject({ person: '张伟', unitNo: UNIT.unitNo });
    expect(failed.detail).toMatch(/[A-Z_]{4,}/);
    expect(failed.at).toMatch(/^2026-11-30T\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
    expect(new Date(failed.at).getTime()).toBe(new Date('2026-11-30T12:00:00Z').getTime());
  });

  it('filters by action, result and date', async () => {
    await aDayOfWork();
    const submits = (await call('audit.list', { action: 'submit' })) as Listed;
    expect(submits.entries.every((e) => e.action === 'submit')).toBe(true);
    expect(submits.total).toBeGreaterThanOrEqual(2);
    const failures = (await call('audit.list', { result: 'failed' })) as Listed;
    expect(failures.entries.every((e) => e.result === 'failed')).toBe(true);
    const dec1 = (await call('audit.list', { from: '2026-12-01', to: '2026-12-01' })) as Listed;
    expect(dec1.entries.map((e) => e.action)).toEqual(['logout', 'lock']);
  });

  it('an edited entry breaks the chain at that entry', async () => {
    await aDayOfWork();
    const db = t.store.db();
    db.prepare(
      "UPDATE audit_log SET result = 'ok' WHERE action = 'submit' AND result = 'failed'",
    ).run();
    const edited = db
      .prepare<[], { seq: number }>(
        "SELECT seq FROM audit_log WHERE action = 'submit' ORDER BY seq LIMIT 1",
      )
      .get()!;
    const listed = (await call('audit.list', {})) as Listed;
    expect(listed.chain).toMatchObject({ ok: false, brokenAt: edited.seq, reason: 'edited' });
  });

  it('a deleted entry in the middle is found, even when the hashes after it are recomputed', async () => {
    await aDayOfWork();
    const db = t.store.db();
    db.prepare('DELETE FROM audit_log WHERE seq = 2').run();
    const listed = (await call('audit.list', {})) as Listed;
    expect(listed.chain).toMatchObject({ ok: false, brokenAt: 2, reason: 'deleted' });
  });

  it('deleting the newest entries is found too (the anchor outside the database)', async () => {
    await aDayOfWork();
    const db = t.store.db();
    const last = db.prepare<[], { n: number }>('SELECT max(seq) AS n FROM audit_log').get()!.n;
    db.prepare('DELETE FROM audit_log WHERE seq >= ?').run(last - 1);
    const listed = (await call('audit.list', {})) as Listed;
    expect(listed.chain).toMatchObject({ ok: false, brokenAt: last - 1, reason: 'truncated' });
  });

  it('survives closing and reopening, and the chain goes on', async () => {
    await aDayOfWork();
    t.reopen();
    audit.record('login', 'ok');
    const listed = (await call('audit.list', {})) as Listed;
    expect(listed.chain.ok).toBe(true);
    expect(listed.entries[0]!.action).toBe('login');
  });

  it('exports the filtered log as an xlsx a person can read, and records the export', async () => {
    await aDayOfWork();
    const file = (await call('audit.export', { action: 'submit' })) as {
      fileName: string;
      base64: string;
    };
    expect(file.fileName).toMatch(/^操作日志_\d{4}-\d{2}-\d{2}\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('操作日志')!;
    expect(sheet.getRow(1).values).toContain('操作人');
    const actions = new Set<string>();
    sheet.eachRow((row, n) => {
      if (n > 1 && typeof row.getCell(3).value === 'string')
        actions.add(String(row.getCell(3).value));
    });
    expect([...actions]).toEqual(['提交申报']);
    expect(JSON.stringify(sheet.getSheetValues())).toContain('日志完整');
    const latest = (await call('audit.list', { limit: 1 })) as Listed;
    expect(latest.entries[0]).toMatchObject({ action: 'export', result: 'ok', detail: '操作日志' });
  });

  it('nothing is recorded (and nothing fails) when no one is logged in', () => {
    t.store.close();
    expect(() => audit.record('login', 'ok')).not.toThrow();
    t.store.follow(PERSON_KEY);
  });
});
