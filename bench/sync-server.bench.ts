// The reference service's side of sync on loopback. Push 10,000 增员 mutations in
// batches of 1,000 (each batch hashed and signed once, with a software P-256 key standing in for
// the token), then pull the 10,000 resulting changes. Goals: push ≤ 2 s, pull ≤ 1 s.
import { MAX_MUTATIONS_PER_BATCH } from '../domain/protocol/sync';
import { demoPersons, demoUnits, personHolder } from '../server/demo/demo-data';
import { createTestPki, leafSpec } from '../tests/pki/pki';
import { loginSession, startServer } from '../tests/server/support';
import {
  additionRow,
  pullAll,
  pushOk,
  serviceMonth,
  signedBatch,
  submitMutation,
  ulid,
} from '../tests/server/sync-support';
import type { BenchResult } from './support/results';

const MUTATIONS = 10_000;

export async function run(): Promise<BenchResult[]> {
  const pki = await createTestPki();
  const [unit] = demoUnits;
  const cert = await pki.issueWithSoftwareKey(
    leafSpec(personHolder(demoPersons.agent, unit.name)),
    'ec',
  );
  const server = await startServer({ pki });
  try {
    const session = await loginSession(server.url, cert);
    const month = serviceMonth();
    const clientId = ulid();
    const mutations = Array.from({ length: MUTATIONS }, (_, i) =>
      submitMutation('addition', month, [additionRow(i, month)]),
    );
    const startCursor = (await pullAll(server.url, session, unit.unitNo)).nextCursor;

    const pushStart = performance.now();
    let accepted = 0;
    for (let i = 0; i < MUTATIONS; i += MAX_MUTATIONS_PER_BATCH) {
      const body = await signedBatch({
        origin: server.url,
        unitNo: unit.unitNo,
        clientId,
        mutations: mutations.slice(i, i + MAX_MUTATIONS_PER_BATCH),
        certificate: cert,
      });
      const res = await pushOk(server.url, session, unit.unitNo, body);
      accepted += res.results.filter((r) => r.status === 'accepted').length;
    }
    const pushMs = performance.now() - pushStart;
    if (accepted !== MUTATIONS) throw new Error(`only ${accepted} of ${MUTATIONS} accepted`);

    const pullStart = performance.now();
    const pulled = await pullAll(server.url, session, unit.unitNo, startCursor, 1000);
    const pullMs = performance.now() - pullStart;
    const pullOneStart = performance.now();
    const pulledOne = await pullAll(server.url, session, unit.unitNo, startCursor, 10_000);
    const pullOneMs = performance.now() - pullOneStart;
    if (pulled.changes.length !== MUTATIONS || pulledOne.changes.length !== MUTATIONS) {
      throw new Error(`pulled ${pulled.changes.length} / ${pulledOne.changes.length} changes`);
    }
    return [
      {
        name: `sync server: push ${MUTATIONS.toLocaleString('en')} mutations, batches of 1,000, one signature each`,
        value: pushMs,
        unit: 'ms',
        goal: '≤ 2000 ms',
      },
      {
        name: `sync server: pull ${MUTATIONS.toLocaleString('en')} changes, pages of 1,000`,
        value: pullMs,
        unit: 'ms',
        goal: '≤ 1000 ms',
      },
      {
        name: `sync server: pull ${MUTATIONS.toLocaleString('en')} changes, one page`,
        value: pullOneMs,
        unit: 'ms',
        goal: '≤ 1000 ms',
      },
    ];
  } finally {
    await server.close();
  }
}
