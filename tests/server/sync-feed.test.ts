// The review workflow and the change feed: what a client pulls after its push.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Change } from '../../domain/protocol/sync';
import { demoPersons, demoUnits, personHolder } from '../../server/demo/demo-data';
import { demoRosters } from '../../server/demo/demo-roster';
import { createTestPki, leafSpec, type SoftwareIssuedCertificate, type TestPki } from '../pki/pki';
import { get, loginSession, startServer, type RunningServer } from './support';
import {
  additionRow,
  pull,
  pullAll,
  pushOk,
  reviewer,
  serviceMonth,
  signedBatch,
  submitMutation,
  ulid,
} from './sync-support';

const REVIEW_TOKEN = 'feed-review-token';
const { agent } = demoPersons;
const [unit1, unit2] = demoUnits;

let pki: TestPki;
let server: RunningServer;
let autoServer: RunningServer;
let agentCert: SoftwareIssuedCertificate;
let month: string;

async function sessionOn(s: RunningServer): Promise<string> {
  return loginSession(s.url, agentCert);
}

async function submit(s: RunningServer, session: string, rows: unknown[][]): Promise<string[]> {
  const mutations = rows.map((r) => submitMutation('addition', month, r));
  const res = await pushOk(
    s.url,
    session,
    unit1.unitNo,
    await signedBatch({
      origin: s.url,
      unitNo: unit1.unitNo,
      clientId: ulid(),
      mutations,
      certificate: agentCert,
    }),
  );
  expect(res.results.every((r) => r.status === 'accepted')).toBe(true);
  return mutations.map((m) => m.payload.declarationId);
}

const statesOf = (changes: Change[], id: string) =>
  changes.flatMap((c) =>
    c.type === 'declaration.state' && c.declarationId === id
      ? [c.reason ? `${c.state}:${c.reason}` : c.state]
      : [],
  );

beforeAll(async () => {
  pki = await createTestPki();
  agentCert = await pki.issueWithSoftwareKey(leafSpec(personHolder(agent, unit1.name)), 'ec');
  server = await startServer({ pki, server: { reviewToken: REVIEW_TOKEN } });
  autoServer = await startServer({
    pki,
    server: { autoReview: { kind: 'return-if-name', name: '退回我' }, autoReviewDelayMs: 0 },
  });
  month = serviceMonth();
});

afterAll(async () => {
  await server?.close();
  await autoServer?.close();
});

describe('the change feed', () => {
  it('a fresh client learns the unit’s roster from the feed, and only its own unit’s', async () => {
    const session = await sessionOn(server);
    const feed = await pullAll(server.url, session, unit1.unitNo);
    const roster = feed.changes.filter((c) => c.type === 'roster.change');
    expect(roster.map((c) => c.type === 'roster.change' && c.docNo).sort()).toEqual(
      demoRosters[unit1.unitNo]!.map((p) => p.documentNumber).sort(),
    );
    expect(roster.every((c) => c.type === 'roster.change' && c.unitNo === unit1.unitNo)).toBe(true);
  });

  it('review transitions appear in order: 已提交 → 审核中 → 审核通过, and 已提交 → 退回 with the reason', async () => {
    const session = await sessionOn(server);
    const start = (await pullAll(server.url, session, unit1.unitNo)).nextCursor;
    const [a, b] = await submit(server, session, [
      [additionRow(10, month)],
      [additionRow(11, month)],
    ]);
    const desk = reviewer(server.url, REVIEW_TOKEN);
    expect((await desk.decide(a!, 'reviewing')).status).toBe(200);
    expect((await desk.decide(b!, 'return', '缺少劳动合同')).status).toBe(200);
    expect((await desk.decide(a!, 'approve')).status).toBe(200);

    const feed = await pullAll(server.url, session, unit1.unitNo, start);
    expect(statesOf(feed.changes, a!)).toEqual(['submitted', 'reviewing', 'approved']);
    expect(statesOf(feed.changes, b!)).toEqual(['submitted', 'returned:缺少劳动合同']);
    const seqs = feed.changes.map((c) => c.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    // The approved 增员 put 测试10 on the roster, and the feed says so.
    const joined = feed.changes.find((c) => c.type === 'roster.change' && c.name === '测试10');
    expect(joined).toMatchObject({ type: 'roster.change', status: 'insured', reason: '新参保' });
  });

  it('a decision that does not fit the state is refused: approving twice, returning without a reason', async () => {
    const session = await sessionOn(server);
    const [id] = await submit(server, session, [[additionRow(20, month)]]);
    const desk = reviewer(server.url, REVIEW_TOKEN);
    expect((await desk.decide(id!, 'approve')).status).toBe(200);
    const twice = await desk.decide(id!, 'approve');
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ code: 'REVIEW_TRANSITION_INVALID' });
    expect((twice.body as { message: string }).message).toContain('审核通过');
    const [other] = await submit(server, session, [[additionRow(21, month)]]);
    expect((await desk.decide(other!, 'return')).status).toBe(400);
    expect((await desk.decide(ulid(), 'approve')).status).toBe(404);
  });

  it('pages follow the cursor: every change once, in order, and an empty page at the end', async () => {
    const session = await sessionOn(server);
    await submit(server, session, [
      [additionRow(30, month)],
      [additionRow(31, month)],
      [additionRow(32, month)],
    ]);
    const all = await pullAll(server.url, session, unit1.unitNo, undefined, 1000);
    const paged: Change[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 200; i++) {
      const page = await pull(server.url, session, unit1.unitNo, cursor, 2);
      expect(page.changes.length).toBeLessThanOrEqual(2);
      paged.push(...page.changes);
      cursor = page.nextCursor;
      if (!page.hasMore) break;
    }
    expect(paged).toEqual(all.changes);
    const end = await pull(server.url, session, unit1.unitNo, cursor);
    expect(end).toEqual({ changes: [], nextCursor: cursor, hasMore: false });
  });

  it('a roster change made at the counter appears in the feed with the person', async () => {
    const session = await sessionOn(server);
    const start = (await pullAll(server.url, session, unit1.unitNo)).nextCursor;
    const person = demoRosters[unit1.unitNo]![2]!;
    const desk = reviewer(server.url, REVIEW_TOKEN);
    const res = await desk.counter(unit1.unitNo, {
      docNo: person.documentNumber,
      docType: 'residentId',
      name: person.name,
      status: 'stopped',
      reason: '窗口办理减员',
      lastPaidMonth: month,
    });
    expect(res.status).toBe(200);
    const feed = await pull(server.url, session, unit1.unitNo, start);
    expect(feed.changes).toHaveLength(1);
    expect(feed.changes[0]).toMatchObject({
      type: 'roster.change',
      unitNo: unit1.unitNo,
      docNo: person.documentNumber,
      name: person.name,
      status: 'stopped',
      reason: '窗口办理减员',
      person: { status: 'stopped', lastPaidMonth: month },
    });
  });

  it('a cursor that is not one, or from the future, is CURSOR_INVALID', async () => {
    const session = await sessionOn(server);
    for (const bad of ['abc', '-1', '1.5', '99999999999']) {
      const res = await get(server.url, `/v1/units/${unit1.unitNo}/changes?cursor=${bad}`, session);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'CURSOR_INVALID' });
    }
  });

  it('another unit’s feed is UNIT_NOT_ALLOWED, and no session is SESSION_INVALID', async () => {
    const session = await sessionOn(server);
    const res = await get(server.url, `/v1/units/${unit2.unitNo}/changes`, session);
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ code: 'UNIT_NOT_ALLOWED' });
    const anon = await get(server.url, `/v1/units/${unit1.unitNo}/changes`);
    expect(anon.status).toBe(401);
  });

  it('the review desk refuses a wrong token, and a server without a token refuses everyone', async () => {
    const wrong = reviewer(server.url, 'not-the-token');
    const res = await wrong.maintenance(true);
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({ code: 'REVIEWER_NOT_AUTHORIZED' });
    expect((await reviewer(autoServer.url, 'anything-at-all').maintenance(true)).status).toBe(401);
  });
});

describe('--auto-review return-if-name', () => {
  it('returns the declaration naming that person with a zh-CN reason and approves the other', async () => {
    const session = await sessionOn(autoServer);
    const [returned, approved] = await submit(autoServer, session, [
      [additionRow(40, month), additionRow(41, month, { name: '退回我' })],
      [additionRow(42, month)],
    ]);
    const feed = await pullAll(autoServer.url, session, unit1.unitNo);
    expect(statesOf(feed.changes, returned!)).toEqual([
      'submitted',
      'reviewing',
      'returned:退回我的参保材料需要补充，请核对证件信息后重新提交。',
    ]);
    expect(statesOf(feed.changes, approved!)).toEqual(['submitted', 'reviewing', 'approved']);
  });
});
