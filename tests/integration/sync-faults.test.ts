// Exactly once, client side: 1,000 mutations through a network that drops, delays, resets, fails and
// duplicates — at least 100 injected faults — end applied exactly once, and the client sees what
// the service sees.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { startFaultProxy, type Fault, type FaultProxy } from '../support/fault-proxy';
import type { DemoManifest } from '../pki/make-demo-tokens';
import {
  UNIT,
  additionRow,
  declarationStates,
  outboxCounts,
  queueDeclaration,
  serviceMonth,
  startDemoService,
  startSyncClient,
  until,
  type ReferenceServer,
  type SyncClient,
} from './sync-support';
import { localStateOf } from '../../electron/services/store/outbox';

const TOTAL = 1000;
const MIN_FAULTS = 100;
const RETURNED_NAME = '测试7';

let dir: string;
let manifest: DemoManifest;
let server: ReferenceServer;
let proxy: FaultProxy;
let client: SyncClient;

/** A repeatable pseudo-random sequence, so a failing run can be replayed. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const kinds: Fault[] = [
  { kind: 'drop-request' },
  { kind: 'drop-response' },
  { kind: 'delay', ms: 40 },
  { kind: 'reset' },
  { kind: 'status', status: 500 },
  { kind: 'status', status: 500, afterForward: true },
  { kind: 'status', status: 503, retryAfterSeconds: 1 },
  { kind: 'duplicate' },
];

function faultPlan(): (index: number, req: { url: string }) => Fault | null {
  const random = lcg(20240606);
  let injected = 0;
  let maintenance = 0;
  return (_index, req) => {
    // Login stays clean; pushes and pulls meet the faults. They stop after a bounded number so
    // the run always ends.
    if (!req.url.startsWith('/v1/units/')) return null;
    if (injected >= 180 || random() > 0.5) return null;
    let fault = kinds[Math.floor(random() * kinds.length)]!;
    if (fault.kind === 'status' && fault.status === 503 && ++maintenance > 6) fault = kinds[0]!;
    injected++;
    return fault;
  };
}

beforeAll(async () => {
  ({ dir, manifest, server } = await startDemoService([
    '--auto-review',
    `return-if-name:${RETURNED_NAME}`,
  ]));
  proxy = await startFaultProxy({ target: server.url, plan: faultPlan() });
  client = await startSyncClient({
    manifest,
    serverUrl: proxy.url,
    serviceOrigin: new URL(server.url).origin,
    dataDir: join(dir, 'app'),
    autoStart: false,
    options: {
      batch: { maxMutations: 10, maxBytes: 5 * 1024 * 1024 },
      backoff: { baseMs: 10, maxMs: 150 },
      pullIntervalMs: 200,
      pullPageSize: 100,
      requestTimeoutMs: 5_000,
      pushTimeoutMs: 5_000,
    },
  });
}, 180_000);

afterAll(async () => {
  await client?.close();
  await proxy?.close();
  await server?.stop();
});

describe('sync through a faulty network', () => {
  it(`${TOTAL} queued declarations reach the service exactly once through ≥${MIN_FAULTS} faults, and both sides agree`, async () => {
    const month = serviceMonth();
    const queued = new Set<string>();
    for (let i = 0; i < TOTAL; i++) {
      queued.add(
        queueDeclaration(client.db, UNIT, 'addition', month, [additionRow(i, month)]).declarationId,
      );
    }
    client.engine.start();
    await until(() => client.engine.store.pendingCount(UNIT) === 0, 150_000, 'the outbox to empty');

    const serverDb = new Database(join(dir, 'server', 'shebao-server.sqlite'), { readonly: true });
    try {
      // Wait until the client has pulled every review result the service has produced.
      const serverStates = (): Map<string, string> =>
        new Map(
          serverDb
            .prepare<[string], { id: string; state: string }>(
              'SELECT id, state FROM declarations WHERE unit_no = ?',
            )
            .all(UNIT)
            .map((r) => [r.id, r.state]),
        );
      await until(
        () => {
          const local = declarationStates(client.db, UNIT);
          return [...serverStates()].every(
            ([id, state]) => local.get(id) === localStateOf(state as 'submitted'),
          );
        },
        60_000,
        'the client to see every review result',
      );

      const onServer = serverStates();
      expect(onServer.size).toBe(TOTAL);
      expect(new Set(onServer.keys())).toEqual(queued);
      const applied = serverDb
        .prepare<[string], { n: number }>(
          'SELECT count(*) AS n FROM applied_mutations WHERE unit_no = ?',
        )
        .get(UNIT)!.n;
      expect(applied).toBe(TOTAL);
      // Applied twice would show as a second 已提交 entry in the feed for the same declaration.
      const submittedTwice = serverDb
        .prepare<[string], { n: number }>(
          `SELECT count(*) AS n FROM (SELECT json_extract(data_json, '$.declarationId') AS id, count(*) AS c
             FROM changes WHERE unit_no = ? AND type = 'declaration.state'
             AND json_extract(data_json, '$.state') = 'submitted' GROUP BY id HAVING c > 1)`,
        )
        .get(UNIT)!.n;
      expect(submittedTwice).toBe(0);

      const local = declarationStates(client.db, UNIT);
      for (const [id, state] of onServer)
        expect(local.get(id)).toBe(localStateOf(state as 'submitted'));
      expect([...onServer.values()].filter((s) => s === 'returned')).toHaveLength(1);
      expect(outboxCounts(client.db)).toEqual({ acked: TOTAL });
    } finally {
      serverDb.close();
    }

    const injected = Object.values(proxy.stats.faults).reduce((a, b) => a + b, 0);
    expect(injected).toBeGreaterThanOrEqual(MIN_FAULTS);
    for (const kind of [
      'drop-request',
      'drop-response',
      'delay',
      'reset',
      'status',
      'duplicate',
    ] as const) {
      expect(proxy.stats.faults[kind], kind).toBeGreaterThan(0);
    }
  }, 240_000);
});
