// Shared set-up of the integration tests that drive the app's real services in this process: a
// U-Key simulator in front of SoftHSM2 holding the demo tokens, and the reference server in a
// child process. Tests then call the services and read the events they emit.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createAppServices, type ShellParts } from '../../electron/services/app-services';
import type { AppServices } from '../../electron/services/app-services-types';
import type { EventName } from '../../electron/contract/api';
import type { TokenSnapshot } from '../../electron/contract/views';
import type { DemoManifest } from '../pki/make-demo-tokens';
import { makeDemoDir, startDemoServerProcess } from '../support/demo-dir';
import { ensureUkeySimBuilt, makeSimEnv, makeSimStateDir } from '../support/ukey-sim';

export interface ServiceEvent {
  name: EventName;
  payload: unknown;
}

/** The newest token list the services announced, if any yet. */
export function lastTokenSnapshot(events: readonly ServiceEvent[]): TokenSnapshot | undefined {
  const found = [...events].reverse().find((e) => e.name === 'tokens.changed');
  return found?.payload as TokenSnapshot | undefined;
}

export interface SimServices {
  services: AppServices;
  manifest: DemoManifest;
  /** The simulator's state dir and environment, for simControl (remove, insert, set-retries …). */
  simState: string;
  simEnv: Record<string, string>;
  /** Every event the services emitted, oldest first. */
  events: ServiceEvent[];
  /** Disposes of the services, then stops the server. */
  close(): Promise<void>;
}

/**
 * A fresh demo dir, the reference server on it (`serverArgs` on its command line), this process's
 * environment pointed at the simulator (20 ms per command) and the demo token store, and the app's
 * services in browser mode with their data in a new temporary dir named `dataDirPrefix…`. Stops the
 * server again if the services cannot be created, so a failed set-up leaves no process behind.
 */
export async function startSimServices(options: {
  dataDirPrefix: string;
  serverArgs?: string[];
  /** What the Electron shell would give the services (its session's fetch, …). */
  shell?: ShellParts;
}): Promise<SimServices> {
  const modulePath = await ensureUkeySimBuilt();
  const { dir, manifest } = await makeDemoDir();
  const server = await startDemoServerProcess(dir, manifest, { args: options.serverArgs });
  try {
    const simState = makeSimStateDir();
    const simEnv = {
      ...makeSimEnv({ stateDir: simState, delayMs: 20 }),
      SOFTHSM2_CONF: manifest.softhsm.conf,
    };
    Object.assign(process.env, simEnv);
    const services = await createAppServices(
      {
        serverUrl: server.match[1]!,
        dataDir: mkdtempSync(join(tmpdir(), options.dataDirPrefix)),
        resourcesDir: resolve('resources'),
        extraModules: [modulePath],
        scanRegistry: false,
        demoSoftCert: null,
        mode: 'browser',
        testMode: true,
        version: 'test',
      },
      options.shell,
    );
    const events: ServiceEvent[] = [];
    services.onEvent((name, payload) => events.push({ name, payload }));
    return {
      services,
      manifest,
      simState,
      simEnv,
      events,
      async close() {
        await services.dispose();
        await server.stop();
      },
    };
  } catch (error) {
    await server.stop();
    throw error;
  }
}
