// Pushing a signed batch against a real server on loopback with a real test PKI: what
// is applied, what is refused whole, and that a retried push never applies anything twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCatalogue } from '../../domain/error-catalogue';
import { declareSignedText, loginSignedText } from '../../domain/protocol/auth';
import { demoPersons, demoUnits, personHolder } from '../../server/demo/demo-data';
import { demoRosters } from '../../server/demo/demo-roster';
import { createTestPki, leafSpec, type SoftwareIssuedCertificate, type TestPki } from '../pki/pki';
import { loginSession, startServer, type RunningServer } from './support';
import {
  additionRow,
  batchHash,
  pushOk,
  pushRaw,
  reductionRow,
  reviewer,
  serviceMonth,
  signedBatch,
  submitMutation,
  ulid,
  type BatchOptions,
} from './sync-support';

const REVIEW_TOKEN = 'review-token-for-tests';
const { legal, agent, unauthorized } = demoPersons;
const [unit1, unit2] = demoUnits;

let pki: TestPki;
let server: RunningServer;
let month: string;
const certs = {} as Record<
  'agent' | 'legal' | 'wang' | 'untrusted' | 'revoked',
  SoftwareIssuedCertificate
>;
const sessions = {} as Record<'agent' | 'legal', string>;

const count = (sql: string, ...params: unknown[]): number =>
  (server.app.shebao.db.prepare(sql).get(...params) as { n: number }).n;
const declarationCount = (): number => count('SELECT count(*) AS n FROM declarations');
const appliedCount = (): number => count('SELECT count(*) AS n FROM applied_mutations');
const feedCount = (): number => count('SELECT count(*) AS n FROM changes');

const errorOf = (body: unknown) => body as { code: string; message: string };

function batch(
  over: Partial<BatchOptions> = {},
): Promise<ReturnType<typeof signedBatch> extends Promise<infer T> ? T : never> {
  return signedBatch({
    origin: server.url,
    unitNo: unit1.unitNo,
    clientId: ulid(),
    mutations: [submitMutation('addition', month, [additionRow(1, month)])],
    certificate: certs.agent,
    ...over,
  });
}

beforeAll(async () => {
  pki = await createTestPki();
  certs.agent = await pki.issueWithSoftwareKey(leafSpec(personHolder(agent, unit1.name)), 'ec');
  certs.legal = await pki.issueWithSoftwareKey(leafSpec(personHolder(legal)), 'rsa');
  certs.wang = await pki.issueWithSoftwareKey(leafSpec(personHolder(unauthorized)), 'ec');
  certs.untrusted = await pki.issueWithSoftwareKey(
    leafSpec(personHolder(agent), { issuer: 'untrusted' }),
    'ec',
  );
  certs.revoked = await pki.issueWithSoftwareKey(leafSpec(personHolder(agent)), 'ec');
  pki.revoke(certs.revoked.serialHex);
  server = await startServer({ pki, server: { reviewToken: REVIEW_TOKEN } });
  month = serviceMonth();
  sessions.agent = await loginSession(server.url, certs.agent);
  sessions.legal = await loginSession(server.url, certs.legal);
});

afterAll(async () => {
  await server?.close();
});

describe('a signed push is applied exactly once', () => {
  it('李娜 pushes three 增员 declarations: all accepted, each stored once with a 已提交 entry in the feed', async () => {
    const before = { declarations: declarationCount(), feed: feedCount() };
    const mutations = [0, 1, 2].map((i) =>
      submitMutation('addition', month, [additionRow(100 + i, month)]),
    );
    const res = await pushOk(server.url, sessions.agent, unit1.unitNo, await batch({ mutations }));
    expect(res.results).toEqual(
      mutations.map((m) => ({ id: m.id, status: 'accepted', declarationState: 'submitted' })),
    );
    expect(declarationCount()).toBe(before.declarations + 3);
    expect(feedCount()).toBe(before.feed + 3);
    for (const m of mutations) {
      expect(
        count('SELECT count(*) AS n FROM declarations WHERE id = ?', m.payload.declarationId),
      ).toBe(1);
    }
  });

  it('the same batch pushed again answers the same results and applies nothing twice', async () => {
    const body = await batch({
      mutations: [0, 1].map((i) =>
        submitMutation('addition', month, [additionRow(200 + i, month)]),
      ),
    });
    const first = await pushOk(server.url, sessions.agent, unit1.unitNo, body);
    const counts = { d: declarationCount(), a: appliedCount(), f: feedCount() };
    const again = await pushOk(server.url, sessions.agent, unit1.unitNo, body);
    const third = await pushOk(server.url, sessions.agent, unit1.unitNo, body);
    for (const r of [again, third]) {
      expect(r.results).toEqual(first.results.map((x) => ({ ...x, duplicate: true })));
    }
    expect({ d: declarationCount(), a: appliedCount(), f: feedCount() }).toEqual(counts);
  });

  it('a retry mixing applied and new mutations applies only the new one, in request order', async () => {
    const clientId = ulid();
    const old = submitMutation('addition', month, [additionRow(300, month)]);
    await pushOk(
      server.url,
      sessions.agent,
      unit1.unitNo,
      await batch({ clientId, mutations: [old] }),
    );
    const fresh = submitMutation('addition', month, [additionRow(301, month)]);
    const before = declarationCount();
    const res = await pushOk(
      server.url,
      sessions.agent,
      unit1.unitNo,
      await batch({ clientId, mutations: [old, fresh] }),
    );
    expect(res.results.map((r) => [r.id, r.status, r.duplicate ?? false])).toEqual([
      [old.id, 'accepted', true],
      [fresh.id, 'accepted', false],
    ]);
    expect(declarationCount()).toBe(before + 1);
  });

  it('张伟 (法人, RSA key) may push for his second unit', async () => {
    const res = await pushOk(
      server.url,
      sessions.legal,
      unit2.unitNo,
      await batch({
        unitNo: unit2.unitNo,
        certificate: certs.legal,
        mutations: [submitMutation('addition', month, [additionRow(400, month)])],
      }),
    );
    expect(res.results[0]!.status).toBe('accepted');
  });
});

describe('a batch that is wrong is refused whole, with its code, and nothing is applied', () => {
  async function refused(
    body: unknown,
    expected: { status: number; code: string },
    options: { session?: string; unitNo?: string } = {},
  ): Promise<void> {
    const counts = { d: declarationCount(), a: appliedCount(), f: feedCount() };
    const res = await pushRaw(
      server.url,
      options.session ?? sessions.agent,
      options.unitNo ?? unit1.unitNo,
      body,
    );
    expect({ status: res.status, code: errorOf(res.body).code }).toEqual(expected);
    expect(errorOf(res.body).message).toBe(
      (errorCatalogue as Record<string, { message: string }>)[expected.code]!.message,
    );
    expect({ d: declarationCount(), a: appliedCount(), f: feedCount() }).toEqual(counts);
  }

  const twoGood = () =>
    [0, 1].map((i) => submitMutation('addition', month, [additionRow(500 + i, month)]));

  it('a batchHash that is not the hash of what was sent: BATCH_HASH_MISMATCH', async () => {
    await refused(await batch({ mutations: twoGood(), batchHash: 'a'.repeat(64) }), {
      status: 400,
      code: 'BATCH_HASH_MISMATCH',
    });
  });

  it('a mutation changed after signing (hash recomputed by the server differs): BATCH_HASH_MISMATCH', async () => {
    const body = await batch({ mutations: twoGood() });
    body.mutations[1]!.payload.month = '2019-01';
    await refused(body, { status: 400, code: 'BATCH_HASH_MISMATCH' });
  });

  it('a login signature cannot pass as a declaration signature: BATCH_SIGNATURE_INVALID', async () => {
    const body = await batch({
      mutations: twoGood(),
      signedText: loginSignedText(server.url, 'x'.repeat(43), 'a'.repeat(64)),
    });
    await refused(body, { status: 401, code: 'BATCH_SIGNATURE_INVALID' });
  });

  it('signed for another unit or another origin: BATCH_SIGNATURE_INVALID', async () => {
    const mutations = twoGood();
    const hash = batchHash(ulid(), unit1.unitNo, mutations);
    const clientId = ulid();
    const rightHash = batchHash(clientId, unit1.unitNo, mutations);
    expect(rightHash).not.toBe(hash);
    const otherUnit = await batch({
      clientId,
      mutations,
      signedText: declareSignedText(server.url, unit2.unitNo, rightHash),
    });
    await refused(otherUnit, { status: 401, code: 'BATCH_SIGNATURE_INVALID' });
    const otherOrigin = await batch({ clientId, mutations, origin: 'http://127.0.0.1:1' });
    await refused(otherOrigin, { status: 401, code: 'BATCH_SIGNATURE_INVALID' });
  });

  // Two good mutations, signed wrongly in one way each: whose key signs, which certificate goes
  // with it, or which unit it is for. Each row is refused with its own status and code.
  it.each<{
    title: string;
    /** What is signed wrongly (read at run time: the certificates are issued in beforeAll). */
    over?: () => Partial<BatchOptions>;
    expected: { status: number; code: string };
    /** The unit pushed for, when not unit 1 (the session and the signed text both name it). */
    unitNo?: string;
  }>([
    {
      title: 'signed by another key than the certificate’s: BATCH_SIGNATURE_INVALID',
      over: () => ({ signer: certs.wang }),
      expected: { status: 401, code: 'BATCH_SIGNATURE_INVALID' },
    },
    {
      title: 'a certificate from a CA the service does not trust: CERT_UNTRUSTED',
      over: () => ({ certificate: certs.untrusted }),
      expected: { status: 401, code: 'CERT_UNTRUSTED' },
    },
    {
      title: 'a revoked certificate: CERT_REVOKED',
      over: () => ({ certificate: certs.revoked }),
      expected: { status: 401, code: 'CERT_REVOKED' },
    },
    {
      title: '王芳 (no unit) signs in 李娜’s session: BATCH_SIGNER_NOT_AUTHORIZED',
      over: () => ({ certificate: certs.wang }),
      expected: { status: 403, code: 'BATCH_SIGNER_NOT_AUTHORIZED' },
    },
    {
      title: '李娜 signs for unit 2, which she is not authorized for: BATCH_SIGNER_NOT_AUTHORIZED',
      expected: { status: 403, code: 'BATCH_SIGNER_NOT_AUTHORIZED' },
      unitNo: unit2.unitNo,
    },
    {
      title: '张伟’s certificate used in 李娜’s session: BATCH_SIGNER_NOT_AUTHORIZED',
      over: () => ({ certificate: certs.legal }),
      expected: { status: 403, code: 'BATCH_SIGNER_NOT_AUTHORIZED' },
    },
  ])('$title', async ({ over, expected, unitNo }) => {
    const body = await batch({ mutations: twoGood(), ...(unitNo ? { unitNo } : {}), ...over?.() });
    await refused(body, expected, { unitNo });
  });

  it('more than 1,000 mutations in one batch: BATCH_TOO_LARGE', async () => {
    const mutations = Array.from({ length: 1001 }, (_, i) =>
      submitMutation('addition', month, [additionRow(i, month)]),
    );
    await refused(await batch({ mutations }), { status: 413, code: 'BATCH_TOO_LARGE' });
  });

  it('no session: SESSION_INVALID', async () => {
    const counts = declarationCount();
    const res = await fetch(`${server.url}/v1/units/${unit1.unitNo}/mutations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(await batch({ mutations: twoGood() })),
    });
    expect(res.status).toBe(401);
    expect(((await res.json()) as { code: string }).code).toBe('SESSION_INVALID');
    expect(declarationCount()).toBe(counts);
  });

  it('a body that does not fit the schema (unknown mutation kind): BAD_REQUEST', async () => {
    const body = await batch({ mutations: twoGood() });
    await refused(
      { ...body, mutations: [{ ...body.mutations[0]!, kind: 'declaration.delete' }] },
      { status: 400, code: 'BAD_REQUEST' },
    );
  });
});

describe('each mutation is checked again with the domain rules', () => {
  it('a declaration with a wrong ID check digit is rejected with MUTATION_INVALID and a zh-CN reason; the others are accepted', async () => {
    const good1 = submitMutation('addition', month, [additionRow(600, month)]);
    const badRow = additionRow(601, month);
    badRow.documentNumber =
      badRow.documentNumber.slice(0, 17) + (badRow.documentNumber[17] === '1' ? '2' : '1');
    const bad = submitMutation('addition', month, [additionRow(602, month), badRow]);
    const good2 = submitMutation('addition', month, [additionRow(603, month)]);
    const before = declarationCount();
    const res = await pushOk(
      server.url,
      sessions.agent,
      unit1.unitNo,
      await batch({ mutations: [good1, bad, good2] }),
    );
    expect(res.results.map((r) => [r.id, r.status, r.code])).toEqual([
      [good1.id, 'accepted', undefined],
      [bad.id, 'rejected', 'MUTATION_INVALID'],
      [good2.id, 'accepted', undefined],
    ]);
    expect(res.results[1]!.message).toMatch(/^申报内容未通过社保系统校验：第2行：/);
    expect(res.results[1]!.message).toMatch(/[\u4e00-\u9fff]/);
    expect(declarationCount()).toBe(before + 2);
    expect(
      count('SELECT count(*) AS n FROM declarations WHERE id = ?', bad.payload.declarationId),
    ).toBe(0);
  });

  it('warnings (a base below the lower bound) do not reject', async () => {
    const m = submitMutation('addition', month, [additionRow(610, month, { wageFen: 100 })]);
    const res = await pushOk(
      server.url,
      sessions.agent,
      unit1.unitNo,
      await batch({ mutations: [m] }),
    );
    expect(res.results[0]!.status).toBe('accepted');
  });

  it('a row that does not fit the row schema is rejected, and the rejection is what a retry gets', async () => {
    const m = submitMutation('reduction', month, [{ name: '某人', unexpected: true }]);
    const body = await batch({ mutations: [m] });
    const first = await pushOk(server.url, sessions.agent, unit1.unitNo, body);
    expect(first.results[0]).toMatchObject({ status: 'rejected', code: 'MUTATION_INVALID' });
    expect(first.results[0]!.message).toContain('第1行的数据格式不正确');
    const again = await pushOk(server.url, sessions.agent, unit1.unitNo, body);
    expect(again.results[0]).toEqual({ ...first.results[0], duplicate: true });
  });

  it('减员 of someone already stopped at the counter is DECLARATION_CONFLICT', async () => {
    const person = demoRosters[unit1.unitNo]![0]!;
    const desk = reviewer(server.url, REVIEW_TOKEN);
    const counter = await desk.counter(unit1.unitNo, {
      docNo: person.documentNumber,
      docType: person.documentType,
      name: person.name,
      status: 'stopped',
      reason: '窗口办理停保',
    });
    expect(counter.status).toBe(200);
    const m = submitMutation('reduction', month, [
      reductionRow(person.name, person.documentNumber, month),
    ]);
    const res = await pushOk(
      server.url,
      sessions.agent,
      unit1.unitNo,
      await batch({ mutations: [m] }),
    );
    expect(res.results[0]).toMatchObject({ status: 'rejected', code: 'DECLARATION_CONFLICT' });
    expect(res.results[0]!.message).toMatch(
      /^申报与社保系统中的参保信息冲突：第1行：此人已于\d{4}-\d{2}停保/,
    );
  });

  it('减员 of someone on the roster is accepted', async () => {
    const person = demoRosters[unit1.unitNo]![1]!;
    const m = submitMutation('reduction', month, [
      reductionRow(person.name, person.documentNumber, month),
    ]);
    const res = await pushOk(
      server.url,
      sessions.agent,
      unit1.unitNo,
      await batch({ mutations: [m] }),
    );
    expect(res.results[0]!.status).toBe('accepted');
  });

  it('a declaration under review cannot be submitted again; once returned it can, fixed', async () => {
    const declarationId = ulid();
    const first = submitMutation('addition', month, [additionRow(620, month)], declarationId);
    await pushOk(server.url, sessions.agent, unit1.unitNo, await batch({ mutations: [first] }));
    const again = submitMutation('addition', month, [additionRow(621, month)], declarationId);
    const refusedRes = await pushOk(
      server.url,
      sessions.agent,
      unit1.unitNo,
      await batch({ mutations: [again] }),
    );
    expect(refusedRes.results[0]).toMatchObject({
      status: 'rejected',
      code: 'DECLARATION_ALREADY_SUBMITTED',
    });

    const desk = reviewer(server.url, REVIEW_TOKEN);
    expect((await desk.decide(declarationId, 'return', '证件号码有误')).status).toBe(200);
    const fixed = submitMutation('addition', month, [additionRow(622, month)], declarationId);
    const res = await pushOk(
      server.url,
      sessions.agent,
      unit1.unitNo,
      await batch({ mutations: [fixed] }),
    );
    expect(res.results[0]).toEqual({
      id: fixed.id,
      status: 'accepted',
      declarationState: 'submitted',
    });
  });
});
