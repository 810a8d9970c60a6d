// Maintenance mode: 503 with Retry-After on every sync and login call, nothing applied.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPersons, demoUnits, personHolder } from '../../server/demo/demo-data';
import { Maintenance, parseMaintenanceWindow } from '../../server/sync/maintenance';
import { createTestPki, leafSpec, type SoftwareIssuedCertificate, type TestPki } from '../pki/pki';
import { get, loginSession, startServer, type RunningServer } from './support';
import {
  additionRow,
  pushRaw,
  reviewer,
  serviceMonth,
  signedBatch,
  submitMutation,
  ulid,
} from './sync-support';

const REVIEW_TOKEN = 'maintenance-review-token';
const [unit1] = demoUnits;
let pki: TestPki;
let server: RunningServer;
let cert: SoftwareIssuedCertificate;

beforeAll(async () => {
  pki = await createTestPki();
  cert = await pki.issueWithSoftwareKey(
    leafSpec(personHolder(demoPersons.agent, unit1.name)),
    'ec',
  );
  server = await startServer({ pki, server: { reviewToken: REVIEW_TOKEN } });
});

afterAll(async () => {
  await server?.close();
});

const declarations = (): number =>
  (server.app.shebao.db.prepare('SELECT count(*) AS n FROM declarations').get() as { n: number }).n;

describe('maintenance switch', () => {
  it('while on, a push is answered 503 with Retry-After and nothing is applied; after, the same push goes through', async () => {
    const session = await loginSession(server.url, cert);
    const month = serviceMonth();
    const body = await signedBatch({
      origin: server.url,
      unitNo: unit1.unitNo,
      clientId: ulid(),
      mutations: [submitMutation('addition', month, [additionRow(1, month)])],
      certificate: cert,
    });
    const desk = reviewer(server.url, REVIEW_TOKEN);
    expect((await desk.maintenance(true, 120)).status).toBe(200);
    const before = declarations();
    const res = await pushRaw(server.url, session, unit1.unitNo, body);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('120');
    expect(res.body).toMatchObject({ code: 'MAINTENANCE', message: '社保系统正在维护。' });
    expect((res.body as { action: string }).action).toMatch(/程序会在\d{2}:\d{2}自动重试/);
    expect(declarations()).toBe(before);

    const pull = await get(server.url, `/v1/units/${unit1.unitNo}/changes`, session);
    expect(pull.status).toBe(503);
    const challenge = await get(server.url, '/v1/auth/challenge');
    expect(challenge.status).toBe(503);
    expect(challenge.headers.get('retry-after')).toBe('120');

    expect((await desk.maintenance(false)).status).toBe(200);
    const after = await pushRaw(server.url, session, unit1.unitNo, body);
    expect(after.status).toBe(200);
    expect(declarations()).toBe(before + 1);
  });
});

describe('maintenance windows (Beijing time)', () => {
  // 2025-01-31 is a month's last day; times below are UTC (Beijing = UTC+8).
  const at = (iso: string) => new Date(iso);

  it('a nightly window 22:00–06:00 is on at 23:30 and 05:59 with the seconds left, off at 06:00 and 21:59', () => {
    const m = new Maintenance([parseMaintenanceWindow('22:00-06:00')]);
    expect(m.status(at('2025-03-10T15:30:00Z'))).toEqual({
      on: true,
      retryAfterSeconds: 6.5 * 3600,
    });
    expect(m.status(at('2025-03-10T21:59:00Z'))).toEqual({ on: true, retryAfterSeconds: 60 });
    expect(m.status(at('2025-03-10T22:00:00Z'))).toEqual({ on: false });
    expect(m.status(at('2025-03-10T13:59:00Z'))).toEqual({ on: false });
  });

  it('a month-end window applies from 22:00 on the last day only, into the first morning', () => {
    const m = new Maintenance([parseMaintenanceWindow('month-end 22:00-02:00')]);
    expect(m.status(at('2025-01-31T14:30:00Z'))).toEqual({
      on: true,
      retryAfterSeconds: 3.5 * 3600,
    });
    expect(m.status(at('2025-01-31T17:00:00Z'))).toEqual({ on: true, retryAfterSeconds: 3600 }); // 02-01 01:00
    expect(m.status(at('2025-01-30T14:30:00Z'))).toEqual({ on: false });
    expect(m.status(at('2025-02-01T17:00:00Z'))).toEqual({ on: false }); // 02-02 01:00
  });

  it('a malformed window is refused with a message that shows the format', () => {
    for (const bad of ['22-06', '25:00-06:00', '10:00-10:00', 'weekly 22:00-23:00']) {
      expect(() => parseMaintenanceWindow(bad)).toThrow(/HH:MM-HH:MM/);
    }
  });

  it('a server whose window covers the whole day answers 503 to login from the start', async () => {
    const s = await startServer({
      pki,
      server: { maintenanceWindows: [parseMaintenanceWindow('00:00-24:00')] },
    });
    try {
      const res = await get(s.url, '/v1/auth/challenge');
      expect(res.status).toBe(503);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await s.close();
    }
  });
});
