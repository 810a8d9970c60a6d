// Idempotency means the same mutation, not just the same id: a known id is a duplicate only from
// the same client, for the same unit, by the same signer, with the same payload. Anything else is
// MUTATION_ID_CONFLICT, and the answer says nothing about the mutation that used the id first.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCatalogue } from '../../domain/error-catalogue';
import type { Mutation } from '../../domain/protocol/sync';
import { demoPersons, demoUnits, personHolder } from '../../server/demo/demo-data';
import { migrate } from '../../server/store/database';
import { DeclarationStore } from '../../server/store/declarations';
import { migrations } from '../../server/store/migrations/index';
import { createTestPki, leafSpec, type SoftwareIssuedCertificate, type TestPki } from '../pki/pki';
import { loginSession, startServer, type RunningServer } from './support';
import {
  additionRow,
  pushOk,
  serviceMonth,
  signedBatch,
  submitMutation,
  ulid,
} from './sync-support';

const [unit1, unit2] = demoUnits;
let pki: TestPki;
let server: RunningServer;
let month: string;
const certs = {} as Record<'agent' | 'agentRenewed' | 'legal', SoftwareIssuedCertificate>;
const sessions = {} as Record<'agent' | 'legal', string>;

const CONFLICT = {
  status: 'rejected',
  code: 'MUTATION_ID_CONFLICT',
  message: errorCatalogue.MUTATION_ID_CONFLICT.message,
};

const stored = () => {
  const n = (sql: string): number => (server.app.shebao.db.prepare(sql).get() as { n: number }).n;
  return {
    declarations: n('SELECT count(*) AS n FROM declarations'),
    applied: n('SELECT count(*) AS n FROM applied_mutations'),
    changes: n('SELECT count(*) AS n FROM changes'),
  };
};

beforeAll(async () => {
  pki = await createTestPki();
  certs.agent = await pki.issueWithSoftwareKey(
    leafSpec(personHolder(demoPersons.agent, unit1.name)),
    'ec',
  );
  certs.agentRenewed = await pki.issueWithSoftwareKey(
    leafSpec(personHolder(demoPersons.agent, unit1.name)),
    'rsa',
  );
  certs.legal = await pki.issueWithSoftwareKey(leafSpec(personHolder(demoPersons.legal)), 'rsa');
  server = await startServer({ pki });
  month = serviceMonth();
  sessions.agent = await loginSession(server.url, certs.agent);
  sessions.legal = await loginSession(server.url, certs.legal);
});

afterAll(async () => {
  await server?.close();
});

async function push(
  who: 'agent' | 'legal',
  mutations: Mutation[],
  o: { clientId: string; unitNo?: string; certificate?: SoftwareIssuedCertificate },
) {
  const unitNo = o.unitNo ?? unit1.unitNo;
  const body = await signedBatch({
    origin: server.url,
    unitNo,
    clientId: o.clientId,
    mutations,
    certificate: o.certificate ?? certs[who],
  });
  return pushOk(server.url, sessions[who], unitNo, body);
}

describe('a known mutation id', () => {
  it('with another payload from the same client: MUTATION_ID_CONFLICT, nothing applied', async () => {
    const clientId = ulid();
    const first = submitMutation('addition', month, [additionRow(10, month)]);
    expect((await push('agent', [first], { clientId })).results[0]!.status).toBe('accepted');
    const before = stored();
    const changed: Mutation = {
      ...first,
      payload: { ...first.payload, rows: [additionRow(11, month)] },
    };
    const res = await push('agent', [changed], { clientId });
    expect(res.results).toEqual([{ id: first.id, ...CONFLICT }]);
    expect(stored()).toEqual(before);
  });

  it('for another unit, by a signer who may act for both: MUTATION_ID_CONFLICT', async () => {
    const clientId = ulid();
    const m = submitMutation('addition', month, [additionRow(20, month)]);
    expect((await push('legal', [m], { clientId })).results[0]!.status).toBe('accepted');
    const before = stored();
    const res = await push('legal', [m], { clientId, unitNo: unit2.unitNo });
    expect(res.results).toEqual([{ id: m.id, ...CONFLICT }]);
    expect(stored()).toEqual(before);
  });

  it('by another signer, from the same or another client id: MUTATION_ID_CONFLICT', async () => {
    const clientId = ulid();
    const m = submitMutation('addition', month, [additionRow(30, month)]);
    expect((await push('agent', [m], { clientId })).results[0]!.status).toBe('accepted');
    const before = stored();
    for (const id of [clientId, ulid()]) {
      const res = await push('legal', [m], { clientId: id });
      expect(res.results).toEqual([{ id: m.id, ...CONFLICT }]);
    }
    expect(stored()).toEqual(before);
  });

  it('reveals nothing: the answer is the same whether the first was accepted or rejected', async () => {
    const accepted = submitMutation('addition', month, [additionRow(40, month)]);
    const badRow = { ...additionRow(41, month), name: '' };
    const rejected = submitMutation('addition', month, [badRow]);
    const clientId = ulid();
    const first = await push('agent', [accepted, rejected], { clientId });
    expect(first.results.map((r) => r.status)).toEqual(['accepted', 'rejected']);
    const probe = (m: Mutation): Mutation => ({
      ...m,
      payload: { ...m.payload, month: '2020-01' },
    });
    const res = await push('legal', [probe(accepted), probe(rejected)], { clientId: ulid() });
    expect(res.results).toEqual([
      { id: accepted.id, ...CONFLICT },
      { id: rejected.id, ...CONFLICT },
    ]);
    expect(JSON.stringify(res)).not.toContain(accepted.payload.declarationId);
  });

  it('sent again by the same person with a renewed certificate is still the same mutation: a duplicate', async () => {
    const clientId = ulid();
    const m = submitMutation('addition', month, [additionRow(50, month)]);
    const first = await push('agent', [m], { clientId });
    const again = await push('agent', [m], { clientId, certificate: certs.agentRenewed });
    expect(again.results).toEqual(first.results.map((r) => ({ ...r, duplicate: true })));
  });

  it('used twice in one batch with different payloads: the second is MUTATION_ID_CONFLICT', async () => {
    const m = submitMutation('addition', month, [additionRow(60, month)]);
    const twin: Mutation = { ...m, payload: { ...m.payload, rows: [additionRow(61, month)] } };
    const res = await push('agent', [m, twin], { clientId: ulid() });
    expect(res.results).toEqual([
      { id: m.id, status: 'accepted', declarationState: 'submitted' },
      { id: m.id, ...CONFLICT },
    ]);
  });
});

describe('mutations recorded before the binding existed', () => {
  it('still answer a retry from their unit as a duplicate, and anything else as a conflict', () => {
    const db = new Database(':memory:');
    migrate(
      db,
      migrations.filter((m) => m.version <= 2),
    );
    db.prepare(
      `INSERT INTO applied_mutations (client_id, mutation_id, unit_no, result_json, applied_at)
       VALUES ('c1', 'm1', 'u1', '{"id":"01J0000000000000000000000A","status":"accepted"}', 1)`,
    ).run();
    migrate(db);
    const store = new DeclarationStore(db);
    const key = {
      clientId: 'c1',
      mutationId: 'm1',
      unitNo: 'u1',
      signer: 'person:x',
      mutationSha256: 'ab',
    };
    expect(store.appliedResult(key)).toEqual({
      id: '01J0000000000000000000000A',
      status: 'accepted',
    });
    expect(store.appliedResult({ ...key, unitNo: 'u2' })).toBe('conflict');
    expect(store.appliedResult({ ...key, mutationId: 'm2' })).toBeUndefined();
  });
});
