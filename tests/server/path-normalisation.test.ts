// The maintenance guard and the path checks see the path Fastify routed on — decoded and with dot
// segments resolved — so a percent-encoded or dotted spelling of a guarded path is guarded too.
// Paths go on the wire exactly as written here (node:http, not fetch, which would tidy them).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPersons, demoUnits, personHolder } from '../../server/demo/demo-data';
import { createTestPki, leafSpec, type SoftwareIssuedCertificate, type TestPki } from '../pki/pki';
import { loginSession, startServer, type RunningServer } from './support';
import { oneAdditionBatch, reviewer } from './sync-support';
import { rawRequest } from './upload-support';

const REVIEW_TOKEN = 'path-review-token';
const [unit1] = demoUnits;
const u = unit1.unitNo;
let pki: TestPki;
let server: RunningServer;
let cert: SoftwareIssuedCertificate;
let session: string;

const declarations = (): number =>
  (server.app.shebao.db.prepare('SELECT count(*) AS n FROM declarations').get() as { n: number }).n;

beforeAll(async () => {
  pki = await createTestPki();
  cert = await pki.issueWithSoftwareKey(
    leafSpec(personHolder(demoPersons.agent, unit1.name)),
    'ec',
  );
  server = await startServer({ pki, server: { reviewToken: REVIEW_TOKEN } });
  session = await loginSession(server.url, cert);
});

afterAll(async () => {
  await server?.close();
});

const spellings = [
  `/v1/units/${u}/changes`,
  `/v1/%75nits/${u}/changes`,
  `/v1/%75%6E%69%74%73/${u}/changes`,
  `/v1/units/x/../${u}/changes`,
  `/./v1/units/${u}/changes`,
  `/v1/units/${u}/changes?cursor=0`,
  `/v1/auth/%63hallenge`,
  `/v1/auth/./challenge`,
];

describe('during maintenance', () => {
  it.each(spellings)('GET %s is 503 MAINTENANCE (or not found), never served', async (path) => {
    const desk = reviewer(server.url, REVIEW_TOKEN);
    expect((await desk.maintenance(true, 60)).status).toBe(200);
    try {
      const res = await rawRequest(server.url, 'GET', path, { session });
      expect([503, 404]).toContain(res.status);
      expect((res.body as { code: string }).code).toMatch(/^(MAINTENANCE|NOT_FOUND)$/);
    } finally {
      await desk.maintenance(false);
    }
    // The same spelling is served once maintenance is over: it really reached a guarded route.
    const after = await rawRequest(server.url, 'GET', path, { session });
    if (after.status !== 404) expect(after.status).toBe(200);
  });

  it('a push to /v1/%75nits/… is refused with 503 and nothing is stored', async () => {
    const body = await oneAdditionBatch(server.url, u, cert, 1);
    const desk = reviewer(server.url, REVIEW_TOKEN);
    await desk.maintenance(true, 60);
    const before = declarations();
    try {
      const res = await rawRequest(server.url, 'POST', `/v1/%75nits/${u}/mutations`, {
        session,
        body: JSON.stringify(body),
      });
      expect(res.status).toBe(503);
      expect(declarations()).toBe(before);
    } finally {
      await desk.maintenance(false);
    }
    const res = await rawRequest(server.url, 'POST', `/v1/%75nits/${u}/mutations`, {
      session,
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(200);
    expect(declarations()).toBe(before + 1);
  });
});

describe('the unit in the path is checked decoded', () => {
  it.each([
    `/v1/units/${u}%2F..%2F${u}/changes`,
    `/v1/units/${u}%00/changes`,
    `/v1/units/${u}%20/changes`,
    `/v1/units/%E5%8D%95%E4%BD%8D/changes`,
  ])('GET %s is 400 BAD_REQUEST', async (path) => {
    const res = await rawRequest(server.url, 'GET', path, { session });
    expect({ status: res.status, code: (res.body as { code: string }).code }).toEqual({
      status: 400,
      code: 'BAD_REQUEST',
    });
  });
});
