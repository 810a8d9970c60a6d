// A whole demo world for end-to-end tests: demo PKI and tokens in a temp dir, the reference
// server, the app in browser mode, and Chromium on it. Everything on 127.0.0.1, all stopped after.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { DemoCertificate, DemoManifest } from '../pki/make-demo-tokens';
import { openPage, type OpenBrowser } from './browser';
import { makeDemoDir, startDemoServerProcess } from './demo-dir';
import { startTsx, type Started } from './processes';
import { SOFTHSM_MODULE } from './softhsm';
import { makeSimEnv, makeSimStateDir, simControl, simModulePath } from './ukey-sim';
import { skfControl } from './skf-sim';

export interface DemoWorld {
  dir: string;
  manifest: DemoManifest;
  serverUrl: string;
  appUrl: string;
  appDataDir: string;
  page: Page;
  /** Drives the U-Key simulator (`npm run ukey-sim -- …`); only with tokens: 'sim'. */
  sim(args: string[]): Promise<string>;
  /** Drives the SKF U盾 (`npm run skf-sim -- …`); only with skf: true. */
  skf(args: string[]): Promise<string>;
  certificate(scenario: DemoCertificate['scenario']): DemoCertificate;
  /**
   * Stops the browser-mode app process with `signal` (SIGKILL: as if it crashed), starts it again
   * on the same data directory and points the page at it. `appUrl` changes.
   */
  restartApp(signal?: NodeJS.Signals): Promise<void>;
  /** The reviewer token the server was started with (`--review-token`), for its review desk. */
  reviewToken: string;
  /** Stops the reference server (SIGTERM): the app finds the service unreachable. */
  stopServer(): Promise<void>;
  /**
   * Starts the reference server again on the same port and data directory, so the app's
   * configured `serverUrl` reaches it again with its sessions and declarations intact.
   */
  startServer(): Promise<void>;
  stop(): Promise<void>;
}

export interface DemoWorldOptions {
  /**
   * 'softhsm': the demo tokens through SoftHSM2; 'sim': the same tokens behind the U-Key
   * simulator (PIN retries, removal); 'none': no module at all (demo soft certificate).
   */
  tokens: 'softhsm' | 'sim' | 'none';
  /** The simulator's signing delay (real keys take 100–500 ms). */
  simDelayMs?: number;
  /** Also the demo's SKF U盾 (skf-sim), through its SKF library. */
  skf?: boolean;
  /** More reference-server options (e.g. --test-captcha). */
  serverArgs?: readonly string[];
}

export async function startDemoWorld(options: DemoWorldOptions): Promise<DemoWorld> {
  const { dir, manifest } = await makeDemoDir();
  const stops: (() => Promise<void>)[] = [];
  const reviewToken = randomBytes(24).toString('hex');
  const startServer = (port: string): Promise<Started> =>
    startDemoServerProcess(dir, manifest, {
      port,
      args: ['--review-token', reviewToken, ...(options.serverArgs ?? [])],
    });
  try {
    let server: Started | null = await startServer('0');
    stops.push(() => server?.stop() ?? Promise.resolve());
    const serverUrl = server.match[1]!;
    const serverPort = new URL(serverUrl).port;
    const appDataDir = join(dir, 'app');
    const simStateDir = makeSimStateDir();
    const simEnv = {
      ...makeSimEnv({ stateDir: simStateDir, delayMs: options.simDelayMs ?? 200 }),
      // The SM2 U盾's keys, held by the simulator with the rest of the demo set.
      ...(manifest.ukeySim ? { UKEY_SIM_KEYS: manifest.ukeySim.keysDir } : {}),
    };
    const module = { softhsm: SOFTHSM_MODULE, sim: simModulePath(), none: null }[options.tokens];
    const moduleArgs = module ? ['--module', module] : [];
    const skf = options.skf ? manifest.skf : null;
    if (options.skf && !skf) throw new Error('the demo set has no SKF U盾 (skf-sim not built)');
    if (skf) moduleArgs.push('--skf-module', skf.library);
    const startApp = () =>
      startTsx(
        'electron/browser/cli.ts',
        [
          '--server',
          serverUrl,
          '--data',
          appDataDir,
          '--no-registry',
          '--p12',
          manifest.softCert.p12,
          '--test-mode',
          ...moduleArgs,
        ],
        /SHEBAO_BROWSER_READY (\S+)/,
        {
          SOFTHSM2_CONF: manifest.softhsm.conf,
          ...(options.tokens === 'sim' ? simEnv : {}),
          ...(skf ? { SKF_SIM_STATE: skf.stateDir } : {}),
        },
      );
    let app = await startApp();
    stops.push(() => app.stop());
    const browser: OpenBrowser = await openPage(app.match[1]!);
    stops.push(() => browser.close());
    const world: DemoWorld = {
      dir,
      manifest,
      serverUrl,
      appUrl: app.match[1]!,
      appDataDir,
      page: browser.page,
      reviewToken,
      async stopServer() {
        const running = server;
        server = null;
        await running?.stop();
      },
      async startServer() {
        if (server) throw new Error('the demo server is already running');
        server = await startServer(serverPort);
        if (server.match[1] !== serverUrl)
          throw new Error(`the demo server came back at ${server.match[1]}, not ${serverUrl}`);
      },
      async restartApp(signal = 'SIGKILL') {
        await app.stop(signal);
        app = await startApp();
        world.appUrl = app.match[1]!;
        await browser.page.goto(world.appUrl);
      },
      async sim(args) {
        const result = await simControl(simStateDir, args, {
          SOFTHSM2_CONF: manifest.softhsm.conf,
          ...simEnv,
        });
        return result.stdout;
      },
      async skf(args) {
        if (!skf) throw new Error('this demo world has no SKF U盾');
        return (await skfControl(skf.stateDir, args)).stdout;
      },
      certificate(scenario) {
        const found = manifest.tokens
          .flatMap((t) => t.certificates)
          .find((c) => c.scenario === scenario);
        if (!found) throw new Error(`no demo certificate for ${scenario}`);
        return found;
      },
      async stop() {
        for (const stop of stops.reverse()) await stop().catch(() => undefined);
      },
    };
    return world;
  } catch (error) {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    throw error;
  }
}

/** The radio card of a certificate, found by its fingerprint as the picker shows it. */
export function certificateCard(page: Page, sha256: string) {
  return page.locator(`[data-cert-sha256="${sha256}"]`);
}
