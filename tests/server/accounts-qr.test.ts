// 电子社保卡 QR login: waiting → scanned → confirmed (a session), refused, expired; scanning as
// 法人 without a 法人 account (5.2.2.1) or as 办事员 without authorization (5.2.2.2). The app
// side is `npm run essc -- scan`, run for real in one test.
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  qrCreateResponseSchema,
  qrPollResponseSchema,
  type QrIdentity,
  type QrPollResponse,
} from '../../domain/protocol/accounts';
import { demoPersons, demoUnits } from '../../server/demo/demo-data';
import { demoSecondInsurance, demoUnregisteredLegal } from '../../server/demo/demo-accounts';
import { call, expectError, startAccountsServer } from './accounts-support';
import { get, type RunningServer } from './support';

const run = promisify(execFile);
let server: RunningServer;

beforeAll(async () => {
  server = await startAccountsServer();
});
afterAll(async () => {
  await server?.close();
});
afterEach(() => {
  server.clock.offsetMs = 0;
});

async function newQr(identity: QrIdentity) {
  const res = await call(server.url, 'POST', '/v1/auth/qr', { identity });
  expect(res.status).toBe(200);
  return qrCreateResponseSchema.parse(res.body);
}

async function poll(qrId: string, since = 'waiting', wait = 0): Promise<QrPollResponse> {
  const res = await call(server.url, 'GET', `/v1/auth/qr/${qrId}?since=${since}&wait=${wait}`);
  expect(res.status).toBe(200);
  return qrPollResponseSchema.parse(res.body);
}

const scan = (qrId: string, residentId: string, decision: 'scan' | 'confirm' | 'refuse') =>
  call(server.url, 'POST', '/v1/essc/scan', { qrId, residentId, decision });

describe('QR login', () => {
  it('a code names the service and lives two minutes', async () => {
    const qr = await newQr('legal');
    const url = new URL(qr.qrText);
    expect(url.origin).toBe(server.url);
    expect(url.searchParams.get('qr')).toBe(qr.qrId);
    const ttl = Date.parse(qr.expiresAt) - Date.now();
    expect(ttl).toBeGreaterThan(110_000);
    expect(ttl).toBeLessThanOrEqual(120_000);
    expect(await poll(qr.qrId)).toEqual({ state: 'waiting' });
  });

  it('the long poll answers as soon as the code is scanned, then confirmed with a session', async () => {
    const qr = await newQr('legal');
    const waiting = poll(qr.qrId, 'waiting', 25);
    expect((await scan(qr.qrId, demoPersons.legal.residentId, 'scan')).status).toBe(200);
    expect(await waiting).toEqual({ state: 'scanned' });

    const confirmed = poll(qr.qrId, 'scanned', 25);
    expect((await scan(qr.qrId, demoPersons.legal.residentId, 'confirm')).status).toBe(200);
    const answer = await confirmed;
    expect(answer.state).toBe('confirmed');
    expect(answer.session!.method).toBe('qr');
    expect(answer.session!.person.name).toBe('张伟');
    expect(answer.session!.units.map((u) => u.unitNo)).toEqual([
      demoUnits[0].unitNo,
      demoUnits[1].unitNo,
    ]);
    expect((await get(server.url, '/v1/me', answer.session!.session)).status).toBe(200);
  });

  it('another person cannot take over a code someone has scanned', async () => {
    const qr = await newQr('agent');
    await scan(qr.qrId, demoPersons.agent.residentId, 'scan');
    expectError(
      await scan(qr.qrId, demoPersons.legal.residentId, 'confirm'),
      409,
      'QR_ALREADY_SCANNED',
    );
  });

  it('refused on the phone → refused with the reason', async () => {
    const qr = await newQr('agent');
    await scan(qr.qrId, demoPersons.agent.residentId, 'refuse');
    const answer = await poll(qr.qrId);
    expect(answer).toMatchObject({ state: 'refused', code: 'QR_REFUSED' });
  });

  it('expires after two minutes on the service clock; an expired code cannot be scanned', async () => {
    const qr = await newQr('legal');
    server.clock.offsetMs = 121_000;
    const answer = await poll(qr.qrId);
    expect(answer).toMatchObject({
      state: 'expired',
      code: 'QR_EXPIRED',
      message: '二维码已过期。',
    });
    expectError(await scan(qr.qrId, demoPersons.legal.residentId, 'confirm'), 410, 'QR_EXPIRED');
  });

  it('as 法人 without a 法人 account: 5.2.2.1, on the phone and on the screen', async () => {
    for (const residentId of [demoPersons.agent.residentId, demoUnregisteredLegal.residentId]) {
      const qr = await newQr('legal');
      const res = await scan(qr.qrId, residentId, 'confirm');
      expect(expectError(res, 403, 'LEGAL_NOT_FOUND').message).toBe(
        '未找到当前法人账号信息，请先注册法人账号!',
      );
      expect(await poll(qr.qrId)).toMatchObject({ state: 'refused', code: 'LEGAL_NOT_FOUND' });
    }
  });

  it('as 办事员 without authorization: 5.2.2.2; as 办事员 the 法人 only gets agent units', async () => {
    const qr = await newQr('agent');
    const res = await scan(qr.qrId, demoPersons.unauthorized.residentId, 'confirm');
    expect(expectError(res, 403, 'AGENT_NOT_AUTHORIZED').message).toBe(
      '未找到当前办事员账号信息，请联系法人授权或者去窗口授权!',
    );
    const unknown = await newQr('agent');
    expectError(
      await scan(unknown.qrId, demoPersons.unregisteredPerson.residentId, 'confirm'),
      401,
      'PERSON_NOT_FOUND',
    );

    const agent = await newQr('agent');
    await scan(agent.qrId, demoPersons.agent.residentId, 'confirm');
    const answer = await poll(agent.qrId, 'waiting');
    expect(answer.session!.units.map((u) => [u.unitNo, u.role])).toEqual([
      [demoUnits[0].unitNo, 'agent'],
    ]);
    expect(answer.session!.units.map((u) => u.unitNo)).not.toContain(demoSecondInsurance.unitNo);
  });

  it('unknown and malformed codes', async () => {
    expectError(
      await call(server.url, 'GET', `/v1/auth/qr/${'a'.repeat(43)}?wait=0`),
      404,
      'QR_NOT_FOUND',
    );
    expectError(await call(server.url, 'GET', '/v1/auth/qr/short?wait=0'), 400, 'BAD_REQUEST');
    expectError(
      await call(server.url, 'POST', '/v1/auth/qr', { identity: 'boss' }),
      400,
      'BAD_REQUEST',
    );
    expectError(
      await scan('x'.repeat(43), demoPersons.legal.residentId, 'confirm'),
      404,
      'QR_NOT_FOUND',
    );
  });

  it('`npm run essc -- scan <qrText> --as <id> --confirm` logs the 法人 in; refusals print the portal message', async () => {
    const tsx = resolve('node_modules/.bin/tsx');
    const cli = resolve('server/accounts/essc-cli.ts');
    const qr = await newQr('legal');
    const ok = await run(tsx, [
      cli,
      'scan',
      qr.qrText,
      '--as',
      demoPersons.legal.residentId,
      '--confirm',
    ]);
    expect(ok.stdout.trim()).toBe('confirmed');
    expect((await poll(qr.qrId)).state).toBe('confirmed');

    const agentQr = await newQr('agent');
    const refused = await run(tsx, [
      cli,
      'scan',
      agentQr.qrText,
      '--as',
      demoPersons.unauthorized.residentId,
      '--confirm',
    ]).catch((e: { code: number; stderr: string }) => e);
    expect('code' in refused && refused.code).toBe(1);
    expect((refused as { stderr: string }).stderr).toContain('AGENT_NOT_AUTHORIZED');
    expect((refused as { stderr: string }).stderr).toContain('请联系法人授权或者去窗口授权!');
  }, 60_000);
});
