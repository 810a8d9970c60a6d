// The composition root of everything with I/O: one place that builds the services from the
// config and binds them to the contract. Both shells (Electron main, browser mode) call this.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { EventName, EventPayload } from '../contract/api';
import { dispatch } from './api-dispatch';
import { challengeResponseSchema } from '../../domain/protocol/auth';
import type { AppConfig, AppServices, EventListener, Handlers } from './app-services-types';
import { accountsHandlers, tokenSessionOnly } from './accounts/accounts-handlers';
import { AccountsService } from './accounts/accounts-service';
import { AuthService } from './auth/auth-service';
import { refuseWhileLocked } from './auth/lock-guard';
import { audited, auditHandlers } from './audit/audit-handlers';
import { AuditService } from './audit/audit-service';
import { backupHandlers } from './backup/backup-handlers';
import { BackupService } from './backup/backup-service';
import type { SessionView } from '../contract/views';
import { AppError } from '../../domain/errors';
import { AppLog } from './log/app-log';
import { ServerClock } from './net/server-clock';
import type { HttpFetch } from './net/http-fetch';
import { ServiceClient } from './net/service-client';
import { Pkcs11DeviceSource } from './tokens/pkcs11-device-source';
import { SkfDeviceSource } from './tokens/skf-device-source';
import { SoftToken } from './tokens/soft-token';
import { TokenService } from './tokens/token-service';
import { KeyVault } from './store/key-vault';
import { UserStore } from './store/user-store';
import { authSyncSource } from './sync/session-source';
import { syncHandlers } from './sync/sync-handlers';
import { SyncService } from './sync/sync-service';
import { ImportService } from './workspace/import/import-service';
import { loadRegionTables } from './workspace/regions';
import { workspaceHandlers } from './workspace/workspace-handlers';
import { WorkspaceService } from './workspace/workspace-service';
import { diagnosticsHandlers } from './diagnostics/diagnostics-handlers';
import { printHandlers } from './print/print-handlers';
import { updatesHandlers } from './updates/updates-handlers';
import { UpdateService, type Updater } from './updates/update-service';

/** What only a shell can give: Electron's updater and session fetch (neither in browser mode). */
export interface ShellParts {
  updater?: Updater | null;
  /** HTTP through the Electron session, i.e. through IT's proxy; Node's fetch without it. */
  http?: HttpFetch;
}

export async function createAppServices(
  config: AppConfig,
  shell: ShellParts = {},
): Promise<AppServices> {
  mkdirSync(config.dataDir, { recursive: true });
  const log = new AppLog(config.dataDir);
  const listeners = new Set<EventListener>();
  const emit = <E extends EventName>(name: E, payload: EventPayload<E>): void => {
    for (const listener of listeners) listener(name, payload);
  };

  const clock = new ServerClock();
  const client = new ServiceClient(config.serverUrl, { http: shell.http });
  const pkcs11 = new Pkcs11DeviceSource({
    platform: process.platform,
    extraPaths: config.extraModules,
    scanRegistry: config.scanRegistry,
    env: process.env,
  });
  const skf = new SkfDeviceSource({
    platform: process.platform,
    extraPaths: config.extraSkfModules ?? [],
    scanRegistry: config.scanRegistry,
    env: process.env,
  });
  const soft = config.demoSoftCert ? SoftToken.open(config.demoSoftCert.path) : null;
  const tokens = new TokenService([pkcs11, skf], soft, clock);
  tokens.onChange((snapshot) => {
    log.write('tokens.changed', { tokens: snapshot.tokens.length });
    emit('tokens.changed', snapshot);
    auth.devicesChanged();
  });
  const auth = new AuthService(tokens, client, clock, {
    progress: (stage) => emit('auth.progress', { stage }),
    sessionChanged: (session) => emit('session.changed', session),
  });
  await tokens.start();
  // The per-user database follows the login (shared by the workspace and sync); sync runs one
  // engine per open database and looks again whenever the session or the tokens change.
  const store = new UserStore(join(config.dataDir, 'users'), {
    vault: new KeyVault(config.keySealer),
  });
  const sync = new SyncService({
    store,
    client,
    source: authSyncSource(auth),
    onStatus: (status) => emit('sync.status', status),
  });
  listeners.add((name) => {
    if (name !== 'session.changed' && name !== 'tokens.changed') return;
    try {
      store.follow(auth.personKey());
    } catch (error) {
      log.write('store.open.failed', { code: error instanceof Error ? error.name : 'unknown' });
    }
    sync.wake();
  });
  // The audit log of whoever is logged in; a session that locks is recorded as it happens.
  const audit = new AuditService({
    store,
    session: () => auth.current(),
    onFailure: (error) =>
      log.write('audit.failed', { code: error instanceof AppError ? error.code : 'unknown' }),
  });
  let wasLocked = false;
  listeners.add((name, payload) => {
    if (name !== 'session.changed') return;
    const session = payload as SessionView | null;
    if (session?.lock && !wasLocked) audit.record('lock', 'ok', '', session);
    wasLocked = Boolean(session?.lock);
  });
  const backup = new BackupService({
    store,
    audit,
    person: () => auth.current()?.person.name ?? '',
  });
  const workspace = new WorkspaceService({
    store,
    tables: loadRegionTables(config.resourcesDir),
    unit: (unitNo) => auth.current()?.units.find((u) => u.unitNo === unitNo) ?? null,
  });
  const imports = new ImportService(workspace, {
    progress: (p) => emit('workspace.importProgress', p),
  });
  // The service's clock, from a challenge's serverTime (unused; it expires in 2 minutes), so
  // certificates are judged right even before the first login on a PC whose clock is off.
  const probeClock = async () => {
    const sentAt = Date.now();
    const challenge = await client
      .request('/v1/auth/challenge', challengeResponseSchema)
      .catch(() => null);
    if (!challenge) return;
    clock.observe(challenge.serverTime, sentAt, Date.now());
    tokens.changed();
    auth.recheckCertificate();
  };
  void probeClock();
  const clockTimer = setInterval(() => void probeClock(), 10 * 60_000);
  clockTimer.unref();
  // Updates wait a minute after start, then look every four hours; a clerk only gets a notice.
  const updates = new UpdateService({
    updater: shell.updater ?? null,
    currentVersion: config.version,
    pinnedVersion: config.it?.pinnedVersion ?? null,
    onStatus: (status) => emit('updates.status', status),
  });
  updates.schedule(60_000, 4 * 3600_000);
  log.write('started', { mode: config.mode, version: config.version });

  const accounts = new AccountsService(client, auth, config.dataDir);
  const workspaceCalls = workspaceHandlers({
    workspace,
    imports,
    resourcesDir: config.resourcesDir,
  });

  const serviceHandlers: Handlers = {
    'app.info': async () => ({
      mode: config.mode,
      version: config.version,
      serverOrigin: client.origin,
      testMode: config.testMode,
    }),
    'tokens.snapshot': async () => tokens.snapshot(),
    'auth.login': async (input) => {
      const session = await auth.login(input);
      audit.record('login', 'ok');
      return session;
    },
    'auth.resume': async (input) => {
      try {
        const session = await auth.resume(input);
        audit.record('unlock', 'ok');
        return session;
      } catch (error) {
        audit.record('unlock', 'failed', error instanceof AppError ? error.code : 'INTERNAL');
        throw error;
      }
    },
    'auth.chooseUnit': async ({ unitNo }) => auth.chooseUnit(unitNo),
    'auth.session': async () => auth.current(),
    'auth.logout': async () => {
      audit.record('logout', 'ok');
      await auth.logout();
      return { loggedOut: true as const };
    },
    ...syncHandlers({ sync, auth }),
    ...workspaceCalls,
    'workspace.submit': tokenSessionOnly(auth, workspaceCalls['workspace.submit']),
    ...accountsHandlers(accounts),
    ...diagnosticsHandlers({ config, tokens, http: client.http }),
    ...updatesHandlers(updates),
    ...printHandlers({ auth, client }),
    ...auditHandlers(audit),
    ...backupHandlers(backup),
  };
  // Audited actions leave an entry whatever their outcome; nothing of the person's data is
  // reachable while the session is locked.
  const handlers = refuseWhileLocked(audited(serviceHandlers, audit), () =>
    Boolean(auth.current()?.lock),
  );

  return {
    handlers,
    call: (method, payload, ctx) =>
      dispatch(handlers, method, payload, ctx, (entry) =>
        log.write('call', { ...entry, transport: ctx.transport }),
      ),
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async dispose() {
      await sync.dispose();
      await auth.logout().catch(() => undefined);
      store.close();
      auth.dispose();
      clearInterval(clockTimer);
      updates.dispose();
      await tokens.stop();
      listeners.clear();
      log.write('stopped');
    },
  };
}
