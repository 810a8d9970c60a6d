// A private SoftHSM2 token store per test run, so tests never touch the system's tokens.
// SoftHSM2 reads SOFTHSM2_CONF once, when the library is initialised in a process: set it
// (useSoftHsm) before any module is loaded.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const SOFTHSM_MODULE = '/usr/lib/softhsm/libsofthsm2.so';
export const SOFTHSM_UTIL = '/usr/bin/softhsm2-util';

export interface SoftHsmDir {
  /** The folder holding the config and the token directory. */
  root: string;
  conf: string;
  tokenDir: string;
  /** Environment for a child process (or this one) that should use this store. */
  env: Record<string, string>;
}

/** Writes softhsm2.conf and an empty token directory under `root` (a fresh temp dir if omitted). */
export function createSoftHsmDir(root?: string): SoftHsmDir {
  const dir = root ? resolve(root) : mkdtempSync(join(tmpdir(), 'shebao-softhsm-'));
  const tokenDir = join(dir, 'tokens');
  mkdirSync(tokenDir, { recursive: true });
  const conf = join(dir, 'softhsm2.conf');
  writeFileSync(
    conf,
    [
      '# SoftHSM2 token store for Shebao Desk tests and the demo',
      `directories.tokendir = ${tokenDir}`,
      'objectstore.backend = file',
      'log.level = ERROR',
      'slots.removable = false',
      '',
    ].join('\n'),
  );
  return { root: dir, conf, tokenDir, env: { SOFTHSM2_CONF: conf } };
}

/** Points this process at the store. Must run before the SoftHSM2 module is first initialised. */
export function useSoftHsm(dir: SoftHsmDir): void {
  process.env.SOFTHSM2_CONF = dir.conf;
}

/** Deletes a token's files from another process, as pulling a token out would remove it. */
export function deleteSoftHsmToken(dir: SoftHsmDir, label: string): void {
  execFileSync(SOFTHSM_UTIL, ['--delete-token', '--token', label], {
    env: { ...process.env, ...dir.env },
    stdio: 'pipe',
    timeout: 10_000,
  });
}
