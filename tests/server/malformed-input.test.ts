// Every malformed request is a 4xx with its own code, and changes nothing: numbers JSON cannot
// carry exactly, nesting deeper than any declaration, strings and arrays past their limits, wrong
// types at any depth — in a push, a login and a change-feed query.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCatalogue } from '../../domain/error-catalogue';
import { demoPersons, demoUnits, personHolder } from '../../server/demo/demo-data';
import { createTestPki, leafSpec, type SoftwareIssuedCertificate, type TestPki } from '../pki/pki';
import { get, loginSession, post, startServer, type RunningServer } from './support';
import {
  additionRow,
  pushOk,
  serviceMonth,
  signedBatch,
  submitMutation,
  ulid,
} from './sync-support';

const [unit1] = demoUnits;
let pki: TestPki;
let server: RunningServer;
let cert: SoftwareIssuedCertificate;
let session: string;
let month: string;

const state = () => {
  const n = (table: string): number =>
    (server.app.shebao.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return {
    declarations: n('declarations'),
    applied: n('applied_mutations'),
    changes: n('changes'),
    sessions: n('sessions'),
  };
};

beforeAll(async () => {
  pki = await createTestPki();
  cert = await pki.issueWithSoftwareKey(
    leafSpec(personHolder(demoPersons.agent, unit1.name)),
    'ec',
  );
  server = await startServer({ pki });
  session = await loginSession(server.url, cert);
  month = serviceMonth();
});

afterAll(async () => {
  await server?.close();
});

/** A signed push whose text carries the marker value 777777 in the first row's wage. */
async function pushText(): Promise<string> {
  const body = await signedBatch({
    origin: server.url,
    unitNo: unit1.unitNo,
    clientId: ulid(),
    mutations: [submitMutation('addition', month, [additionRow(1, month, { wageFen: 777777 })])],
    certificate: cert,
  });
  return JSON.stringify(body);
}

const withWage = async (raw: string): Promise<string> =>
  (await pushText()).replace('"wageFen":777777', `"wageFen":${raw}`);

const nested = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);

async function expectRefused(
  send: () => Promise<{ status: number; body: unknown }>,
  status: number,
  code: keyof typeof errorCatalogue,
): Promise<void> {
  const before = state();
  const res = await send();
  expect({ status: res.status, body: res.body }).toMatchObject({
    status,
    body: { code, message: errorCatalogue[code].message },
  });
  expect(state()).toEqual(before);
}

const pushRawText = (text: string) =>
  post(server.url, `/v1/units/${unit1.unitNo}/mutations`, text, { session, raw: true });

describe('a push the service cannot take exactly', () => {
  it.each([
    ['a wage of 1e400 (Infinity after parsing)', '1e400', 'REQUEST_NUMBER_INVALID'],
    ['a wage of -1e400', '-1e400', 'REQUEST_NUMBER_INVALID'],
    ['a wage past 2^53 (would lose digits)', '123456789012345678901', 'REQUEST_NUMBER_INVALID'],
    ['a wage of 9007199254740993', '9007199254740993', 'REQUEST_NUMBER_INVALID'],
    ['a wage nested 40 arrays deep', nested(40), 'REQUEST_TOO_DEEP'],
    ['a wage of 30,000 characters', JSON.stringify('9'.repeat(30_000)), 'REQUEST_VALUE_TOO_LONG'],
    ['a wage that is an object with __proto__', '{"__proto__":{"admin":true}}', 'BAD_REQUEST'],
  ] as const)('%s → 400 %s, nothing stored', async (_name, raw, code) => {
    const text = await withWage(raw);
    expect(text).not.toContain('777777');
    await expectRefused(() => pushRawText(text), 400, code);
  });

  it('a declaration with 100,001 rows → 400 REQUEST_VALUE_TOO_LONG', async () => {
    const text = (await pushText()).replace(
      /"rows":\[[^\]]*\]/,
      `"rows":[${Array.from({ length: 100_001 }, () => '0').join(',')}]`,
    );
    await expectRefused(() => pushRawText(text), 400, 'REQUEST_VALUE_TOO_LONG');
  });

  it('a body nested 100,000 deep → 400 REQUEST_TOO_DEEP, the server carries on', async () => {
    await expectRefused(() => pushRawText(nested(100_000)), 400, 'REQUEST_TOO_DEEP');
    const again = await get(server.url, `/v1/units/${unit1.unitNo}/changes`, session);
    expect(again.status).toBe(200);
  });

  const wrongTypes: [string, (b: Record<string, unknown>) => void][] = [
    ['clientId a number', (b) => (b.clientId = 42)],
    ['mutations an object', (b) => (b.mutations = { 0: {} })],
    ['a mutation null', (b) => ((b.mutations as unknown[])[0] = null)],
    ['a mutation id an array', (b) => (mutation(b).id = ['01'])],
    ['payload a string', (b) => (mutation(b).payload = 'rows')],
    ['month a number', (b) => (payload(b).month = 202401)],
    ['rows a string', (b) => (payload(b).rows = 'x')],
    ['declarationId with a slash', (b) => (payload(b).declarationId = '../etc')],
    ['an extra member at depth 3', (b) => (payload(b).extra = true)],
    ['signature a boolean', (b) => (b.signature = true)],
    ['certificate not base64', (b) => (b.certificate = '%%%')],
  ];
  function mutation(b: Record<string, unknown>): Record<string, unknown> {
    return (b.mutations as Record<string, unknown>[])[0]!;
  }
  function payload(b: Record<string, unknown>): Record<string, unknown> {
    return mutation(b).payload as Record<string, unknown>;
  }

  it.each(wrongTypes)('%s → 400 BAD_REQUEST, nothing stored', async (_name, spoil) => {
    const body = JSON.parse(await pushText()) as Record<string, unknown>;
    spoil(body);
    await expectRefused(() => pushRawText(JSON.stringify(body)), 400, 'BAD_REQUEST');
  });

  it('a row field of the wrong type, properly signed, is that mutation’s MUTATION_INVALID and nothing is stored for it', async () => {
    const row = { ...additionRow(2, month), wageFen: '八千' };
    const body = await signedBatch({
      origin: server.url,
      unitNo: unit1.unitNo,
      clientId: ulid(),
      mutations: [submitMutation('addition', month, [row])],
      certificate: cert,
    });
    const before = state();
    const res = await pushOk(server.url, session, unit1.unitNo, body);
    expect(res.results[0]).toMatchObject({ status: 'rejected', code: 'MUTATION_INVALID' });
    expect(state().declarations).toBe(before.declarations);
  });
});

describe('a login body the service cannot take exactly', () => {
  const login = (text: string) => post(server.url, '/v1/auth/cert-login', text, { raw: true });
  it.each([
    [
      'a nonce of 1e999',
      '{"nonce":1e999,"certificate":"AA==","signature":"AA=="}',
      'REQUEST_NUMBER_INVALID',
    ],
    ['nesting 20 deep', `{"nonce":${nested(20)}}`, 'REQUEST_TOO_DEEP'],
    ['a nonce of 50,000 characters', `{"nonce":"${'n'.repeat(50_000)}"}`, 'REQUEST_VALUE_TOO_LONG'],
    [
      'a nonce that is an object',
      '{"nonce":{"a":1},"certificate":"AA==","signature":"AA=="}',
      'BAD_REQUEST',
    ],
  ] as const)('%s → 400 %s, no session made', async (_name, text, code) => {
    await expectRefused(() => login(text), 400, code);
  });
});

describe('a change-feed query the service cannot take', () => {
  const feed = (query: string) =>
    get(server.url, `/v1/units/${unit1.unitNo}/changes?${query}`, session);
  it.each([
    ['limit=1e400', 'BAD_REQUEST'],
    ['limit=NaN', 'BAD_REQUEST'],
    ['limit=99999999999999999999', 'BAD_REQUEST'],
    ['limit=1&limit=2', 'BAD_REQUEST'],
    ['cursor=99999999999999999999', 'CURSOR_INVALID'],
    ['cursor=-1', 'CURSOR_INVALID'],
    [`cursor=${'9'.repeat(500)}`, 'BAD_REQUEST'],
  ] as const)('%s → 400 %s', async (query, code) => {
    await expectRefused(() => feed(query), 400, code);
  });
});
