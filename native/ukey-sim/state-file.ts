// The simulator's per-slot state files, read and written the same way as src/state.c does:
// <dir>/slot-<id>.state with key=value lines, replaced by rename while holding an flock on
// <dir>/.lock. Node has no flock, so the lock is held by a small `flock` child process.
import { spawn } from 'node:child_process';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

export const DEFAULT_MAX_RETRIES = 6;
export const DEFAULT_SIGN_DELAY_MS = 200;
const LOCK_TIMEOUT_MS = 10_000;

/** A slot id as the backend reports it (CK_SLOT_ID, may exceed 2^53), in decimal. */
export const SlotIdSchema = z.string().regex(/^\d{1,20}$/, 'a slot id is a decimal number');
export type SlotId = z.infer<typeof SlotIdSchema>;

export interface SlotState {
  present: boolean;
  /** Bumped by every removal: sessions opened before it are dead even after re-insertion. */
  removals: number;
  /** Unset: UKEY_SIM_MAX_RETRIES or the default decides. */
  maxRetries?: number;
  /** Unset: full. */
  retriesLeft?: number;
  /** Unset: UKEY_SIM_SIGN_DELAY_MS or the default decides. */
  signDelayMs?: number;
  /** 0: never; else the signCount whose signature fails with CKR_DEVICE_ERROR. */
  failSignAt: number;
  signCount: number;
  label?: string;
  /** The token has a PIN pad: CKF_PROTECTED_AUTHENTICATION_PATH, and C_Login without a PIN. */
  pinPad: boolean;
  /** What the person types on the pad when the app logs in without a PIN. */
  padPin?: string;
  /** Vendor numbering of the token's SM2 key type and mechanisms; unset: the module's default. */
  sm2Profile?: Sm2Profile;
}

/** The SM2 vendor profiles src/sm2.c knows; 'none' hides SM2 altogether. */
export const SM2_PROFILES = ['gm-vendor', 'ibm', 'none'] as const;
export const Sm2ProfileSchema = z.enum(SM2_PROFILES);
export type Sm2Profile = z.infer<typeof Sm2ProfileSchema>;

/** A PIN typed on the simulated pad: digits, as on a real one; at most the C buffer's size. */
export const PadPinSchema = z.string().regex(/^\d{1,32}$/, 'a pad PIN is 1 to 32 digits');

const count = z
  .string()
  .regex(/^\d{1,15}$/)
  .transform(Number);

const FileSchema = z.object({
  present: count.optional(),
  removals: count.optional(),
  max_retries: count.optional(),
  retries_left: count.optional(),
  sign_delay_ms: count.optional(),
  fail_sign_at: count.optional(),
  sign_count: count.optional(),
  label: z.string().max(64).optional(),
  pin_pad: count.optional(),
  pad_pin: PadPinSchema.optional(),
  sm2_profile: Sm2ProfileSchema.optional(),
});

/** Same default as the C module, so both find the state when UKEY_SIM_STATE is not set. */
export function defaultStateDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.UKEY_SIM_STATE) return env.UKEY_SIM_STATE;
  const tmp = env.TMPDIR || '/tmp';
  return path.join(tmp, `ukey-sim-${os.userInfo().uid}`);
}

export function stateFilePath(dir: string, slot: SlotId): string {
  return path.join(dir, `slot-${SlotIdSchema.parse(slot)}.state`);
}

export function parseSlotState(text: string): SlotState {
  const fields: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=');
    if (line.startsWith('#') || eq < 0) continue;
    fields[line.slice(0, eq)] = line.slice(eq + 1).replace(/\r$/, '');
  }
  const f = FileSchema.parse(fields);
  return {
    present: (f.present ?? 1) !== 0,
    removals: f.removals ?? 0,
    maxRetries: f.max_retries,
    retriesLeft: f.retries_left,
    signDelayMs: f.sign_delay_ms,
    failSignAt: f.fail_sign_at ?? 0,
    signCount: f.sign_count ?? 0,
    label: f.label,
    pinPad: (f.pin_pad ?? 0) !== 0,
    padPin: f.pad_pin,
    sm2Profile: f.sm2_profile,
  };
}

export function formatSlotState(slot: SlotId, s: SlotState): string {
  const lines = [`# ukey-sim state of slot ${slot}`];
  if (s.label) lines.push(`label=${s.label.replace(/[\r\n]/g, ' ')}`);
  lines.push(`present=${s.present ? 1 : 0}`, `removals=${s.removals}`);
  if (s.maxRetries !== undefined) lines.push(`max_retries=${s.maxRetries}`);
  if (s.retriesLeft !== undefined) lines.push(`retries_left=${s.retriesLeft}`);
  if (s.signDelayMs !== undefined) lines.push(`sign_delay_ms=${s.signDelayMs}`);
  lines.push(`fail_sign_at=${s.failSignAt}`, `sign_count=${s.signCount}`);
  if (s.pinPad) lines.push('pin_pad=1');
  if (s.padPin !== undefined) lines.push(`pad_pin=${PadPinSchema.parse(s.padPin)}`);
  if (s.sm2Profile !== undefined) lines.push(`sm2_profile=${Sm2ProfileSchema.parse(s.sm2Profile)}`);
  return `${lines.join('\n')}\n`;
}

/** Reads a slot's state; a missing file is the defaults (present, full retries). */
export async function readSlotState(dir: string, slot: SlotId): Promise<SlotState> {
  try {
    return parseSlotState(await readFile(stateFilePath(dir, slot), 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return parseSlotState('');
    throw error;
  }
}

/** The values in force once the environment and defaults fill what the file leaves unset. */
export function effectiveState(s: SlotState, env: NodeJS.ProcessEnv = process.env) {
  const fromEnv = (name: string, fallback: number) => {
    const v = env[name];
    return v !== undefined && /^\d+$/.test(v) ? Number(v) : fallback;
  };
  const maxRetries = s.maxRetries ?? fromEnv('UKEY_SIM_MAX_RETRIES', DEFAULT_MAX_RETRIES);
  return {
    maxRetries,
    retriesLeft: s.retriesLeft ?? maxRetries,
    signDelayMs: s.signDelayMs ?? fromEnv('UKEY_SIM_SIGN_DELAY_MS', DEFAULT_SIGN_DELAY_MS),
  };
}

/** Runs `action` while holding the same flock the C module takes for its writes. */
export async function withStateLock<T>(dir: string, action: () => Promise<T>): Promise<T> {
  await mkdir(dir, { recursive: true });
  const holder = spawn(
    'flock',
    ['-x', path.join(dir, '.lock'), 'sh', '-c', 'echo locked; read _line'],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const exited = new Promise<void>((resolve) => holder.once('close', () => resolve()));
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error('ukey-sim: timed out waiting for the state lock')),
        LOCK_TIMEOUT_MS,
      );
      holder.once('error', reject);
      holder.once('close', (code) => reject(new Error(`ukey-sim: flock exited with ${code}`)));
      holder.stdout.once('data', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    return await action();
  } finally {
    holder.stdin.end(); // `read` sees EOF, the shell exits, the lock goes with it
    await exited;
  }
}

/** Read-modify-write of one slot's state under the lock; returns the state written. */
export async function updateSlotState(
  dir: string,
  slot: SlotId,
  edit: (state: SlotState) => SlotState,
): Promise<SlotState> {
  return withStateLock(dir, async () => {
    const next = edit(await readSlotState(dir, slot));
    const file = stateFilePath(dir, slot);
    const temporary = `${file}.tmp-${process.pid}`;
    await writeFile(temporary, formatSlotState(slot, next));
    await rename(temporary, file);
    return next;
  });
}

/** The slots that have a state file. */
export async function listStateSlots(dir: string): Promise<SlotId[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  return names.flatMap((n) => /^slot-(\d+)\.state$/.exec(n)?.slice(1, 2) ?? []);
}

/** Forgets every slot's state: all tokens present with full retries again. */
export async function clearState(dir: string): Promise<void> {
  await withStateLock(dir, async () => {
    for (const slot of await listStateSlots(dir))
      await rm(stateFilePath(dir, slot), { force: true });
  });
}
