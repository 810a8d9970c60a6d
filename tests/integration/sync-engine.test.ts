// Sync, client side against the real reference server: signed pushes through a SoftHSM2 token,
// review results and counter changes pulled back, conflicts marked, maintenance honoured.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  UNIT,
  additionRow,
  declarationStates,
  draftDeclaration,
  outboxCounts,
  queueDeclaration,
  reviewer,
  serviceMonth,
  startDemoSync,
  until,
  type DemoSync,
  type ReferenceServer,
  type SyncClient,
} from './sync-support';
import { clientStoreOf } from '../../electron/services/store/client-store';
import type { SyncStatus } from '../../electron/contract/views-sync';

let sync: DemoSync | undefined;
let server: ReferenceServer;
let client: SyncClient;
const statuses: SyncStatus[] = [];
const month = serviceMonth();

beforeAll(async () => {
  sync = await startDemoSync({
    autoStart: false,
    options: { backoff: { baseMs: 20, maxMs: 200 }, pullIntervalMs: 60_000 },
  });
  ({ server, client } = sync);
  client.engine.onStatus((s) => statuses.push(s));
}, 180_000);

afterAll(async () => {
  await sync?.close();
});

describe('signed sync with the reference service', () => {
  it('uploads queued 增员 once, signed by the token: 待上传 becomes 已上传 and the outbox empties', async () => {
    const a = queueDeclaration(client.db, UNIT, 'addition', month, [additionRow(1, month)]);
    const b = queueDeclaration(client.db, UNIT, 'addition', month, [additionRow(2, month)]);
    expect(client.engine.store.pendingCount(UNIT)).toBe(2);

    const status = await client.engine.syncOnce();

    expect(status.state).toBe('idle');
    expect(status.pendingCount).toBe(0);
    expect(status.lastSyncAt).not.toBeNull();
    const states = declarationStates(client.db, UNIT);
    expect(states.get(a.declarationId)).toBe('uploaded');
    expect(states.get(b.declarationId)).toBe('uploaded');
    expect(outboxCounts(client.db)).toEqual({ acked: 2 });
    // The push showed its progress while it ran.
    expect(statuses.some((s) => s.progress !== null && s.progress.total === 2)).toBe(true);
  });

  it('pulls the demo roster from the service into the local roster', () => {
    const names = client.db
      .prepare<[string], { name: string; status: string }>(
        'SELECT name, status FROM roster WHERE unit_no = ? ORDER BY name',
      )
      .all(UNIT);
    expect(names.map((r) => r.name)).toContain('陈静');
    expect(names.every((r) => r.status === 'insured')).toBe(true);
  });

  it('brings back the reviewer’s approval as 已通过 and a return as 被退回 with its reason', async () => {
    const [first, second] = [...declarationStates(client.db, UNIT).keys()];
    expect(
      (await reviewer(server.url, `/v1/review/declarations/${first}`, { decision: 'approve' }))
        .status,
    ).toBe(200);
    const returned = await reviewer(server.url, `/v1/review/declarations/${second}`, {
      decision: 'return',
      reason: '缴费工资低于本人上年度工资，请核实',
    });
    expect(returned.status).toBe(200);

    await client.engine.syncOnce();

    const records = clientStoreOf(client.db);
    const approved = records.recordDetail(UNIT, first!);
    const back = records.recordDetail(UNIT, second!);
    expect(approved.record.state).toBe('approved');
    expect(back.record.state).toBe('returned');
    expect(back.record.returnReason).toBe('缴费工资低于本人上年度工资，请核实');
    expect(back.events.map((e) => e.state)).toEqual(['draft', 'queued', 'uploaded', 'returned']);
    expect(
      records.listRecords(UNIT, { state: 'returned', offset: 0, limit: 50 }).items.map((r) => r.id),
    ).toEqual([second]);
  });

  it('a declaration the service refuses comes back 被退回 with the service’s zh-CN reason, and is not resent', async () => {
    const bad = { ...additionRow(3, month), documentNumber: '320102199001011234' };
    const q = queueDeclaration(client.db, UNIT, 'addition', month, [bad]);
    const status = await client.engine.syncOnce();
    expect(status.pendingCount).toBe(0);
    const detail = clientStoreOf(client.db).recordDetail(UNIT, q.declarationId);
    expect(detail.record.state).toBe('returned');
    expect(detail.record.returnReason).toMatch(/证件号码校验不通过/);
    expect(detail.serverResult).toMatchObject({ status: 'rejected', code: 'MUTATION_INVALID' });
    const row = client.db
      .prepare<[string], { state: string }>('SELECT state FROM outbox WHERE mutation_id = ?')
      .get(q.mutationId);
    expect(row?.state).toBe('rejected');
  });

  it('a 被退回 declaration can be reopened as a draft to fix, keeping the reason', async () => {
    const records = clientStoreOf(client.db);
    const returned = records.listRecords(UNIT, { state: 'returned', offset: 0, limit: 50 })
      .items[0]!;
    records.reopenDeclaration(UNIT, returned.id);
    const reopened = records.recordDetail(UNIT, returned.id);
    expect(reopened.record.state).toBe('draft');
    expect(reopened.record.returnReason).toBe(returned.returnReason);
    expect(() => records.reopenDeclaration(UNIT, returned.id)).toThrow(/不能执行此操作/);
  });

  it('a counter 减员 marks the draft 减员 of the same person as a conflict; rows stay until the person chooses', async () => {
    const chen = client.db
      .prepare<[string], { data_json: string }>(
        "SELECT data_json FROM roster WHERE unit_no = ? AND name = '陈静'",
      )
      .get(UNIT);
    const person = JSON.parse(chen!.data_json) as { documentNumber: string; name: string };
    const liu = client.db
      .prepare<[string], { data_json: string }>(
        "SELECT data_json FROM roster WHERE unit_no = ? AND name = '刘洋'",
      )
      .get(UNIT);
    const other = JSON.parse(liu!.data_json) as { documentNumber: string; name: string };
    const reductionRow = (p: { documentNumber: string; name: string }) => ({
      reason: 'resignation',
      name: p.name,
      documentType: 'residentId',
      documentNumber: p.documentNumber,
      stopKinds: {
        pension: true,
        medical: true,
        unemployment: true,
        injury: true,
        maternity: true,
      },
      lastPaidMonth: month,
    });
    const draftId = draftDeclaration(client.db, UNIT, 'reduction', month, [
      reductionRow(person),
      reductionRow(other),
    ]);
    const counter = await reviewer(server.url, `/v1/review/units/${UNIT}/roster`, {
      docNo: person.documentNumber,
      docType: 'residentId',
      name: person.name,
      status: 'stopped',
      reason: '窗口办理减员',
    });
    expect(counter.status).toBe(200);

    await client.engine.syncOnce();

    const records = clientStoreOf(client.db);
    const detail = records.recordDetail(UNIT, draftId);
    expect(detail.record.state).toBe('draft');
    expect(detail.record.hasConflict).toBe(true);
    expect(detail.rows).toHaveLength(2);
    expect(detail.conflict?.items).toEqual([
      expect.objectContaining({
        rowNo: 1,
        code: 'CONFLICT_ALREADY_STOPPED',
        rosterStatus: 'stopped',
      }),
    ]);
    expect(detail.conflict?.items[0]?.message).toContain('陈静已在经办窗口办理停保');
    const local = client.db
      .prepare<[string, string], { status: string }>(
        'SELECT status FROM roster WHERE unit_no = ? AND name = ?',
      )
      .get(UNIT, '陈静');
    expect(local?.status).toBe('stopped');

    records.resolveConflict(UNIT, draftId, 1, 'discard');
    const resolved = records.recordDetail(UNIT, draftId);
    expect(resolved.rows.map((r) => r.rowNo)).toEqual([2]);
    expect(resolved.conflict).toBeNull();
    expect(resolved.record.hasConflict).toBe(false);
  });

  it('during maintenance it waits for Retry-After, shows when it will retry, then syncs by itself', async () => {
    expect(
      (await reviewer(server.url, '/v1/review/maintenance', { on: true, retryAfterSeconds: 1 }))
        .status,
    ).toBe(200);
    const q = queueDeclaration(client.db, UNIT, 'addition', month, [additionRow(4, month)]);
    const before = Date.now();
    const status = await client.engine.syncOnce();
    expect(status.state).toBe('maintenance');
    expect(status.lastError?.code).toBe('MAINTENANCE');
    const until1 = Date.parse(status.maintenanceUntil!);
    expect(until1).toBeGreaterThanOrEqual(before + 900);
    expect(until1).toBeLessThan(before + 5_000);
    expect(declarationStates(client.db, UNIT).get(q.declarationId)).toBe('queued');

    await reviewer(server.url, '/v1/review/maintenance', { on: false });
    client.engine.start();
    // Every status a user could have seen from the moment the declaration was uploaded on.
    const seenAfterUpload: SyncStatus[] = [];
    const stopWatching = client.engine.onStatus((s) => {
      if (declarationStates(client.db, UNIT).get(q.declarationId) === 'uploaded')
        seenAfterUpload.push(s);
    });
    await until(
      () =>
        declarationStates(client.db, UNIT).get(q.declarationId) === 'uploaded' &&
        client.engine.status().state === 'idle',
      20_000,
      'upload after maintenance',
    );
    stopWatching();
    expect(client.engine.status().maintenanceUntil).toBeNull();
    expect(seenAfterUpload.length).toBeGreaterThan(0);
    expect(seenAfterUpload.filter((s) => s.state === 'maintenance' || s.maintenanceUntil)).toEqual(
      [],
    );
    await client.engine.stop();
  });

  it('after logout the outbox waits and the status says nobody is logged in; nothing is sent', async () => {
    const q = queueDeclaration(client.db, UNIT, 'addition', month, [additionRow(5, month)]);
    await client.auth.logout();
    const status = await client.engine.syncOnce();
    expect(status.state).toBe('waiting');
    expect(status.waitingReason).toBe('not-logged-in');
    expect(declarationStates(client.db, UNIT).get(q.declarationId)).toBe('queued');
    expect(outboxCounts(client.db).pending).toBe(1);
  });
});
