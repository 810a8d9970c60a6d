// Sync as the CLIENT does it, on loopback against the reference server in its own
// process. The app's services (createAppServices) log in with the demo token in SoftHSM2 and
// enter 南京云帆科技有限公司; 10,000 submitted 增员 declarations are put in the user database's
// outbox (declarations, rows and outbox rows, as the workspace's submit writes them), then:
// - push: `sync.now` until the engine reports the outbox empty — batches built, hashed and signed
//   by the token once per batch, sent, results applied to the outbox and declarations;
// - pull: the service's review desk moves all 10,000 to 审核中, then `sync.now` until the engine
//   has pulled the 10,000 changes and applied them to the declarations.
// Goals: push ≤ 2 s, pull ≤ 1 s. SoftHSM2 is loaded in this process (the harness gives each
// bench its own), after SOFTHSM2_CONF points at the demo token store.
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { monotonicFactory } from 'ulid';
import type { SyncStatus } from '../electron/contract/views-sync';
import type { AppServices, CallContext } from '../electron/services/app-services-types';
import { KeyVault } from '../electron/services/store/key-vault';
import { openCipherConnection } from '../electron/services/store/sqlcipher';
import { DATABASE_FILE } from '../electron/services/store/user-store';
import { additionRow, serviceMonth } from '../tests/server/sync-support';
import { makeBenchDemo, softHsmSetup, startDemoServer } from './support/demo';
import type { BenchResult } from './support/results';

const COUNT = 10_000;
const UNIT_NAME = '南京云帆科技有限公司';
const ctx: CallContext = { transport: 'browser' };
const WAIT_MS = 60_000;

async function call<T>(services: AppServices, method: string, payload: unknown): Promise<T> {
  const result = await services.call(method, payload, ctx);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

/** The token watch lists tokens in the background; wait (bounded) until the certificate shows. */
async function certificateId(services: AppServices, sha256: string): Promise<string> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const snapshot = await services.handlers['tokens.snapshot']({}, ctx);
    const found = snapshot.tokens.flatMap((t) => t.certificates).find((c) => c.sha256 === sha256);
    if (found) return found.id;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the demo certificate was not listed within 20 s');
}

/** Resolves with the first status (from now on) that `done` accepts; bounded. */
function statusWhere(
  services: AppServices,
  done: (status: SyncStatus) => boolean,
): Promise<{ status: SyncStatus; at: number; seen: SyncStatus[] }> {
  const seen: SyncStatus[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no such sync status within ${WAIT_MS} ms: ${JSON.stringify(seen.at(-1))}`));
    }, WAIT_MS);
    const off = services.onEvent((name, payload) => {
      if (name !== 'sync.status') return;
      const at = performance.now();
      const status = payload as SyncStatus;
      seen.push(status);
      if (!done(status)) return;
      clearTimeout(timer);
      off();
      resolve({ status, at, seen });
    });
  });
}

/** Resolves once no sync status has come for `ms` (bounded). */
async function quiet(services: AppServices, ms = 500): Promise<void> {
  let last = performance.now();
  const off = services.onEvent((name) => {
    if (name === 'sync.status') last = performance.now();
  });
  try {
    const deadline = performance.now() + WAIT_MS;
    while (performance.now() - last < ms) {
      if (performance.now() > deadline) throw new Error('the sync engine never settled');
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    off();
  }
}

/** 10,000 queued 增员 declarations of one person each, with their outbox rows, in one transaction. */
function fillOutbox(db: Database.Database, unitNo: string, month: string): string[] {
  const next = monotonicFactory();
  const now = new Date().toISOString();
  const declaration = db.prepare(
    `INSERT INTO declarations (id, unit_no, kind, month, title, state, created_at, updated_at, submitted_at)
     VALUES (?, ?, 'addition', ?, ?, 'queued', ?, ?, ?)`,
  );
  const row = db.prepare(
    'INSERT INTO declaration_rows (declaration_id, row_no, data_json) VALUES (?, 0, ?)',
  );
  const outbox = db.prepare(
    `INSERT INTO outbox (mutation_id, unit_no, declaration_id, kind, payload_json, state, created_at)
     VALUES (?, ?, ?, 'declaration.submit', ?, 'pending', ?)`,
  );
  const ids: string[] = [];
  db.transaction(() => {
    for (let i = 0; i < COUNT; i++) {
      const id = next();
      const data = additionRow(i, month);
      declaration.run(id, unitNo, month, `${month} 增员 ${i + 1}`, now, now, now);
      row.run(id, JSON.stringify(data));
      outbox.run(
        next(),
        unitNo,
        id,
        JSON.stringify({ declarationId: id, type: 'addition', month, rows: [data] }),
        now,
      );
      ids.push(id);
    }
  })();
  return ids;
}

/** The service's review desk moves every declaration to 审核中 (one change each in the feed). */
async function markReviewing(serverUrl: string, token: string, ids: readonly string[]) {
  let nextIndex = 0;
  const worker = async () => {
    while (nextIndex < ids.length) {
      const id = ids[nextIndex++]!;
      const res = await fetch(`${serverUrl}/v1/review/declarations/${id}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ decision: 'reviewing' }),
      });
      if (res.status !== 200) throw new Error(`review ${id}: ${res.status} ${await res.text()}`);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
}

function stateCounts(db: Database.Database, unitNo: string): Record<string, number> {
  const rows = db
    .prepare<[string], { state: string; n: number }>(
      'SELECT state, count(*) AS n FROM declarations WHERE unit_no = ? GROUP BY state',
    )
    .all(unitNo);
  return Object.fromEntries(rows.map((r) => [r.state, r.n]));
}

export async function run(): Promise<BenchResult[]> {
  const demo = await makeBenchDemo();
  try {
    const reviewToken = randomBytes(24).toString('hex');
    const serverUrl = await startDemoServer(demo, ['--review-token', reviewToken]);
    const token = softHsmSetup(demo);
    // Before the token module is loaded: SoftHSM2 reads it once, when it initialises.
    Object.assign(process.env, token.env);
    const { createAppServices } = await import('../electron/services/app-services');
    const dataDir = join(demo.dir, 'app');
    const services = await createAppServices({
      serverUrl,
      dataDir,
      extraModules: [token.modulePath],
      resourcesDir: fileURLToPath(new URL('../resources', import.meta.url)),
      scanRegistry: false,
      demoSoftCert: null,
      mode: 'browser',
      testMode: false,
      version: 'bench',
    });
    demo.track(() => services.dispose());

    const certId = await certificateId(services, demo.certificate('legal-rsa').sha256);
    const session = await call<{ units: { unitNo: string; name: string }[] }>(
      services,
      'auth.login',
      { certificateId: certId, pin: demo.manifest.userPin, confirmedFinalTry: false },
    );
    const unit = session.units.find((u) => u.name === UNIT_NAME);
    if (!unit) throw new Error(`${UNIT_NAME} is not among the login's units`);
    await call(services, 'auth.chooseUnit', { unitNo: unit.unitNo });
    // The first sync (the demo roster) done, and the engine asleep until its next timer: a
    // wake-up during a cycle runs one more right after it, so wait for the statuses to settle.
    let status = await call<SyncStatus>(services, 'sync.now', {});
    await quiet(services);
    status = await services.handlers['sync.status']({}, ctx);
    if (status.state !== 'idle') throw new Error(`first sync ended ${status.state}`);

    const [personDir] = readdirSync(join(dataDir, 'users'));
    const dir = join(dataDir, 'users', personDir!);
    const db = openCipherConnection(join(dir, DATABASE_FILE), new KeyVault().read(dir));
    demo.track(async () => {
      db.close();
    });
    db.pragma('busy_timeout = 5000');
    const ids = fillOutbox(db, unit.unitNo, serviceMonth());

    // --- push ---
    const pushed = statusWhere(services, (s) => s.pendingCount === 0 && s.progress !== null);
    const pushStart = performance.now();
    status = await call<SyncStatus>(services, 'sync.now', {});
    const cycleEnd = performance.now();
    const pushEnd = await pushed;
    if (pushEnd.at > cycleEnd) throw new Error('sync.now returned before the push was done');
    const firstProgress = pushEnd.seen.find((s) => s.progress !== null)?.progress;
    if (firstProgress?.total !== COUNT)
      throw new Error(`the push started with ${JSON.stringify(firstProgress)}, not ${COUNT}`);
    const afterPush = stateCounts(db, unit.unitNo);
    const outbox = db
      .prepare<[], { state: string; n: number }>(
        'SELECT state, count(*) AS n FROM outbox GROUP BY state',
      )
      .all();
    if (status.state !== 'idle' || afterPush.uploaded !== COUNT)
      throw new Error(
        `after the push: ${status.state}, declarations ${JSON.stringify(afterPush)}, outbox ${JSON.stringify(outbox)}`,
      );
    const pushMs = pushEnd.at - pushStart;

    // --- pull ---
    await markReviewing(serverUrl, reviewToken, ids);
    const pullStart = performance.now();
    status = await call<SyncStatus>(services, 'sync.now', {});
    const pullMs = performance.now() - pullStart;
    const afterPull = stateCounts(db, unit.unitNo);
    if (status.state !== 'idle' || afterPull.reviewing !== COUNT)
      throw new Error(`after the pull: ${status.state}, ${JSON.stringify(afterPull)}`);

    const n = COUNT.toLocaleString('en');
    return [
      {
        name: `sync client: push ${n} declarations until acked (token signs once per batch)`,
        value: pushMs,
        unit: 'ms',
        goal: '≤ 2 s',
      },
      {
        name: `sync client: pull ${n} review changes and apply them`,
        value: pullMs,
        unit: 'ms',
        goal: '≤ 1 s',
      },
      {
        name: `sync client: whole cycle, push ${n} then pull their ${n} 已上传 changes`,
        value: cycleEnd - pushStart,
        unit: 'ms',
        goal: '—',
      },
    ];
  } finally {
    await demo.cleanup();
  }
}
