// The composition root of everything with I/O: one place that builds the services from the
// config and binds them to the contract. Both shells (Electron main, browser mode) call this.
import { mkdirSync } from 'node:fs';
import type { EventName, EventPayload } from '../contract/api';
import { dispatch } from './api-dispatch';
import type { AppConfig, AppServices, EventListener, Handlers } from './app-services-types';
import { AuthService } from './auth/auth-service';
import { AppLog } from './log/app-log';
import { ServerClock } from './net/server-clock';
import { ServiceClient } from './net/service-client';
import { Pkcs11DeviceSource } from './tokens/pkcs11-device-source';
import { SoftToken } from './tokens/soft-token';
import { TokenService } from './tokens/token-service';

export async function createAppServices(config: AppConfig): Promise<AppServices> {
  mkdirSync(config.dataDir, { recursive: true });
  const log = new AppLog(config.dataDir);
  const listeners = new Set<EventListener>();
  const emit = <E extends EventName>(name: E, payload: EventPayload<E>): void => {
    for (const listener of listeners) listener(name, payload);
  };

  const clock = new ServerClock();
  const client = new ServiceClient(config.serverUrl);
  const pkcs11 = new Pkcs11DeviceSource({
    platform: process.platform,
    extraPaths: config.extraModules,
    scanRegistry: config.scanRegistry,
    env: process.env,
  });
  const soft = config.demoSoftCert ? SoftToken.open(config.demoSoftCert.path) : null;
  const tokens = new TokenService([pkcs11], soft, clock);
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
  const probeClock = async () => {
    const probe = await client.probeTime();
    if (!probe) return;
    clock.observe(probe.serverTime, probe.sentAt, probe.receivedAt);
    tokens.changed();
    auth.recheckCertificate();
  };
  void probeClock();
  const clockTimer = setInterval(() => void probeClock(), 10 * 60_000);
  clockTimer.unref();
  log.write('started', { mode: config.mode, version: config.version });

  const handlers: Handlers = {
    'app.info': async () => ({
      mode: config.mode,
      version: config.version,
      serverOrigin: client.origin,
      testMode: config.testMode,
    }),
    'tokens.snapshot': async () => tokens.snapshot(),
    'auth.login': async (input) => auth.login(input),
    'auth.resume': async (input) => auth.resume(input),
    'auth.chooseUnit': async ({ unitNo }) => auth.chooseUnit(unitNo),
    'auth.session': async () => auth.current(),
    'auth.logout': async () => {
      await auth.logout();
      return { loggedOut: true as const };
    },
  };

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
      await auth.logout().catch(() => undefined);
      auth.dispose();
      clearInterval(clockTimer);
      await tokens.stop();
      listeners.clear();
      log.write('stopped');
    },
  };
}
