// A demo dir (demo PKI and SoftHSM2 tokens, made in a child process so this one has not loaded
// SoftHSM2 yet) and the reference server on it: what the demo world, the sync tests and the
// benches all start from. Kept free of the browser so child processes can use it cheaply.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readDemoManifest, type DemoManifest } from '../pki/make-demo-tokens';
import { runTsx, startTsx, type Started } from './processes';

export async function makeDemoDir(): Promise<{ dir: string; manifest: DemoManifest }> {
  const dir = mkdtempSync(join(tmpdir(), 'shebao-e2e-'));
  await runTsx('tests/pki/make-demo-tokens.ts', ['--out', dir]);
  return { dir, manifest: readDemoManifest(dir) };
}

/**
 * The reference server (`server/cli.ts`) on a demo dir: the demo seed, trusting the demo PKI, its
 * data in `<dir>/server`; `args` go after those. `match[1]` of the result is its base URL.
 */
export function startDemoServerProcess(
  dir: string,
  manifest: DemoManifest,
  options: { port?: number | string; args?: readonly string[] } = {},
): Promise<Started> {
  return startTsx(
    'server/cli.ts',
    [
      '--port',
      String(options.port ?? 0),
      '--data',
      join(dir, 'server'),
      '--trust',
      manifest.pki.trustStoreDir,
      '--demo',
      // UI and sync tests log in far more often than people do; tests/server covers the limits.
      '--rate-limits',
      'off',
      ...(options.args ?? []),
    ],
    /listening on (http:\/\/\S+)/,
  );
}
