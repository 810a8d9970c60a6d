// A push is judged by its headers before its body is read: no session, a session that may not act
// for the unit, maintenance, or a declared size past the limit are refused at once, and the
// server neither reads nor keeps what the caller goes on sending.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PUSH_BODY_BYTES } from '../../domain/protocol/sync';
import { demoPersons, demoUnits, personHolder } from '../../server/demo/demo-data';
import { createTestPki, leafSpec, type TestPki } from '../pki/pki';
import { loginSession, startServer, type RunningServer } from './support';
import { reviewer } from './sync-support';
import { countBytesRead, streamUpload } from './upload-support';

const REVIEW_TOKEN = 'early-refusal-review-token';
const [unit1, unit2] = demoUnits;
const MB = 1024 * 1024;
/** Far more than any push may be: a server that buffered it would show it in its memory. */
const HUGE = 256 * MB;

let pki: TestPki;
let server: RunningServer;
let agentSession: string;

const memory = (): number => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

beforeAll(async () => {
  pki = await createTestPki();
  const cert = await pki.issueWithSoftwareKey(
    leafSpec(personHolder(demoPersons.agent, unit1.name)),
    'ec',
  );
  server = await startServer({ pki, server: { reviewToken: REVIEW_TOKEN } });
  agentSession = await loginSession(server.url, cert);
});

afterAll(async () => {
  await server?.close();
});

async function refusedEarly(
  path: string,
  options: { chunked?: boolean; session?: string; totalBytes?: number },
) {
  const bytes = countBytesRead(server);
  const before = memory();
  const res = await streamUpload(server.url, path, { totalBytes: HUGE, ...options });
  bytes.stop();
  return { ...res, serverRead: bytes.total(), memoryGrowth: memory() - before };
}

describe('a push is refused before its body is read', () => {
  it.each([
    ['declared with Content-Length', false],
    ['sent chunked, with no length', true],
  ])(
    'without a session (%s): 401 SESSION_INVALID after a few MB of a 256 MB upload, memory flat',
    async (_name, chunked) => {
      const res = await refusedEarly(`/v1/units/${unit1.unitNo}/mutations`, { chunked });
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ code: 'SESSION_INVALID', message: '登录已失效。' });
      expect(res.headers.connection).toBe('close');
      // What a loopback socket's buffers hold, not what the caller meant to send.
      expect(res.serverRead).toBeLessThan(32 * MB);
      expect(res.bytesWritten).toBeLessThan(64 * MB);
      expect(res.memoryGrowth).toBeLessThan(64 * MB);
    },
  );

  it('with a session that may not act for the unit: 403 before the body is read', async () => {
    const res = await refusedEarly(`/v1/units/${unit2.unitNo}/mutations`, {
      session: agentSession,
    });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'BATCH_SIGNER_NOT_AUTHORIZED' });
    expect(res.serverRead).toBeLessThan(32 * MB);
  });

  it('with a session but a declared length past the push limit: 413 BATCH_TOO_LARGE at once', async () => {
    const res = await refusedEarly(`/v1/units/${unit1.unitNo}/mutations`, {
      session: agentSession,
      totalBytes: MAX_PUSH_BODY_BYTES + 1,
    });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ code: 'BATCH_TOO_LARGE' });
    expect(res.serverRead).toBeLessThan(32 * MB);
  });

  it('with a session, sent chunked past the push limit: 413 once the limit is reached, never more read', async () => {
    const res = await refusedEarly(`/v1/units/${unit1.unitNo}/mutations`, {
      session: agentSession,
      chunked: true,
    });
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ code: 'BATCH_TOO_LARGE' });
    expect(res.serverRead).toBeLessThan(MAX_PUSH_BODY_BYTES + 32 * MB);
    expect(res.memoryGrowth).toBeLessThan(MAX_PUSH_BODY_BYTES * 3);
  });

  it('during maintenance, even an unauthenticated push gets 503 with Retry-After, before anything else', async () => {
    const desk = reviewer(server.url, REVIEW_TOKEN);
    expect((await desk.maintenance(true, 90)).status).toBe(200);
    try {
      const res = await refusedEarly(`/v1/units/${unit1.unitNo}/mutations`, {});
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('90');
      expect(res.body).toMatchObject({ code: 'MAINTENANCE' });
      expect(res.serverRead).toBeLessThan(32 * MB);
    } finally {
      expect((await desk.maintenance(false)).status).toBe(200);
    }
  });

  it('a review call without the reviewer’s token is refused before its body is read', async () => {
    const res = await refusedEarly('/v1/review/maintenance', { chunked: true });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: 'REVIEWER_NOT_AUTHORIZED' });
    expect(res.serverRead).toBeLessThan(32 * MB);
  });

  it('logout without a session is refused before its body is read', async () => {
    const res = await refusedEarly('/v1/auth/logout', { chunked: true });
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: 'SESSION_INVALID' });
    expect(res.serverRead).toBeLessThan(32 * MB);
  });
});
