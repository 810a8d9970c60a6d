// The simulator as other programs see it: OpenSC's pkcs11-tool loads it like any vendor module,
// and the control command (`npm run ukey-sim`) changes what pkcs11-tool then finds. Everything
// here runs in child processes; defaults (6 PIN tries) are left to the module.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSoftHsmDir } from '../support/softhsm';
import {
  clearState,
  ensureUkeySimBuilt,
  initTokenWithSimKey,
  makeSimEnv,
  makeSimStateDir,
  simControl,
} from '../support/ukey-sim';

const LABEL = 'SIM-CLI';
const SO_PIN = '87654321';
const PIN = '123456';
const WRONG_PIN = '000000';

const hsm = createSoftHsmDir();
const stateDir = makeSimStateDir();
const work = mkdtempSync(join(tmpdir(), 'shebao-ukey-cli-'));
// No UKEY_SIM_MAX_RETRIES: the module's own default applies. Delay 0 keeps the runs short.
const env: Record<string, string> = {
  ...hsm.env,
  ...makeSimEnv({ stateDir, delayMs: 0 }),
  UKEY_SIM_MAX_RETRIES: '',
};
let modulePath: string;

interface ToolResult {
  code: number;
  out: string;
}

/** Runs pkcs11-tool on the simulator; its stdout and stderr together, as a person reads them. */
function tool(args: string[]): Promise<ToolResult> {
  return new Promise((resolve) => {
    execFile(
      'pkcs11-tool',
      ['--module', modulePath, ...args],
      { env: { ...process.env, ...env }, timeout: 30_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, out: `${stdout}\n${stderr}` });
      },
    );
  });
}

const login = (pin: string, ...more: string[]) =>
  tool(['--token-label', LABEL, '--login', '--pin', pin, ...more]);
const control = (...args: string[]) => simControl(stateDir, args, env);

beforeAll(async () => {
  modulePath = await ensureUkeySimBuilt();
  initTokenWithSimKey({
    modulePath,
    env: { ...process.env, ...env },
    label: LABEL,
    soPin: SO_PIN,
    pin: PIN,
  });
});

beforeEach(async () => {
  await clearState(stateDir);
});

afterAll(() => {
  for (const dir of [hsm.root, stateDir, work]) rmSync(dir, { recursive: true, force: true });
});

describe('pkcs11-tool through the simulator', () => {
  it('lists the token, shows its slot empty while pulled out, and finds it again after insertion', async () => {
    const listed = await tool(['-L']);
    expect(listed.code).toBe(0);
    expect(listed.out).toContain(`token label        : ${LABEL}`);

    await control('remove');
    const removed = await tool(['-L']);
    expect(removed.out).not.toContain(LABEL);
    expect(removed.out).toContain('(empty)');
    expect((await login(PIN, '-O')).code).not.toBe(0);

    await control('insert');
    expect((await tool(['-L'])).out).toContain(`token label        : ${LABEL}`);
    expect((await login(PIN, '-O')).code).toBe(0);
  });

  it('a wrong PIN is refused and the token then reports a low count; six wrong ones lock it', async () => {
    const wrong = await login(WRONG_PIN, '-O');
    expect(wrong.code).not.toBe(0);
    expect(wrong.out).toContain('CKR_PIN_INCORRECT');
    expect((await tool(['-L'])).out).toContain('user PIN count low');
    expect((await control('status')).stdout).toMatch(/yes\s+5\/6/);

    for (let i = 0; i < 4; i++) await login(WRONG_PIN, '-O');
    expect((await tool(['-L'])).out).toContain('final user PIN try');
    await login(WRONG_PIN, '-O');
    expect((await tool(['-L'])).out).toContain('user PIN locked');

    const right = await login(PIN, '-O');
    expect(right.code).not.toBe(0);
    expect(right.out).toContain('CKR_PIN_LOCKED');

    await control('unlock', '--label', LABEL);
    expect((await login(PIN, '-O')).code).toBe(0);
    expect((await tool(['-L'])).out).not.toContain('user PIN');
  });

  it('signs through the simulator, as slowly as the delay set by the control command', async () => {
    const input = join(work, 'batch.txt');
    writeFileSync(input, '月度申报 2024-06');
    const signArgs = [
      '--sign',
      '--mechanism',
      'SHA256-RSA-PKCS',
      '--id',
      '01',
      '-i',
      input,
      '-o',
      join(work, 'sig'),
    ];
    const timedSign = async () => {
      const t0 = performance.now();
      const result = await login(PIN, ...signArgs);
      expect(result.code).toBe(0);
      return performance.now() - t0;
    };
    const quick = await timedSign();
    await control('set-delay', '1000', '--label', LABEL);
    const slow = await timedSign();
    expect(slow - quick).toBeGreaterThanOrEqual(900);
    expect((await control('status')).stdout).toMatch(/1000 ms\s+2\s/);
  });
});

describe('pkcs11-tool on a simulated PIN pad', () => {
  // On a token with CKF_PROTECTED_AUTHENTICATION_PATH, `--login` without `--pin` makes
  // pkcs11-tool call C_Login with a NULL_PTR PIN, as a vendor's own tool would.
  const padLogin = () => tool(['--token-label', LABEL, '--login', '-O']);

  it('logs in without --pin using the PIN typed on the pad; a wrong one is refused and counts', async () => {
    await control('pin-pad', 'on', PIN, '--label', LABEL);
    expect((await tool(['-L'])).out).toContain('PIN pad present');
    expect((await control('status')).stdout).toMatch(/SIM-CLI\s+yes\s+6\/6\s+0 ms\s+0\s+-\s+on/);
    const right = await padLogin();
    expect(right.code).toBe(0);
    expect(right.out).toContain('Private Key Object');

    await control('pin-pad', 'on', WRONG_PIN, '--label', LABEL);
    const wrong = await padLogin();
    expect(wrong.code).not.toBe(0);
    expect(wrong.out).toContain('CKR_PIN_INCORRECT');
    expect((await control('status')).stdout).toMatch(/yes\s+5\/6/);

    await control('pin-pad', 'off', '--label', LABEL);
    expect((await tool(['-L'])).out).not.toContain('PIN pad');
  });

  it('refuses pin-pad on without a PIN, and off with one', async () => {
    await expect(control('pin-pad', 'on')).rejects.toThrow(/bad command: pin-pad on/);
    await expect(control('pin-pad', 'off', PIN)).rejects.toThrow(/bad command: pin-pad off/);
  });
});

describe('the control command', () => {
  it('status shows each token by slot and label with what was done to it', async () => {
    await control('remove', '--label', LABEL);
    await control('set-retries', '0');
    await control('set-delay', '350');
    const { stdout } = await control('status');
    const row = stdout.split('\n').find((line) => line.includes(LABEL));
    expect(row).toMatch(/^\d+\s+SIM-CLI\s+REMOVED\s+LOCKED\s+350 ms/);
  });

  it('refuses an unknown command or label with a message and a failing exit', async () => {
    await expect(control('explode')).rejects.toThrow(/bad command: explode/);
    await expect(control('remove', '--label', 'NO-SUCH-KEY')).rejects.toThrow(
      /no token labelled "NO-SUCH-KEY"/,
    );
  });
});
