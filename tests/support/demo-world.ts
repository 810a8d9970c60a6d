// A whole demo world for end-to-end tests: demo PKI and tokens in a temp dir, the reference
// server, the app in browser mode, and Chromium on it. Everything on 127.0.0.1, all stopped after.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { readDemoManifest, type DemoCertificate, type DemoManifest } from '../pki/make-demo-tokens';
import { openPage, type OpenBrowser } from './browser';
import { runTsx, startTsx, type Started } from './processes';

export const SOFTHSM_MODULE = '/usr/lib/softhsm/libsofthsm2.so';

export interface DemoWorld {
  dir: string;
  manifest: DemoManifest;
  serverUrl: string;
  appUrl: string;
  appDataDir: string;
  page: Page;
  certificate(scenario: DemoCertificate['scenario']): DemoCertificate;
  stop(): Promise<void>;
}

export interface DemoWorldOptions {
  /** 'softhsm': the demo tokens through SoftHSM2; 'none': no module at all (demo soft certificate). */
  tokens: 'softhsm' | 'none';
}

export async function makeDemoDir(): Promise<{ dir: string; manifest: DemoManifest }> {
  const dir = mkdtempSync(join(tmpdir(), 'shebao-e2e-'));
  await runTsx('tests/pki/make-demo-tokens.ts', ['--out', dir]);
  return { dir, manifest: readDemoManifest(dir) };
}

export async function startDemoWorld(options: DemoWorldOptions): Promise<DemoWorld> {
  const { dir, manifest } = await makeDemoDir();
  const stops: (() => Promise<void>)[] = [];
  try {
    const server: Started = await startTsx(
      'server/cli.ts',
      ['--port', '0', '--data', join(dir, 'server'), '--trust', manifest.pki.trustStoreDir, '--demo'],
      /listening on (http:\/\/\S+)/,
    );
    stops.push(() => server.stop());
    const serverUrl = server.match[1]!;
    const appDataDir = join(dir, 'app');
    const moduleArgs = options.tokens === 'softhsm' ? ['--module', SOFTHSM_MODULE] : [];
    const app = await startTsx(
      'electron/browser/cli.ts',
      ['--server', serverUrl, '--data', appDataDir, '--no-registry', '--p12', manifest.softCert.p12, '--test-mode', ...moduleArgs],
      /SHEBAO_BROWSER_READY (\S+)/,
      { SOFTHSM2_CONF: manifest.softhsm.conf },
    );
    stops.push(() => app.stop());
    const appUrl = app.match[1]!;
    const browser: OpenBrowser = await openPage(appUrl);
    stops.push(() => browser.close());
    return {
      dir,
      manifest,
      serverUrl,
      appUrl,
      appDataDir,
      page: browser.page,
      certificate(scenario) {
        const found = manifest.tokens.flatMap((t) => t.certificates).find((c) => c.scenario === scenario);
        if (!found) throw new Error(`no demo certificate for ${scenario}`);
        return found;
      },
      async stop() {
        for (const stop of stops.reverse()) await stop().catch(() => undefined);
      },
    };
  } catch (error) {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    throw error;
  }
}

/** The radio card of a certificate, found by its fingerprint as the picker shows it. */
export function certificateCard(page: Page, sha256: string) {
  return page.locator(`[data-cert-sha256="${sha256}"]`);
}
