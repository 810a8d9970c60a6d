// The service's 回执 and its open status page, against a real server on loopback with a real test
// PKI: a receipt names what was signed and by which certificate, only for the unit's own people,
// and the status page tells the service's time and maintenance without a login.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receiptPath, receiptResponseSchema } from '../../domain/protocol/receipt';
import { serviceStatusSchema } from '../../domain/protocol/service-status';
import { demoPersons, demoUnits, personHolder } from '../../server/demo/demo-data';
import { createTestPki, leafSpec, type SoftwareIssuedCertificate } from '../pki/pki';
import { nextWindow } from '../../server/routes/service-status';
import { Maintenance, parseMaintenanceWindow } from '../../server/sync/maintenance';
import { get, loginSession, startServer, type RunningServer } from './support';
import {
  additionRow,
  pushOk,
  serviceMonth,
  signedBatch,
  submitMutation,
  ulid,
} from './sync-support';

const { legal, agent } = demoPersons;
const [unit1, unit2] = demoUnits;

let server: RunningServer;
let agentCert: SoftwareIssuedCertificate;
let agentSession: string;
let otherSession: string;
const declarationId = ulid();
let hash: string;

beforeAll(async () => {
  const pki = await createTestPki();
  agentCert = await pki.issueWithSoftwareKey(leafSpec(personHolder(agent, unit1!.name)), 'ec');
  const legalCert = await pki.issueWithSoftwareKey(leafSpec(personHolder(legal)), 'rsa');
  server = await startServer({ pki });
  agentSession = await loginSession(server.url, agentCert);
  otherSession = await loginSession(server.url, legalCert);
  const month = serviceMonth();
  const body = await signedBatch({
    origin: server.url,
    unitNo: unit1!.unitNo,
    clientId: ulid(),
    mutations: [submitMutation('addition', month, [additionRow(7, month)], declarationId)],
    certificate: agentCert,
  });
  hash = body.batchHash;
  await pushOk(server.url, agentSession, unit1!.unitNo, body);
});

afterAll(async () => {
  await server?.close();
});

describe('回执', () => {
  it('names the receipt, the time, the signed batch and the signing certificate', async () => {
    const res = await get(server.url, receiptPath(unit1!.unitNo, declarationId), agentSession);
    expect(res.status).toBe(200);
    const receipt = receiptResponseSchema.parse(res.body);
    expect(receipt).toMatchObject({
      declarationId,
      unitNo: unit1!.unitNo,
      batchHash: hash,
      signerCertSha256: createHash('sha256').update(agentCert.der).digest('hex'),
      state: 'submitted',
    });
    expect(receipt.receiptNo).toMatch(/^SB\d{16}$/);
    // The same receipt every time it is asked for.
    const again = await get(server.url, receiptPath(unit1!.unitNo, declarationId), agentSession);
    expect(again.body).toEqual(res.body);
  });

  it('is refused without a session, for a unit the person may not act for, and for an unknown id', async () => {
    expect((await get(server.url, receiptPath(unit1!.unitNo, declarationId))).status).toBe(401);
    // 李娜 acts for unit 1 only.
    const elsewhere = await get(
      server.url,
      receiptPath(unit2!.unitNo, declarationId),
      agentSession,
    );
    expect(elsewhere.status).toBe(403);
    const unknown = await get(server.url, receiptPath(unit1!.unitNo, ulid()), agentSession);
    expect(unknown.status).toBe(404);
    // The 法人 of unit 1 sees it too: the receipt belongs to the unit, not to the clerk.
    const legalRes = await get(server.url, receiptPath(unit1!.unitNo, declarationId), otherSession);
    expect(legalRes.status).toBe(200);
    expect(
      (await get(server.url, receiptPath(unit1!.unitNo, '../../etc'), agentSession)).status,
    ).toBe(400);
  });
});

describe('the open status page', () => {
  it('names the next scheduled window when maintenance is off', () => {
    const windows = [parseMaintenanceWindow('22:00-06:00')];
    // 2026-11-30 10:00 Beijing time.
    const next = nextWindow(new Maintenance(windows), new Date('2026-11-30T02:00:00Z'));
    expect(next).toEqual({
      from: new Date('2026-11-30T14:00:00Z'),
      until: new Date('2026-11-30T22:00:00Z'),
    });
    const monthEnd = [parseMaintenanceWindow('month-end 22:00-24:00')];
    expect(nextWindow(new Maintenance(monthEnd), new Date('2026-12-01T02:00:00Z'))).toEqual({
      from: new Date('2026-12-31T14:00:00Z'),
      until: new Date('2026-12-31T16:00:00Z'),
    });
    expect(nextWindow(new Maintenance([]), new Date())).toBeNull();
  });

  it('tells the service’s time and whether maintenance is on, without a login', async () => {
    server.clock.offsetMs = 7 * 60_000;
    const res = await get(server.url, '/v1/service/status');
    server.clock.offsetMs = 0;
    expect(res.status).toBe(200);
    const status = serviceStatusSchema.parse(res.body);
    expect(status.maintenance).toEqual({ on: false });
    const offset = Date.parse(status.serverTime) - Date.now();
    expect(offset).toBeGreaterThan(6 * 60_000);
    expect(offset).toBeLessThan(8 * 60_000);
  });
});
