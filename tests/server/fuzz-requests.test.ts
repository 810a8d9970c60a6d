// Thousands of generated requests against a real server: push, login and change-feed bodies that
// are random JSON, a valid request with one value anywhere in it replaced, or a valid text with
// a hostile number, nesting or string spliced in. None may get a 5xx, every refusal carries a
// catalogue code, and nothing the service stores may change.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isErrorCode } from '../../domain/error-catalogue';
import { demoPersons, demoUnits, personHolder } from '../../server/demo/demo-data';
import { createTestPki, leafSpec, type TestPki } from '../pki/pki';
import {
  get,
  loginBody,
  getChallenge,
  loginSession,
  post,
  startServer,
  type RunningServer,
} from './support';
import { oneAdditionBatch, pushOk } from './sync-support';

const [unit1] = demoUnits;
let pki: TestPki;
let server: RunningServer;
let session: string;
let pushBody: Record<string, unknown>;
let loginTemplate: Record<string, unknown>;

const TABLES = ['declarations', 'applied_mutations', 'changes', 'sessions', 'roster', 'nonces'];
const snapshot = (): Record<string, number> =>
  Object.fromEntries(
    TABLES.map((t) => [
      t,
      (server.app.shebao.db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n,
    ]),
  );

beforeAll(async () => {
  pki = await createTestPki();
  const cert = await pki.issueWithSoftwareKey(
    leafSpec(personHolder(demoPersons.agent, unit1.name)),
    'ec',
  );
  server = await startServer({ pki });
  session = await loginSession(server.url, cert);
  const body = await oneAdditionBatch(server.url, unit1.unitNo, cert, 1);
  // Applied once now, so a generated copy of it is a duplicate and changes nothing.
  await pushOk(server.url, session, unit1.unitNo, body);
  pushBody = JSON.parse(JSON.stringify(body)) as Record<string, unknown>;
  loginTemplate = await loginBody(await getChallenge(server.url), cert);
});

afterAll(async () => {
  await server?.close();
});

type Path = (string | number)[];

function pathsOf(value: unknown, prefix: Path = []): Path[] {
  const here = [prefix];
  if (Array.isArray(value)) return here.concat(...value.map((v, i) => pathsOf(v, [...prefix, i])));
  if (value !== null && typeof value === 'object')
    return here.concat(...Object.entries(value).map(([k, v]) => pathsOf(v, [...prefix, k])));
  return here;
}

function replaced(base: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(base) as Record<string | number, unknown>;
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  at[path.at(-1)!] = value;
  return copy;
}

/** Values JSON.parse accepts that the service must refuse, as raw JSON text. */
const hostileText = fc.oneof(
  fc.constantFrom(
    '1e400',
    '-1e400',
    '1e309',
    '123456789012345678901234567890',
    '-9007199254740993',
  ),
  fc.integer({ min: 17, max: 2000 }).map((d) => '['.repeat(d) + ']'.repeat(d)),
  fc.integer({ min: 20_001, max: 60_000 }).map((n) => JSON.stringify('字'.repeat(n))),
  fc.constantFrom(
    '{"__proto__":{"x":1}}',
    '{"constructor":{"prototype":{}}}',
    'null',
    '""',
    '[]',
    '{}',
  ),
  fc.double().map((d) => JSON.stringify(d)),
);

const anyJson = fc.jsonValue({ maxDepth: 4 });

/** Text of a body: random JSON, one value of the template replaced, or a hostile splice. */
function bodyText(template: () => Record<string, unknown>): fc.Arbitrary<string> {
  const paths = () => pathsOf(template());
  return fc.oneof(
    anyJson.map((v) => JSON.stringify(v)),
    fc
      .tuple(fc.nat(), fc.oneof(anyJson, fc.string(), fc.integer(), fc.constant(null)))
      .map(([i, v]) => {
        const all = paths();
        return JSON.stringify(replaced(template(), all[i % all.length]!, v));
      }),
    fc.tuple(fc.nat(), hostileText).map(([i, text]) => {
      const all = paths().filter((p) => p.length > 0);
      const marker = 'splice-here-7f3a9c';
      const withMarker = JSON.stringify(replaced(template(), all[i % all.length]!, marker));
      return withMarker.replace(JSON.stringify(marker), text);
    }),
    fc.string({ maxLength: 200 }),
  );
}

async function expectHandled(res: { status: number; body: unknown }): Promise<void> {
  expect(res.status, JSON.stringify(res.body)).toBeLessThan(500);
  if (res.status >= 400) {
    const code = (res.body as { code?: unknown } | undefined)?.code;
    expect(typeof code === 'string' && isErrorCode(code), JSON.stringify(res.body)).toBe(true);
  }
}

const RUN = { numRuns: 1500, interruptAfterTimeLimit: 240_000, markInterruptAsFailure: false };

describe('fuzzing the service', () => {
  it('push bodies: no 5xx, a code for every refusal, nothing stored changes', async () => {
    const before = snapshot();
    await fc.assert(
      fc.asyncProperty(
        bodyText(() => pushBody),
        async (text) => {
          const res = await post(server.url, `/v1/units/${unit1.unitNo}/mutations`, text, {
            session,
            raw: true,
          });
          await expectHandled(res);
        },
      ),
      RUN,
    );
    expect(snapshot()).toEqual(before);
  }, 300_000);

  it('login bodies: no 5xx, a code for every refusal, no session made', async () => {
    const before = snapshot();
    await fc.assert(
      fc.asyncProperty(
        bodyText(() => loginTemplate),
        async (text) => {
          const res = await post(server.url, '/v1/auth/cert-login', text, { raw: true });
          await expectHandled(res);
        },
      ),
      { ...RUN, numRuns: 1000 },
    );
    const after = snapshot();
    expect(after.sessions).toBe(before.sessions);
    expect({ ...after, nonces: 0 }).toEqual({ ...before, nonces: 0 });
  }, 300_000);

  it('change-feed paths and queries: no 5xx, a code for every refusal', async () => {
    const before = snapshot();
    const value = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.integer().map(String),
      fc.constantFrom('1e400', '-1', '0', '99999999999999999999', '1.5', '', '%00', '%E4%B8'),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constant(unit1.unitNo), fc.string({ maxLength: 40 })),
        fc.array(fc.tuple(fc.constantFrom('cursor', 'limit', 'x'), value), { maxLength: 4 }),
        async (unitNo, query) => {
          const qs = query.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
          const res = await get(
            server.url,
            `/v1/units/${encodeURIComponent(unitNo)}/changes?${qs}`,
            session,
          );
          await expectHandled(res);
        },
      ),
      { ...RUN, numRuns: 1000 },
    );
    expect(snapshot()).toEqual(before);
  }, 300_000);
});
