// Shared set-up of the sync tests: the reference server as a child process, a client logged in
// with a SoftHSM2 demo token, and declarations queued exactly as the workspace's submit does.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { monotonicFactory } from 'ulid';
import type { DemoManifest } from '../pki/make-demo-tokens';
import { makeDemoDir, startDemoServerProcess } from '../support/demo-dir';
import type { Started } from '../support/processes';
import { SOFTHSM_MODULE } from '../support/softhsm';
import { residentIdCheckDigit } from '../../domain/ids';
import type { AdditionRow } from '../../domain/declarations/addition';
import type { Db } from '../../electron/services/store/user-store';

export const REVIEW_TOKEN = 'review-token-for-sync-tests-0123456789';
/** 南京云帆科技有限公司: 张伟 is its 法人 (and of a second unit). */
export const UNIT = '32010000001';

const nextUlid = monotonicFactory();

export interface ReferenceServer {
  url: string;
  port: number;
  process: Started;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** The reference service on a fixed or random port; the same data dir survives restarts. */
export async function startReferenceServer(
  dir: string,
  manifest: DemoManifest,
  port = 0,
  extra: string[] = [],
): Promise<ReferenceServer> {
  mkdirSync(join(dir, 'server'), { recursive: true });
  const started = await startDemoServerProcess(dir, manifest, {
    port,
    args: ['--review-token', REVIEW_TOKEN, ...extra],
  });
  const url = started.match[1]!;
  return { url, port: Number(new URL(url).port), process: started, stop: (s) => started.stop(s) };
}

/**
 * A fresh demo dir (PKI, SoftHSM2 tokens), this process pointed at its token store before any
 * PKCS#11 module loads, and the reference service on it (`extra` on its command line).
 */
export async function startDemoService(
  extra: string[] = [],
): Promise<{ dir: string; manifest: DemoManifest; server: ReferenceServer }> {
  const { dir, manifest } = await makeDemoDir();
  process.env.SOFTHSM2_CONF = manifest.softhsm.conf;
  const server = await startReferenceServer(dir, manifest, 0, extra);
  return { dir, manifest, server };
}

export async function reviewer(
  serverUrl: string,
  path: string,
  body: unknown,
): Promise<{ status: number; json: unknown }> {
  const response = await fetch(new URL(path, serverUrl), {
    method: 'POST',
    headers: { authorization: `Bearer ${REVIEW_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: await response.json().catch(() => null) };
}

/** The current month in service time (UTC+8), YYYY-MM. */
export function serviceMonth(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 7);
}

/** A valid 增员 row for person number `i` (unique resident ID, born 1990–1999). */
export function additionRow(i: number, month: string): AdditionRow {
  const year = 1990 + (i % 10);
  const day = 1 + (Math.floor(i / 10) % 28);
  const monthOfBirth = 1 + (Math.floor(i / 280) % 12);
  const seq = 100 + (Math.floor(i / 3360) % 800);
  const birth = `${year}-${String(monthOfBirth).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const first17 = `320102${birth.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
  return {
    reason: 'newEnrolment',
    name: `测试${i}`,
    documentType: 'residentId',
    documentNumber: first17 + residentIdCheckDigit(first17),
    gender: seq % 2 === 1 ? 'male' : 'female',
    birthDate: birth,
    householdType: 'localUrban',
    employmentType: 'contract',
    insuredFrom: `${month}-01`,
    wageFen: 800_000,
    kinds: { pension: true, medical: true, unemployment: true, injury: true, maternity: true },
    mobile: '',
  };
}

export interface QueuedDeclaration {
  declarationId: string;
  mutationId: string;
}

/** What the workspace's submit writes, in one transaction: a queued declaration and its outbox row. */
export function queueDeclaration(
  db: Db,
  unitNo: string,
  kind: 'addition' | 'reduction' | 'base',
  month: string,
  rows: readonly object[],
  title = '测试申报',
): QueuedDeclaration {
  const declarationId = nextUlid();
  const mutationId = nextUlid();
  const at = new Date().toISOString();
  db.transaction(() => {
    db.prepare(
      `INSERT INTO declarations (id, unit_no, kind, month, title, state, created_at, updated_at, submitted_at)
       VALUES (?, ?, ?, ?, ?, 'queued', ?, ?, ?)`,
    ).run(declarationId, unitNo, kind, month, title, at, at, at);
    const insertRow = db.prepare(
      'INSERT INTO declaration_rows (declaration_id, row_no, data_json) VALUES (?, ?, ?)',
    );
    rows.forEach((row, i) => insertRow.run(declarationId, i + 1, JSON.stringify(row)));
    db.prepare(
      `INSERT INTO outbox (mutation_id, unit_no, declaration_id, kind, payload_json, state, created_at)
       VALUES (?, ?, ?, 'declaration.submit', ?, 'pending', ?)`,
    ).run(
      mutationId,
      unitNo,
      declarationId,
      JSON.stringify({ declarationId, type: kind, month, rows }),
      at,
    );
  })();
  return { declarationId, mutationId };
}

/** A draft (not submitted) declaration, for conflict tests. */
export function draftDeclaration(
  db: Db,
  unitNo: string,
  kind: 'addition' | 'reduction' | 'base',
  month: string,
  rows: readonly object[],
): string {
  const id = nextUlid();
  const at = new Date().toISOString();
  db.transaction(() => {
    db.prepare(
      `INSERT INTO declarations (id, unit_no, kind, month, title, state, created_at, updated_at)
       VALUES (?, ?, ?, ?, '草稿', 'draft', ?, ?)`,
    ).run(id, unitNo, kind, month, at, at);
    const insertRow = db.prepare(
      'INSERT INTO declaration_rows (declaration_id, row_no, data_json) VALUES (?, ?, ?)',
    );
    rows.forEach((row, i) => insertRow.run(id, i + 1, JSON.stringify(row)));
  })();
  return id;
}

export function declarationStates(db: Db, unitNo: string): Map<string, string> {
  const rows = db
    .prepare<[string], { id: string; state: string }>(
      'SELECT id, state FROM declarations WHERE unit_no = ?',
    )
    .all(unitNo);
  return new Map(rows.map((r) => [r.id, r.state]));
}

export function outboxCounts(db: Db): Record<string, number> {
  const rows = db
    .prepare<[], { state: string; n: number }>(
      'SELECT state, count(*) AS n FROM outbox GROUP BY state',
    )
    .all();
  return Object.fromEntries(rows.map((r) => [r.state, r.n]));
}

export interface SyncClient {
  auth: import('../../electron/services/auth/auth-service').AuthService;
  tokens: import('../../electron/services/tokens/token-service').TokenService;
  store: import('../../electron/services/store/user-store').UserStore;
  db: Db;
  engine: import('../../electron/services/sync/sync-engine').SyncEngine;
  close(): Promise<void>;
}

/**
 * A client as the app builds it, logged in through the real token path (SoftHSM2) as the
 * certificate of `scenario`, acting for `unitNo`. process.env.SOFTHSM2_CONF must be set first.
 */
export async function startSyncClient(args: {
  manifest: DemoManifest;
  serverUrl: string;
  /** The service's own origin, when serverUrl is a proxy in front of it. */
  serviceOrigin?: string;
  dataDir: string;
  scenario?: 'legal-rsa' | 'agent-ec';
  unitNo?: string;
  options?: Partial<import('../../electron/services/sync/sync-engine').SyncEngineOptions>;
  autoStart?: boolean;
}): Promise<SyncClient> {
  const { ServerClock } = await import('../../electron/services/net/server-clock');
  const { ServiceClient } = await import('../../electron/services/net/service-client');
  const { Pkcs11DeviceSource } =
    await import('../../electron/services/tokens/pkcs11-device-source');
  const { TokenService } = await import('../../electron/services/tokens/token-service');
  const { AuthService } = await import('../../electron/services/auth/auth-service');
  const { UserStore } = await import('../../electron/services/store/user-store');
  const { SyncEngine } = await import('../../electron/services/sync/sync-engine');
  const { authSyncSource } = await import('../../electron/services/sync/session-source');

  const clock = new ServerClock();
  const client = new ServiceClient(args.serverUrl, { serviceOrigin: args.serviceOrigin });
  const pkcs11 = new Pkcs11DeviceSource({
    platform: process.platform,
    extraPaths: [SOFTHSM_MODULE],
    scanRegistry: false,
    env: process.env,
  });
  const tokens = new TokenService([pkcs11], null, clock);
  await tokens.start();
  const auth = new AuthService(tokens, client, clock, {
    progress: () => undefined,
    sessionChanged: () => undefined,
  });
  const scenario = args.scenario ?? 'legal-rsa';
  const wanted = args.manifest.tokens
    .flatMap((t) => t.certificates)
    .find((c) => c.scenario === scenario)!;
  const view = tokens
    .snapshot()
    .tokens.flatMap((t) => t.certificates)
    .find((c) => c.sha256 === wanted.sha256);
  if (!view) throw new Error(`demo certificate ${scenario} not on any token`);
  await auth.login({
    certificateId: view.id,
    pin: args.manifest.userPin,
    confirmedFinalTry: false,
  });
  auth.chooseUnit(args.unitNo ?? UNIT);
  const store = new UserStore(join(args.dataDir, 'users'));
  store.follow(auth.personKey());
  const db = store.db();
  const engine = new SyncEngine(db, client, authSyncSource(auth), args.options);
  if (args.autoStart ?? true) engine.start();
  return {
    auth,
    tokens,
    store,
    db,
    engine,
    async close() {
      await engine.stop();
      store.close();
      await auth.logout().catch(() => undefined);
      auth.dispose();
      await tokens.stop();
    },
  };
}

/** The demo service with one client on it: what most sync tests start from. */
export interface DemoSync {
  dir: string;
  manifest: DemoManifest;
  server: ReferenceServer;
  client: SyncClient;
  /** Closes the client, then stops the service. */
  close(): Promise<void>;
}

/**
 * A fresh demo service and a client logged in to it directly (no proxy in between), its data
 * under `<dir>/app`. If the client cannot start, the service is stopped before the error goes on,
 * so a failed set-up leaves no server process behind.
 */
export async function startDemoSync(
  client: Pick<Parameters<typeof startSyncClient>[0], 'autoStart' | 'options'>,
): Promise<DemoSync> {
  const { dir, manifest, server } = await startDemoService();
  let started: SyncClient;
  try {
    started = await startSyncClient({
      manifest,
      serverUrl: server.url,
      dataDir: join(dir, 'app'),
      ...client,
    });
  } catch (error) {
    await server.stop();
    throw error;
  }
  return {
    dir,
    manifest,
    server,
    client: started,
    async close() {
      await started.close();
      await server.stop();
    },
  };
}

/** Waits until `check` holds, polling; fails after `timeoutMs`. */
export async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
