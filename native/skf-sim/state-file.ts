// The simulated SKF devices, read and written the same way as src/state.c does:
// <dir>/dev-<name>.state with key=value lines, replaced by rename under the flock on <dir>/.lock
// that ukey-sim uses too; each device's containers are folders <dir>/dev-<name>/<container>/
// holding sign-key.pem, sign-cert.der and, for a dual-certificate key, enc-cert.der.
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { withStateLock } from '../ukey-sim/state-file';

export const DEFAULT_MAX_RETRIES = 6;
export const DEFAULT_SIGN_DELAY_MS = 50;

/** Names a file: what src/state.c accepts (sim_name_ok). */
export const SkfNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'a name is 1 to 64 of A-Z a-z 0-9 _ . -')
  .refine((n) => n !== '.' && n !== '..', 'not . or ..');

export interface SkfDeviceState {
  label: string;
  serial: string;
  manufacturer: string;
  application: string;
  /** SM3 of the user PIN in hex: the simulator keeps no PIN in clear. */
  pinSm3: string;
  present: boolean;
  /** Bumped by every removal: handles opened before it are dead even after re-insertion. */
  removals: number;
  maxRetries: number;
  /** Unset: full. */
  retriesLeft?: number;
  signDelayMs: number;
  signCount: number;
}

const count = z
  .string()
  .regex(/^\d{1,15}$/)
  .transform(Number);
const text = (max: number) => z.string().max(max);

const FileSchema = z.object({
  label: text(32).optional(),
  serial: text(32).optional(),
  manufacturer: text(64).optional(),
  application: text(64).optional(),
  pin_sm3: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
  present: count.optional(),
  removals: count.optional(),
  max_retries: count.optional(),
  retries_left: count.optional(),
  sign_delay_ms: count.optional(),
  sign_count: count.optional(),
});

/** Same default as the C library, so both find the state when SKF_SIM_STATE is not set. */
export function defaultSkfStateDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SKF_SIM_STATE) return env.SKF_SIM_STATE;
  return path.join(env.TMPDIR || '/tmp', `skf-sim-${os.userInfo().uid}`);
}

function statePath(dir: string, name: string): string {
  return path.join(dir, `dev-${SkfNameSchema.parse(name)}.state`);
}

export function parseDeviceState(body: string): SkfDeviceState {
  const fields: Record<string, string> = {};
  for (const line of body.split('\n')) {
    const eq = line.indexOf('=');
    if (line.startsWith('#') || eq < 0) continue;
    fields[line.slice(0, eq)] = line.slice(eq + 1).replace(/\r$/, '');
  }
  const f = FileSchema.parse(fields);
  return {
    label: f.label ?? '',
    serial: f.serial ?? '',
    manufacturer: f.manufacturer ?? '',
    application: f.application ?? '',
    pinSm3: f.pin_sm3 ?? '',
    present: (f.present ?? 1) !== 0,
    removals: f.removals ?? 0,
    maxRetries: f.max_retries ?? DEFAULT_MAX_RETRIES,
    retriesLeft: f.retries_left,
    signDelayMs: f.sign_delay_ms ?? DEFAULT_SIGN_DELAY_MS,
    signCount: f.sign_count ?? 0,
  };
}

const oneLine = (s: string) => s.replace(/[\r\n]/g, ' ');

export function formatDeviceState(name: string, s: SkfDeviceState): string {
  const lines = [
    `# skf-sim device ${name}`,
    `label=${oneLine(s.label)}`,
    `serial=${oneLine(s.serial)}`,
    `manufacturer=${oneLine(s.manufacturer)}`,
    `application=${oneLine(s.application)}`,
  ];
  if (s.pinSm3) lines.push(`pin_sm3=${s.pinSm3}`);
  lines.push(`present=${s.present ? 1 : 0}`, `removals=${s.removals}`);
  lines.push(`max_retries=${s.maxRetries}`);
  if (s.retriesLeft !== undefined) lines.push(`retries_left=${s.retriesLeft}`);
  lines.push(`sign_delay_ms=${s.signDelayMs}`, `sign_count=${s.signCount}`);
  return `${lines.join('\n')}\n`;
}

export async function readDeviceState(dir: string, name: string): Promise<SkfDeviceState> {
  return parseDeviceState(await readFile(statePath(dir, name), 'utf8'));
}

/** Read-modify-write of one device's state under the lock; returns the state written. */
export async function updateDeviceState(
  dir: string,
  name: string,
  edit: (state: SkfDeviceState) => SkfDeviceState,
): Promise<SkfDeviceState> {
  return withStateLock(dir, async () => {
    const next = edit(await readDeviceState(dir, name));
    await writeState(dir, name, next);
    return next;
  });
}

async function writeState(dir: string, name: string, state: SkfDeviceState): Promise<void> {
  const file = statePath(dir, name);
  const temporary = `${file}.tmp-${process.pid}`;
  await writeFile(temporary, formatDeviceState(name, state));
  await rename(temporary, file);
}

/** The devices that have a state file, sorted by name. */
export async function listDevices(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  return names
    .flatMap((n) => /^dev-([A-Za-z0-9_.-]{1,64})\.state$/.exec(n)?.slice(1, 2) ?? [])
    .sort();
}

export interface SkfContainerSpec {
  name: string;
  /** The SM2 signing key, PKCS#8 PEM as `openssl genpkey -algorithm SM2` writes it. */
  signKeyPem: string;
  signCertDer: Uint8Array;
  /** The encryption certificate of a dual-certificate key (its key stays off the simulator). */
  encCertDer?: Uint8Array;
}

export interface SkfDeviceSpec {
  name: string;
  label: string;
  serial: string;
  manufacturer: string;
  application: string;
  pin: string;
  maxRetries?: number;
  signDelayMs?: number;
  containers: readonly SkfContainerSpec[];
}

export function sm3Hex(value: string): string {
  return createHash('sm3').update(value, 'utf8').digest('hex');
}

/** Makes (or replaces) one device with its containers, present and with full PIN tries. */
export async function provisionDevice(dir: string, spec: SkfDeviceSpec): Promise<void> {
  const name = SkfNameSchema.parse(spec.name);
  const home = path.join(dir, `dev-${name}`);
  await withStateLock(dir, async () => {
    await rm(home, { recursive: true, force: true });
    for (const c of spec.containers) {
      const folder = path.join(home, SkfNameSchema.parse(c.name));
      await mkdir(folder, { recursive: true });
      await writeFile(path.join(folder, 'sign-key.pem'), c.signKeyPem, { mode: 0o600 });
      await writeFile(path.join(folder, 'sign-cert.der'), c.signCertDer);
      if (c.encCertDer) await writeFile(path.join(folder, 'enc-cert.der'), c.encCertDer);
    }
    await writeState(dir, name, {
      label: spec.label,
      serial: spec.serial,
      manufacturer: spec.manufacturer,
      application: SkfNameSchema.parse(spec.application),
      pinSm3: sm3Hex(spec.pin),
      present: true,
      removals: 0,
      maxRetries: spec.maxRetries ?? DEFAULT_MAX_RETRIES,
      signDelayMs: spec.signDelayMs ?? DEFAULT_SIGN_DELAY_MS,
      signCount: 0,
    });
  });
}
