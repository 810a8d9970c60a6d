// Rate limits on challenge and login, per address and per account: past the limit the service
// answers 429 RATE_LIMITED in Chinese with Retry-After, spends nothing and makes no session.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoPersons, demoUnits, personHolder } from '../../server/demo/demo-data';
import { defaultRateLimits, type RateLimitSettings } from '../../server/security/rate-limits';
import { createTestPki, leafSpec, type SoftwareIssuedCertificate, type TestPki } from '../pki/pki';
import { get, login, startServer, type HttpResult, type RunningServer } from './support';

const TEN_MINUTES = 10 * 60_000;
const [unit1] = demoUnits;
let pki: TestPki;
let certs: SoftwareIssuedCertificate[];

const limits = (over: Partial<RateLimitSettings>): RateLimitSettings => ({
  ...defaultRateLimits,
  ...over,
});

function expectLimited(res: HttpResult): void {
  expect(res.status).toBe(429);
  const retryAfter = Number(res.headers.get('retry-after'));
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(TEN_MINUTES / 1000);
  expect(res.body).toMatchObject({
    code: 'RATE_LIMITED',
    message: `操作过于频繁，请${retryAfter}秒后再试。`,
  });
}

const sessionCount = (s: RunningServer): number =>
  (s.app.shebao.db.prepare('SELECT count(*) AS n FROM sessions').get() as { n: number }).n;

beforeAll(async () => {
  pki = await createTestPki();
  certs = await Promise.all(
    [0, 1, 2, 3].map(() =>
      pki.issueWithSoftwareKey(leafSpec(personHolder(demoPersons.agent, unit1.name)), 'ec'),
    ),
  );
});

describe('challenge', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({
      pki,
      server: {
        rateLimits: limits({ challenge: { perAddress: { max: 3, windowMs: TEN_MINUTES } } }),
      },
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('the 4th challenge from one address within the window is 429 with Retry-After', async () => {
    for (let i = 0; i < 3; i++)
      expect((await get(server.url, '/v1/auth/challenge')).status).toBe(200);
    expectLimited(await get(server.url, '/v1/auth/challenge'));
    expectLimited(await get(server.url, '/v1/auth/challenge'));
  });
});

describe('login', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({
      pki,
      server: {
        rateLimits: limits({
          challenge: { perAddress: { max: 1000, windowMs: TEN_MINUTES } },
          login: {
            perAddress: { max: 5, windowMs: TEN_MINUTES },
            perAccount: { max: 2, windowMs: TEN_MINUTES },
          },
        }),
      },
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('per account: a third login with one certificate is refused even when signed right; another certificate still gets in', async () => {
    expect((await login(server.url, certs[0]!)).status).toBe(200);
    expect((await login(server.url, certs[0]!)).status).toBe(200);
    const before = sessionCount(server);
    expectLimited(await login(server.url, certs[0]!));
    expect(sessionCount(server)).toBe(before);
    expect((await login(server.url, certs[1]!)).status).toBe(200);
  });

  it('per address: past five logins from one address, a fresh certificate is refused too', async () => {
    // Four counted so far from this address (three for certs[0], one for certs[1]).
    expect((await login(server.url, certs[2]!)).status).toBe(200);
    const before = sessionCount(server);
    expectLimited(await login(server.url, certs[3]!));
    expect(sessionCount(server)).toBe(before);
  });
});

describe('the defaults', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ pki, server: { rateLimits: undefined } });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('a service started without settings limits challenges to the default per address', async () => {
    const { max } = defaultRateLimits.challenge.perAddress;
    for (let i = 0; i < max; i++)
      expect((await get(server.url, '/v1/auth/challenge')).status).toBe(200);
    expectLimited(await get(server.url, '/v1/auth/challenge'));
  });
});
