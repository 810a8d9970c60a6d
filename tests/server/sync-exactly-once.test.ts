// Exactly once through a hostile network (server side): 1,000 mutations
// pushed through a fault-injecting proxy with at least 100 faults of every kind, by the simplest
// client there is (sign each batch once, resend it verbatim until answered), end with exactly
// 1,000 applied, none twice, none lost.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  pushResponseSchema,
  type MutationResult,
  type PushRequest,
} from '../../domain/protocol/sync';
import { demoPersons, demoUnits, personHolder } from '../../server/demo/demo-data';
import { createTestPki, leafSpec, type SoftwareIssuedCertificate, type TestPki } from '../pki/pki';
import {
  startFaultProxy,
  type Fault,
  type FaultKind,
  type FaultProxy,
} from '../support/fault-proxy';
import { loginSession, startServer, type RunningServer } from './support';
import { additionRow, serviceMonth, signedBatch, submitMutation, ulid } from './sync-support';

const [unit1] = demoUnits;
const TOTAL = 1000;
const BATCH = 10;

let pki: TestPki;
let server: RunningServer;
let proxy: FaultProxy;
let cert: SoftwareIssuedCertificate;

// Four of every five requests meet a fault, the kinds in turn.
const faults: Fault[] = [
  { kind: 'drop-request' },
  { kind: 'drop-response' },
  { kind: 'delay', ms: 30 },
  { kind: 'reset' },
  { kind: 'status', status: 500 },
  { kind: 'status', status: 503, retryAfterSeconds: 1 },
  { kind: 'duplicate' },
  { kind: 'status', status: 500, afterForward: true },
];
function plan(index: number): Fault | null {
  if (index % 5 === 4) return null;
  return faults[(index - Math.floor(index / 5)) % faults.length]!;
}

beforeAll(async () => {
  pki = await createTestPki();
  cert = await pki.issueWithSoftwareKey(
    leafSpec(personHolder(demoPersons.agent, unit1.name)),
    'ec',
  );
  server = await startServer({ pki });
  proxy = await startFaultProxy({ target: server.url, plan });
});

afterAll(async () => {
  await proxy?.close();
  await server?.close();
});

/** The whole client: resend the same signed body until an answer arrives (bounded). */
async function pushUntilAnswered(session: string, body: PushRequest): Promise<MutationResult[]> {
  for (let attempt = 0; attempt < 100; attempt++) {
    let res: Response;
    try {
      res = await fetch(`${proxy.url}/v1/units/${unit1.unitNo}/mutations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${session}` },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      });
      if (res.status === 200) return pushResponseSchema.parse(await res.json()).results;
      await res.arrayBuffer();
    } catch {
      continue; // dropped or reset: the server may or may not have applied it; resend
    }
    // Retry-After is honoured, scaled down 100× so the test stays short.
    const retryAfter = Number(res.headers.get('retry-after') ?? '0');
    await new Promise((r) => setTimeout(r, Math.min(retryAfter * 10, 50)));
  }
  throw new Error('no answer after 100 attempts');
}

describe('exactly once through injected faults', () => {
  it(`${TOTAL} mutations through ≥ 100 faults of every kind: exactly ${TOTAL} applied, none twice, none lost`, async () => {
    const session = await loginSession(server.url, cert);
    const month = serviceMonth();
    const clientId = ulid();
    const mutations = Array.from({ length: TOTAL }, (_, i) =>
      submitMutation('addition', month, [additionRow(i, month)]),
    );
    const results = new Map<string, MutationResult>();
    for (let i = 0; i < TOTAL; i += BATCH) {
      const body = await signedBatch({
        origin: server.url,
        unitNo: unit1.unitNo,
        clientId,
        mutations: mutations.slice(i, i + BATCH),
        certificate: cert,
      });
      for (const r of await pushUntilAnswered(session, body)) results.set(r.id, r);
    }

    const injected = Object.values(proxy.stats.faults).reduce((a, b) => a + b, 0);
    expect(injected).toBeGreaterThanOrEqual(100);
    for (const kind of Object.keys(proxy.stats.faults) as FaultKind[]) {
      expect(proxy.stats.faults[kind], kind).toBeGreaterThan(0);
    }

    // The client heard an accepted result for every mutation.
    expect(results.size).toBe(TOTAL);
    expect([...results.values()].every((r) => r.status === 'accepted')).toBe(true);

    // The server applied each exactly once: one record, one declaration, one 已提交 entry each.
    const db = server.app.shebao.db;
    const one = (sql: string, ...p: unknown[]) => (db.prepare(sql).get(...p) as { n: number }).n;
    expect(one('SELECT count(*) AS n FROM applied_mutations WHERE client_id = ?', clientId)).toBe(
      TOTAL,
    );
    expect(one('SELECT count(*) AS n FROM declarations WHERE client_id = ?', clientId)).toBe(TOTAL);
    expect(
      one(
        `SELECT count(*) AS n FROM declarations d
          WHERE d.client_id = ? AND d.id IN (${mutations.map(() => '?').join(',')})`,
        clientId,
        ...mutations.map((m) => m.payload.declarationId),
      ),
    ).toBe(TOTAL);
    const submittedEntries = db
      .prepare(
        `SELECT json_extract(data_json, '$.declarationId') AS id, count(*) AS n FROM changes
          WHERE type = 'declaration.state' AND json_extract(data_json, '$.state') = 'submitted'
          GROUP BY id HAVING n > 1`,
      )
      .all();
    expect(submittedEntries).toEqual([]);
    expect(
      one(
        `SELECT count(*) AS n FROM changes WHERE type = 'declaration.state'
           AND json_extract(data_json, '$.state') = 'submitted'`,
      ),
    ).toBe(TOTAL);
  }, 120_000);
});
