// Helpers for tests that put the U-Key simulator (native/ukey-sim) in front of SoftHSM2: where
// the module is, the environment it reads, and the control command that pulls the key out.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureUkeySimBuilt, UKEY_SIM_LIBRARY } from '../../native/ukey-sim/build';
import {
  clearState,
  readSlotState,
  type SlotId,
  type SlotState,
  updateSlotState,
} from '../../native/ukey-sim/state-file';
import { SOFTHSM_UTIL } from './softhsm';

export {
  ensureUkeySimBuilt,
  readSlotState,
  updateSlotState,
  clearState,
  type SlotId,
  type SlotState,
};

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const CONTROL = join(ROOT, 'native', 'ukey-sim', 'control.ts');

/** Where the built module lives; call `await ensureUkeySimBuilt()` once (beforeAll) first. */
export function simModulePath(): string {
  return UKEY_SIM_LIBRARY;
}

/** A fresh, empty state directory for one test file. */
export function makeSimStateDir(): string {
  return mkdtempSync(join(tmpdir(), 'shebao-ukey-sim-'));
}

export interface SimEnvOptions {
  stateDir: string;
  /** Signing delay; the module's default is 200 ms. */
  delayMs?: number;
  /** PIN tries before the lock; the module's default is 6. */
  maxRetries?: number;
  /** Backend module; SoftHSM2 when omitted. */
  backend?: string;
}

/** The environment the module and the control command read (merge into process.env or a child's). */
export function makeSimEnv({
  stateDir,
  delayMs,
  maxRetries,
  backend,
}: SimEnvOptions): Record<string, string> {
  const env: Record<string, string> = { UKEY_SIM_STATE: stateDir };
  if (delayMs !== undefined) env.UKEY_SIM_SIGN_DELAY_MS = String(delayMs);
  if (maxRetries !== undefined) env.UKEY_SIM_MAX_RETRIES = String(maxRetries);
  if (backend !== undefined) env.UKEY_SIM_BACKEND = backend;
  return env;
}

export interface SimControlResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the control command in a child process, as a person would (`npm run ukey-sim -- ...`):
 * e.g. simControl(dir, ['remove', '--label', 'ePass3003']). The child inherits this process's
 * environment (SOFTHSM2_CONF included) plus `env`. Rejects when the command fails.
 */
export function simControl(
  stateDir: string,
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<SimControlResult> {
  return new Promise((resolvePromise, reject) => {
    execFile(
      TSX,
      [CONTROL, ...args],
      { cwd: ROOT, env: { ...process.env, ...env, UKEY_SIM_STATE: stateDir }, timeout: 30_000 },
      (error, stdout, stderr) => {
        if (error) {
          reject(new Error(`ukey-sim ${args.join(' ')} failed: ${stderr || error.message}`));
          return;
        }
        resolvePromise({ code: 0, stdout, stderr });
      },
    );
  });
}

/**
 * A fresh SoftHSM2 token `label`, then an RSA-2048 key pair (id 01) made on it through the
 * simulator with pkcs11-tool, as a CA's tool would make it on a real key. `env` must point
 * SoftHSM2 at the test's own token store.
 */
export function initTokenWithSimKey(options: {
  modulePath: string;
  env: NodeJS.ProcessEnv;
  label: string;
  soPin: string;
  pin: string;
}): void {
  const { modulePath, env, label, soPin, pin } = options;
  execFileSync(
    SOFTHSM_UTIL,
    ['--init-token', '--free', '--label', label, '--so-pin', soPin, '--pin', pin],
    { env, stdio: 'pipe' },
  );
  execFileSync(
    'pkcs11-tool',
    [
      '--module',
      modulePath,
      '--login',
      '--pin',
      pin,
      '--keypairgen',
      '--key-type',
      'rsa:2048',
      '--id',
      '01',
    ],
    { env, stdio: 'pipe', timeout: 60_000 },
  );
}
