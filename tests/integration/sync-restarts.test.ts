// Crashes mid-sync: kill -9 of the client mid-push, and a server restart mid-sync, both end
// with every declaration applied once and the outbox empty.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { KeyVault } from '../../electron/services/store/key-vault';
import { openCipherConnection } from '../../electron/services/store/sqlcipher';
import { DATABASE_FILE } from '../../electron/services/store/user-store';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy';
import { startTsx } from '../support/processes';
import type { DemoManifest } from '../pki/make-demo-tokens';
import {
  UNIT,
  additionRow,
  outboxCounts,
  queueDeclaration,
  serviceMonth,
  startDemoService,
  startReferenceServer,
  startSyncClient,
  until,
  type ReferenceServer,
} from './sync-support';

let dir: string;
let manifest: DemoManifest;
let server: ReferenceServer;
let proxy: FaultProxy;

beforeAll(async () => {
  ({ dir, manifest, server } = await startDemoService());
  // Every push takes a little while, so there is a "mid-push" to kill in.
  proxy = await startFaultProxy({
    target: server.url,
    plan: (_i, req) => (req.url.endsWith('/mutations') ? { kind: 'delay', ms: 120 } : null),
  });
}, 180_000);

afterAll(async () => {
  await proxy?.close();
  await server?.stop();
});

function serverCounts(): { declarations: number; applied: number; submittedTwice: number } {
  const db = new Database(join(dir, 'server', 'shebao-server.sqlite'), { readonly: true });
  try {
    const one = (sql: string) => db.prepare<[string], { n: number }>(sql).get(UNIT)!.n;
    return {
      declarations: one('SELECT count(*) AS n FROM declarations WHERE unit_no = ?'),
      applied: one('SELECT count(*) AS n FROM applied_mutations WHERE unit_no = ?'),
      submittedTwice: one(
        `SELECT count(*) AS n FROM (SELECT json_extract(data_json, '$.declarationId') AS id, count(*) AS c
           FROM changes WHERE unit_no = ? AND type = 'declaration.state'
           AND json_extract(data_json, '$.state') = 'submitted' GROUP BY id HAVING c > 1)`,
      ),
    };
  } finally {
    db.close();
  }
}

describe('sync survives crashes and restarts', () => {
  it('the client killed with SIGKILL mid-push resumes after restart: all 200 applied once, none lost', async () => {
    const dataDir = join(dir, 'child-app');
    const args = [
      ...['--server', proxy.url, '--service-origin', new URL(server.url).origin],
      ...['--data', dataDir, '--demo', dir],
    ];
    const env = { SOFTHSM2_CONF: manifest.softhsm.conf };
    const first = await startTsx(
      'tests/integration/sync-client-child.ts',
      [...args, '--queue', '200'],
      /SYNC_MIDWAY (\d+)\/(\d+)/,
      env,
      90_000,
    );
    await first.stop('SIGKILL');
    expect(first.child.signalCode).toBe('SIGKILL');
    const before = serverCounts();
    expect(before.declarations).toBeGreaterThan(0);
    expect(before.declarations).toBeLessThan(200);

    const second = await startTsx(
      'tests/integration/sync-client-child.ts',
      args,
      /SYNC_DONE/,
      env,
      90_000,
    );
    await new Promise<void>((resolve) => {
      if (second.child.exitCode !== null) resolve();
      else second.child.once('exit', () => resolve());
    });

    expect(serverCounts()).toEqual({ declarations: 200, applied: 200, submittedTwice: 0 });
    const [person] = readdirSync(join(dataDir, 'users'));
    const personDir = join(dataDir, 'users', person!);
    const clientDb = openCipherConnection(
      join(personDir, DATABASE_FILE),
      new KeyVault().read(personDir),
    );
    try {
      expect(outboxCounts(clientDb)).toEqual({ acked: 200 });
      const states = clientDb
        .prepare<[], { state: string; n: number }>(
          'SELECT state, count(*) AS n FROM declarations GROUP BY state',
        )
        .all();
      expect(states).toEqual([{ state: 'uploaded', n: 200 }]);
    } finally {
      clientDb.close();
    }
  }, 200_000);

  it('a server killed and restarted mid-sync: the client notices, waits, and converges without duplicates', async () => {
    const client = await startSyncClient({
      manifest,
      // Straight to the server: with it down the port refuses connections, as a dead link does.
      serverUrl: server.url,
      dataDir: join(dir, 'app-2'),
      scenario: 'agent-ec',
      autoStart: false,
      options: {
        batch: { maxMutations: 2, maxBytes: 5 * 1024 * 1024 },
        backoff: { baseMs: 50, maxMs: 400 },
        pullIntervalMs: 500,
        requestTimeoutMs: 3_000,
      },
    });
    const seen = new Set<string>();
    client.engine.onStatus((s) => seen.add(s.state));
    try {
      const month = serviceMonth();
      for (let i = 1000; i < 1200; i++) {
        queueDeclaration(client.db, UNIT, 'addition', month, [additionRow(i, month)]);
      }
      const start = serverCounts().declarations;
      client.engine.start();
      await until(() => serverCounts().declarations >= start + 20, 60_000, 'part of the push');
      await server.stop('SIGKILL');
      expect(client.engine.store.pendingCount(UNIT)).toBeGreaterThan(0);
      await until(() => client.engine.status().state === 'offline', 20_000, 'the client to notice');
      server = await startReferenceServer(dir, manifest, server.port);
      await until(
        () => client.engine.store.pendingCount(UNIT) === 0,
        90_000,
        'the outbox to empty',
      );

      expect(seen.has('offline')).toBe(true);
      expect(serverCounts()).toEqual({
        declarations: start + 200,
        applied: start + 200,
        submittedTwice: 0,
      });
      expect(outboxCounts(client.db)).toEqual({ acked: 200 });
      await until(() => client.engine.status().state === 'idle', 20_000, 'idle after the pull');
    } finally {
      await client.close();
    }
  }, 200_000);
});
