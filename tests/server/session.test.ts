// Sessions after a certificate login: /v1/me, expiry, logout.
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { maskId } from '../../domain/certificate-subject';
import { certLoginResponseSchema, meResponseSchema } from '../../domain/protocol/auth';
import { demoPersons, demoUnits, personHolder } from '../../server/demo/demo-data';
import { createTestPki, leafSpec, type SoftwareIssuedCertificate } from '../pki/pki';
import { get, login, post, startServer, type RunningServer } from './support';

const TTL_MS = 10 * 60 * 1000;
let server: RunningServer;
let legalCert: SoftwareIssuedCertificate;
let agentCert: SoftwareIssuedCertificate;

beforeAll(async () => {
  const pki = await createTestPki();
  legalCert = await pki.issueWithSoftwareKey(leafSpec(personHolder(demoPersons.legal)), 'ec');
  agentCert = await pki.issueWithSoftwareKey(leafSpec(personHolder(demoPersons.agent)), 'rsa');
  server = await startServer({ pki, sessionTtlMs: TTL_MS });
});

afterAll(async () => {
  await server?.close();
});

afterEach(() => {
  server.clock.offsetMs = 0;
});

async function sessionOf(cert: SoftwareIssuedCertificate) {
  const res = await login(server.url, cert);
  expect(res.status).toBe(200);
  return certLoginResponseSchema.parse(res.body);
}

const codeOf = (body: unknown) => (body as { code: string }).code;

describe('/v1/me', () => {
  it('answers who is logged in and the units they may act for', async () => {
    const login = await sessionOf(legalCert);
    const me = await get(server.url, '/v1/me', login.session);
    expect(me.status).toBe(200);
    const body = meResponseSchema.parse(me.body);
    expect(body.person).toEqual({ name: '张伟', idMasked: maskId(demoPersons.legal.residentId) });
    expect(body.units.map((u) => [u.unitNo, u.role])).toEqual([
      [demoUnits[0].unitNo, 'legal'],
      [demoUnits[1].unitNo, 'legal'],
    ]);
    expect(body.expiresAt).toBe(login.expiresAt);
  });

  it('the session lasts the configured time from login', async () => {
    const before = Date.now();
    const login = await sessionOf(agentCert);
    const expires = Date.parse(login.expiresAt);
    expect(expires).toBeGreaterThanOrEqual(before + TTL_MS - 1000);
    expect(expires).toBeLessThanOrEqual(Date.now() + TTL_MS + 1000);
  });

  it('without a session, or with a made-up one, is SESSION_INVALID', async () => {
    for (const token of [undefined, 'made-up-token-1234567890', 'x']) {
      const res = await get(server.url, '/v1/me', token);
      expect(res.status).toBe(401);
      expect(codeOf(res.body)).toBe('SESSION_INVALID');
    }
  });

  it('after the session time is over it is SESSION_EXPIRED', async () => {
    const { session } = await sessionOf(agentCert);
    server.clock.offsetMs = TTL_MS + 1000;
    const res = await get(server.url, '/v1/me', session);
    expect(res.status).toBe(401);
    expect(codeOf(res.body)).toBe('SESSION_EXPIRED');
  });

  it('an authorization withdrawn after login no longer shows among the units', async () => {
    const { session } = await sessionOf(agentCert);
    const directory = server.app.shebao.directory;
    directory.revokeRole(demoPersons.agent.residentId, demoUnits[0].unitNo);
    try {
      const me = meResponseSchema.parse((await get(server.url, '/v1/me', session)).body);
      expect(me.units).toEqual([]);
    } finally {
      directory.grantRole(demoPersons.agent.residentId, demoUnits[0].unitNo, 'agent');
    }
  });
});

describe('logout', () => {
  it('ends the session: /v1/me then says SESSION_INVALID, and a second logout too', async () => {
    const { session } = await sessionOf(legalCert);
    const out = await post(server.url, '/v1/auth/logout', undefined, { session });
    expect(out.status).toBe(204);
    expect(codeOf((await get(server.url, '/v1/me', session)).body)).toBe('SESSION_INVALID');
    expect(
      codeOf((await post(server.url, '/v1/auth/logout', '', { session, raw: true })).body),
    ).toBe('SESSION_INVALID');
  });

  it('logging out one session leaves the person’s other sessions alone', async () => {
    const a = await sessionOf(legalCert);
    const b = await sessionOf(legalCert);
    expect(
      (await post(server.url, '/v1/auth/logout', '', { session: a.session, raw: true })).status,
    ).toBe(204);
    expect((await get(server.url, '/v1/me', b.session)).status).toBe(200);
  });
});

describe('what the service keeps', () => {
  it('session tokens are not stored in the database, only their hashes', async () => {
    const { session } = await sessionOf(legalCert);
    const db = new Database(join(server.dataDir, 'shebao-server.sqlite'), { readonly: true });
    try {
      const rows = db.prepare('SELECT token_hash FROM sessions').all() as { token_hash: string }[];
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.token_hash))).toBe(true);
    } finally {
      db.close();
    }
    for (const file of ['shebao-server.sqlite', 'shebao-server.sqlite-wal']) {
      expect(readFileSync(join(server.dataDir, file)).includes(Buffer.from(session))).toBe(false);
    }
  });

  it('answers are marked not cacheable', async () => {
    const res = await get(server.url, '/v1/auth/challenge');
    expect(res.headers.get('cache-control')).toBe('no-store');
  });
});
