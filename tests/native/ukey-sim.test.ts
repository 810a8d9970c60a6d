// The U-Key simulator in front of a real SoftHSM2 token, driven in-process through pkcs11js the
// way the app drives a real key: PIN retries and lock, the CA's unlock, pulling the key out and
// putting it back, slot events, the signing delay and injected failures, a PIN pad, and state
// shared with other processes.
import { execFile, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import pkcs11js from 'pkcs11js';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSoftHsmDir } from '../support/softhsm';
import {
  clearState,
  ensureUkeySimBuilt,
  initTokenWithSimKey,
  makeSimEnv,
  makeSimStateDir,
  readSlotState,
  simControl,
  updateSlotState,
} from '../support/ukey-sim';

const LABEL = 'SIM-ePass';
const SO_PIN = '87654321';
const PIN = '123456';
const WRONG_PIN = '000000';
const MAX_RETRIES = 4;
const ENV_DELAY_MS = 250;

// SoftHSM2 reads SOFTHSM2_CONF once, when first initialised in this process: set it now.
const hsm = createSoftHsmDir();
const stateDir = makeSimStateDir();
Object.assign(
  process.env,
  hsm.env,
  makeSimEnv({ stateDir, delayMs: ENV_DELAY_MS, maxRetries: MAX_RETRIES }),
);

const {
  CKF_RW_SESSION,
  CKF_SERIAL_SESSION,
  CKF_USER_PIN_COUNT_LOW,
  CKF_USER_PIN_FINAL_TRY,
  CKF_USER_PIN_LOCKED,
  CKF_DONT_BLOCK,
  CKF_PROTECTED_AUTHENTICATION_PATH,
  CKU_SO,
  CKU_USER,
  CKA_CLASS,
  CKA_ID,
  CKA_MODULUS,
  CKA_PUBLIC_EXPONENT,
  CKO_PRIVATE_KEY,
  CKO_PUBLIC_KEY,
  CKM_SHA256_RSA_PKCS,
} = pkcs11js;
/** CK_SLOT_INFO flag; missing from pkcs11js's typings. */
const CKF_TOKEN_PRESENT = 0x1;
/** PKCS#11 session state: read-only, nobody logged in (pkcs11js has no CKS_* constants). */
const CKS_RO_PUBLIC_SESSION = 0;
/** PKCS#11 session state: read-write, the user logged in. */
const CKS_RW_USER_FUNCTIONS = 3;
const PIN_FLAGS = CKF_USER_PIN_COUNT_LOW | CKF_USER_PIN_FINAL_TRY | CKF_USER_PIN_LOCKED;

let p11: pkcs11js.PKCS11;
let modulePath: string;
let slot: Buffer;
let slotId: string;

/** The CKR_* name a call fails with, or 'CKR_OK'. */
function ckr(call: () => unknown): string {
  try {
    call();
    return 'CKR_OK';
  } catch (error) {
    if (error instanceof pkcs11js.Pkcs11Error) return error.message;
    throw error;
  }
}

const pinFlags = () => p11.C_GetTokenInfo(slot).flags & PIN_FLAGS;
const openSession = () => p11.C_OpenSession(slot, CKF_SERIAL_SESSION | CKF_RW_SESSION);
const slotIds = () => p11.C_GetSlotList(true).map((s) => s.readBigUInt64LE(0).toString());

function findKey(session: Buffer, cls: number): Buffer {
  p11.C_FindObjectsInit(session, [
    { type: CKA_CLASS, value: cls },
    { type: CKA_ID, value: Buffer.from([1]) },
  ]);
  const [key] = p11.C_FindObjects(session, 1);
  p11.C_FindObjectsFinal(session);
  if (!key) throw new Error('test key not found on the token');
  return key;
}

function publicKey(session: Buffer): KeyObject {
  const [n, e] = p11.C_GetAttributeValue(session, findKey(session, CKO_PUBLIC_KEY), [
    { type: CKA_MODULUS },
    { type: CKA_PUBLIC_EXPONENT },
  ]);
  const b64 = (a: { value: Buffer } | undefined) =>
    (a?.value ?? Buffer.alloc(0)).toString('base64url');
  return createPublicKey({ key: { kty: 'RSA', n: b64(n), e: b64(e) }, format: 'jwk' });
}

function loggedInSession(): Buffer {
  const session = openSession();
  p11.C_Login(session, CKU_USER, PIN);
  return session;
}

function sign(session: Buffer, data: Buffer): Buffer {
  p11.C_SignInit(session, { mechanism: CKM_SHA256_RSA_PKCS }, findKey(session, CKO_PRIVATE_KEY));
  return p11.C_Sign(session, data, Buffer.alloc(512));
}

/** Runs a small pkcs11js script in another process with the same token store and state. */
function runChild(script: string, timeoutMs = 20_000): Promise<string> {
  const preamble = `
    const pkcs11js = require('pkcs11js');
    const p11 = new pkcs11js.PKCS11();
    p11.load(${JSON.stringify(modulePath)});
    p11.C_Initialize();
    const slot = p11.C_GetSlotList(true).find((s) => p11.C_GetTokenInfo(s).label.trim() === ${JSON.stringify(LABEL)});
  `;
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['-e', preamble + script],
      { cwd: process.cwd(), timeout: timeoutMs },
      (error, stdout, stderr) =>
        error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout.trim()),
    );
  });
}

beforeAll(async () => {
  modulePath = await ensureUkeySimBuilt();
  initTokenWithSimKey({
    modulePath,
    env: { ...process.env },
    label: LABEL,
    soPin: SO_PIN,
    pin: PIN,
  });
  p11 = new pkcs11js.PKCS11();
  p11.load(modulePath);
  p11.C_Initialize();
  const found = p11.C_GetSlotList(true).find((s) => p11.C_GetTokenInfo(s).label.trim() === LABEL);
  if (!found) throw new Error('test token not visible through the simulator');
  slot = found;
  slotId = found.readBigUInt64LE(0).toString();
});

beforeEach(async () => {
  ckr(() => p11.C_CloseAllSessions(slot));
  await clearState(stateDir);
  // Forget events left by the previous test's removals (bounded: one per slot at most).
  for (let i = 0; i < 8 && p11.C_WaitForSlotEvent(CKF_DONT_BLOCK) !== null; i++);
});

afterAll(() => {
  if (p11) {
    ckr(() => p11.C_Finalize());
    p11.close();
  }
  rmSync(hsm.root, { recursive: true, force: true });
  rmSync(stateDir, { recursive: true, force: true });
});

describe('PIN retry counter', () => {
  it('counts wrong PINs down: count-low after the first, final-try on the last, then locked', () => {
    const session = openSession();
    expect(pinFlags()).toBe(0);
    const seen: number[] = [];
    for (let i = 0; i < MAX_RETRIES; i++) {
      expect(ckr(() => p11.C_Login(session, CKU_USER, WRONG_PIN))).toBe('CKR_PIN_INCORRECT');
      seen.push(pinFlags());
    }
    expect(seen).toEqual([
      CKF_USER_PIN_COUNT_LOW,
      CKF_USER_PIN_COUNT_LOW,
      CKF_USER_PIN_COUNT_LOW | CKF_USER_PIN_FINAL_TRY,
      CKF_USER_PIN_LOCKED,
    ]);
  });

  it('refuses even the right PIN once locked, and keeps refusing', async () => {
    const session = openSession();
    for (let i = 0; i < MAX_RETRIES; i++) ckr(() => p11.C_Login(session, CKU_USER, WRONG_PIN));
    expect(ckr(() => p11.C_Login(session, CKU_USER, PIN))).toBe('CKR_PIN_LOCKED');
    expect(ckr(() => p11.C_Login(session, CKU_USER, PIN))).toBe('CKR_PIN_LOCKED');
    expect(pinFlags()).toBe(CKF_USER_PIN_LOCKED);
    expect((await readSlotState(stateDir, slotId)).retriesLeft).toBe(0);
  });

  it('a right PIN before the lock resets the count', async () => {
    const session = openSession();
    ckr(() => p11.C_Login(session, CKU_USER, WRONG_PIN));
    ckr(() => p11.C_Login(session, CKU_USER, WRONG_PIN));
    expect(pinFlags()).toBe(CKF_USER_PIN_COUNT_LOW);
    p11.C_Login(session, CKU_USER, PIN);
    expect(pinFlags()).toBe(0);
    p11.C_Logout(session);
    // The full count again: a wrong PIN now leaves MAX_RETRIES - 1, not fewer.
    ckr(() => p11.C_Login(session, CKU_USER, WRONG_PIN));
    expect((await readSlotState(stateDir, slotId)).retriesLeft).toBe(MAX_RETRIES - 1);
  });

  it("the CA's unlock (SO logs in, C_InitPIN) clears the lock; a user session cannot", () => {
    const session = openSession();
    for (let i = 0; i < MAX_RETRIES; i++) ckr(() => p11.C_Login(session, CKU_USER, WRONG_PIN));
    expect(pinFlags()).toBe(CKF_USER_PIN_LOCKED);

    expect(ckr(() => p11.C_InitPIN(session, PIN))).not.toBe('CKR_OK');
    expect(pinFlags()).toBe(CKF_USER_PIN_LOCKED);

    p11.C_Login(session, CKU_SO, SO_PIN);
    p11.C_InitPIN(session, PIN);
    p11.C_Logout(session);
    expect(pinFlags()).toBe(0);
    expect(ckr(() => p11.C_Login(session, CKU_USER, PIN))).toBe('CKR_OK');
  });
});

describe('pulling the key out and putting it back', () => {
  it('a removed key leaves the slot list, its slot empty, its sessions dead and no new ones', async () => {
    const session = loggedInSession();
    const control = await simControl(stateDir, ['remove']);
    expect(control.stdout).toContain('REMOVED');

    expect(slotIds()).not.toContain(slotId);
    expect(p11.C_GetSlotList(false).map((s) => s.readBigUInt64LE(0).toString())).toContain(slotId);
    expect(p11.C_GetSlotInfo(slot).flags & CKF_TOKEN_PRESENT).toBe(0);
    expect(ckr(() => p11.C_GetTokenInfo(slot))).toBe('CKR_TOKEN_NOT_PRESENT');
    expect(ckr(() => p11.C_FindObjectsInit(session, []))).toBe('CKR_DEVICE_REMOVED');
    expect(ckr(() => p11.C_FindObjectsInit(session, []))).toBe('CKR_SESSION_HANDLE_INVALID');
    expect(ckr(() => openSession())).toBe('CKR_TOKEN_NOT_PRESENT');
  });

  it('a re-inserted key is back and usable, but logged out like a real key', async () => {
    const old = loggedInSession();
    await simControl(stateDir, ['remove', '--slot', slotId]);
    await simControl(stateDir, ['insert', '--label', LABEL]);

    expect(slotIds()).toContain(slotId);
    expect(p11.C_GetSlotInfo(slot).flags & CKF_TOKEN_PRESENT).toBe(CKF_TOKEN_PRESENT);
    // Sessions from before the removal stay dead even though the key is back.
    expect(ckr(() => p11.C_GetSessionInfo(old))).toBe('CKR_DEVICE_REMOVED');
    const session = p11.C_OpenSession(slot, CKF_SERIAL_SESSION);
    expect(p11.C_GetSessionInfo(session).state).toBe(CKS_RO_PUBLIC_SESSION);
    p11.C_Login(session, CKU_USER, PIN);
    const data = Buffer.from('申报批次 2024-06');
    expect(verify('sha256', data, publicKey(session), sign(session, data))).toBe(true);
  });

  it('C_WaitForSlotEvent without blocking reports the slot on removal and on insertion, once each', async () => {
    expect(p11.C_WaitForSlotEvent(CKF_DONT_BLOCK)).toBeNull();
    await updateSlotState(stateDir, slotId, (s) => ({
      ...s,
      present: false,
      removals: s.removals + 1,
    }));
    expect(p11.C_WaitForSlotEvent(CKF_DONT_BLOCK)?.readBigUInt64LE(0).toString()).toBe(slotId);
    expect(p11.C_WaitForSlotEvent(CKF_DONT_BLOCK)).toBeNull();
    await updateSlotState(stateDir, slotId, (s) => ({ ...s, present: true }));
    expect(p11.C_WaitForSlotEvent(CKF_DONT_BLOCK)?.readBigUInt64LE(0).toString()).toBe(slotId);
    expect(p11.C_WaitForSlotEvent(CKF_DONT_BLOCK)).toBeNull();
  });

  it('a blocking C_WaitForSlotEvent in another process wakes when the key is pulled out', async () => {
    const waiter = spawn(
      process.execPath,
      [
        '-e',
        `const pkcs11js = require('pkcs11js');
         const p11 = new pkcs11js.PKCS11();
         p11.load(${JSON.stringify(modulePath)});
         p11.C_Initialize();
         console.log('ready');
         const s = p11.C_WaitForSlotEvent(0);
         console.log('event ' + s.readBigUInt64LE(0));`,
      ],
      { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    const ready = new Promise<void>((resolve) =>
      waiter.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('ready')) resolve();
      }),
    );
    const exited = new Promise<void>((resolve) => waiter.once('close', () => resolve()));
    const killer = setTimeout(() => waiter.kill(), 15_000);
    try {
      await ready;
      await new Promise((r) => setTimeout(r, 200)); // it is blocked now, with nothing to report
      expect(out).not.toContain('event');
      await updateSlotState(stateDir, slotId, (s) => ({
        ...s,
        present: false,
        removals: s.removals + 1,
      }));
      await exited;
      expect(out).toContain(`event ${slotId}`);
    } finally {
      clearTimeout(killer);
      waiter.kill();
    }
  });

  it('pulling the key out while it signs ends the signature with CKR_DEVICE_REMOVED', async () => {
    // A long signature, so that finishing well before it proves the removal cut it short.
    await updateSlotState(stateDir, slotId, (s) => ({ ...s, signDelayMs: 20_000 }));
    const session = loggedInSession();
    p11.C_SignInit(session, { mechanism: CKM_SHA256_RSA_PKCS }, findKey(session, CKO_PRIVATE_KEY));
    const started = Date.now();
    const result = new Promise<string>((resolve) =>
      p11.C_Sign(session, Buffer.from('x'), Buffer.alloc(512), (error) =>
        resolve(error ? error.message : 'CKR_OK'),
      ),
    );
    await new Promise((r) => setTimeout(r, 300));
    await updateSlotState(stateDir, slotId, (s) => ({
      ...s,
      present: false,
      removals: s.removals + 1,
    }));
    expect(await result).toBe('CKR_DEVICE_REMOVED');
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});

describe('signing like a real key', () => {
  it('takes at least the configured delay: from the environment, then from the state', async () => {
    const session = loggedInSession();
    const timed = () => {
      const t0 = performance.now();
      sign(session, Buffer.from('batch'));
      return performance.now() - t0;
    };
    expect(timed()).toBeGreaterThanOrEqual(ENV_DELAY_MS);
    await simControl(stateDir, ['set-delay', '600', '--slot', slotId]);
    expect(timed()).toBeGreaterThanOrEqual(600);
    await updateSlotState(stateDir, slotId, (s) => ({ ...s, signDelayMs: 0 }));
    expect(timed()).toBeLessThan(ENV_DELAY_MS);
  });

  it('fail-sign 2 makes exactly the second signature fail with CKR_DEVICE_ERROR', async () => {
    await updateSlotState(stateDir, slotId, (s) => ({ ...s, signDelayMs: 0 }));
    await simControl(stateDir, ['fail-sign', '2']);
    const session = loggedInSession();
    const results = [1, 2, 3].map(() => ckr(() => sign(session, Buffer.from('batch'))));
    expect(results).toEqual(['CKR_OK', 'CKR_DEVICE_ERROR', 'CKR_OK']);
    expect((await readSlotState(stateDir, slotId)).signCount).toBe(3);
  });
});

describe('a U-Key with a PIN pad', () => {
  const pinPad = () => p11.C_GetTokenInfo(slot).flags & CKF_PROTECTED_AUTHENTICATION_PATH;
  /** No PIN from the app: pkcs11js cannot send NULL_PTR, so it sends an empty one. */
  const padLogin = (session: Buffer) => ckr(() => p11.C_Login(session, CKU_USER, ''));

  it('pin-pad on makes the token announce a protected authentication path; off takes it away', async () => {
    expect(pinPad()).toBe(0);
    await simControl(stateDir, ['pin-pad', 'on', PIN, '--label', LABEL]);
    expect(pinPad()).toBe(CKF_PROTECTED_AUTHENTICATION_PATH);
    expect(await readSlotState(stateDir, slotId)).toMatchObject({ pinPad: true, padPin: PIN });
    await simControl(stateDir, ['pin-pad', 'off', '--slot', slotId]);
    expect(pinPad()).toBe(0);
    const state = await readSlotState(stateDir, slotId);
    expect(state.pinPad).toBe(false);
    expect(state.padPin).toBeUndefined();
  });

  it('a login without a PIN waits for the person at the pad, then is logged in with what they typed', async () => {
    await simControl(stateDir, ['pin-pad', 'on', PIN, '--slot', slotId]);
    const session = openSession();
    const t0 = performance.now();
    expect(padLogin(session)).toBe('CKR_OK');
    expect(performance.now() - t0).toBeGreaterThanOrEqual(ENV_DELAY_MS);
    expect(p11.C_GetSessionInfo(session).state).toBe(CKS_RW_USER_FUNCTIONS);
    const data = Buffer.from('申报批次 2024-07');
    expect(verify('sha256', data, publicKey(session), sign(session, data))).toBe(true);
    // A PIN sent by the app still works on a key with a pad.
    p11.C_Logout(session);
    expect(ckr(() => p11.C_Login(session, CKU_USER, PIN))).toBe('CKR_OK');
  });

  it('a wrong PIN typed on the pad counts down like a wrong PIN from the app, and locks', async () => {
    await simControl(stateDir, ['pin-pad', 'on', WRONG_PIN, '--slot', slotId]);
    const session = openSession();
    const seen: string[] = [];
    for (let i = 0; i < MAX_RETRIES - 1; i++) seen.push(padLogin(session));
    // The same counter: one wrong PIN from the app takes the last try.
    seen.push(ckr(() => p11.C_Login(session, CKU_USER, WRONG_PIN)));
    expect(seen).toEqual(Array(MAX_RETRIES).fill('CKR_PIN_INCORRECT'));
    expect(pinFlags()).toBe(CKF_USER_PIN_LOCKED);
    // Locked: the right PIN on the pad is refused too, and says so without the wait.
    await simControl(stateDir, ['pin-pad', 'on', PIN, '--slot', slotId]);
    const t0 = performance.now();
    expect(padLogin(session)).toBe('CKR_PIN_LOCKED');
    expect(performance.now() - t0).toBeLessThan(ENV_DELAY_MS);
    expect(ckr(() => p11.C_Login(session, CKU_USER, PIN))).toBe('CKR_PIN_LOCKED');
  });

  it('a right PIN on the pad resets a count run down by wrong ones from the app', async () => {
    const session = openSession();
    ckr(() => p11.C_Login(session, CKU_USER, WRONG_PIN));
    ckr(() => p11.C_Login(session, CKU_USER, WRONG_PIN));
    expect(pinFlags()).toBe(CKF_USER_PIN_COUNT_LOW);
    await simControl(stateDir, ['pin-pad', 'on', PIN, '--slot', slotId]);
    expect(padLogin(session)).toBe('CKR_OK');
    expect(pinFlags()).toBe(0);
  });
});

describe('state shared between processes', () => {
  it("another process sees this one's wrong PINs, and this one sees the other's", async () => {
    const session = openSession();
    ckr(() => p11.C_Login(session, CKU_USER, WRONG_PIN));
    ckr(() => p11.C_Login(session, CKU_USER, WRONG_PIN));
    const reply = await runChild(`
      const before = p11.C_GetTokenInfo(slot).flags;
      const s = p11.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION);
      let rv = 'CKR_OK';
      try { p11.C_Login(s, pkcs11js.CKU_USER, ${JSON.stringify(WRONG_PIN)}); } catch (e) { rv = e.message; }
      console.log(JSON.stringify({ before, rv, after: p11.C_GetTokenInfo(slot).flags }));
      p11.C_Finalize();
    `);
    const { before, rv, after } = JSON.parse(reply) as {
      before: number;
      rv: string;
      after: number;
    };
    expect(before & PIN_FLAGS).toBe(CKF_USER_PIN_COUNT_LOW);
    expect(rv).toBe('CKR_PIN_INCORRECT');
    expect(after & PIN_FLAGS).toBe(CKF_USER_PIN_COUNT_LOW | CKF_USER_PIN_FINAL_TRY);
    expect(pinFlags()).toBe(CKF_USER_PIN_COUNT_LOW | CKF_USER_PIN_FINAL_TRY);
  });

  it('a key pulled out by the control command is gone for another process too', async () => {
    await simControl(stateDir, ['remove', '--label', LABEL]);
    const reply = await runChild(`console.log(String(slot === undefined)); p11.C_Finalize();`);
    expect(reply).toBe('true');
    expect(slotIds()).not.toContain(slotId);
  });
});
