// `npm run ukey-sim -- <command> [--slot <id> | --label <token label>]`: pulls the simulated
// U-Key out, puts it back, sets its PIN counter, delay or failures, by editing the state files
// the module reads on every call. Works whether or not the app is running.
import { parseArgs } from 'node:util';
import pkcs11js from 'pkcs11js';
import { z } from 'zod';
import { isMainModule } from '../sim-support/main-module';
import {
  applyCommonCommand,
  commonCommandSchemas,
  countSchema,
  runControlCommandLine,
  table,
} from '../sim-support/control-cli';
import {
  defaultStateDir,
  effectiveState,
  listStateSlots,
  readSlotState,
  type SlotId,
  SlotIdSchema,
  PadPinSchema,
  SM2_PROFILES,
  Sm2ProfileSchema,
  type SlotState,
  updateSlotState,
} from './state-file';

const DEFAULT_BACKEND = '/usr/lib/softhsm/libsofthsm2.so';

const USAGE = `usage: npm run ukey-sim -- <command> [--slot <id> | --label <token label>]
commands:
  status             show every slot's simulated state
  remove             pull the key out
  insert             put it back
  set-retries <n>    leave n PIN tries (0 locks it)
  unlock             reset the PIN counter (what the CA's SO-PIN unlock does)
  set-delay <ms>     signing takes this long
  fail-sign <n>      the nth signature from now fails with CKR_DEVICE_ERROR (0: never)
  pin-pad on <pin>   give it a PIN pad; a login without a PIN "types" <pin> on it
  pin-pad off        take the PIN pad away again
  profile <name>     number SM2 the way a vendor does: ${SM2_PROFILES.join(' | ')}
Without --slot or --label a command applies to every initialised token.
State directory: UKEY_SIM_STATE (default ${defaultStateDir()}); backend: UKEY_SIM_BACKEND.`;

export const CommandSchema = z.discriminatedUnion('name', [
  ...commonCommandSchemas,
  z.object({ name: z.literal('fail-sign'), value: countSchema }),
  z.object({ name: z.literal('profile'), value: Sm2ProfileSchema }),
  z.discriminatedUnion('value', [
    z.object({ name: z.literal('pin-pad'), value: z.literal('on'), pin: PadPinSchema }),
    z.object({
      name: z.literal('pin-pad'),
      value: z.literal('off'),
      pin: z.undefined().optional(),
    }),
  ]),
]);
export type SimCommand = z.infer<typeof CommandSchema>;

interface Token {
  slot: SlotId;
  label: string;
}

/** The backend's initialised tokens, asked from the backend itself (not through the sim). */
function backendTokens(backend: string): Token[] {
  const module = new pkcs11js.PKCS11();
  module.load(backend);
  module.C_Initialize();
  try {
    return module.C_GetSlotList(true).flatMap((slot) => {
      const info = module.C_GetTokenInfo(slot);
      // SoftHSM2 always offers one empty, uninitialised token: not a U-Key.
      if ((info.flags & pkcs11js.CKF_TOKEN_INITIALIZED) === 0) return [];
      return [{ slot: slot.readBigUInt64LE(0).toString(), label: info.label.trim() }];
    });
  } finally {
    module.C_Finalize();
    module.close();
  }
}

async function knownTokens(dir: string, backend: string): Promise<Token[]> {
  let tokens: Token[] = [];
  try {
    tokens = backendTokens(backend);
  } catch (error) {
    console.error(
      `ukey-sim: cannot list the backend's tokens (${String(error)}); using the state files`,
    );
  }
  for (const slot of await listStateSlots(dir)) {
    if (!tokens.some((t) => t.slot === slot))
      tokens.push({ slot, label: (await readSlotState(dir, slot)).label ?? '' });
  }
  return tokens.sort((a, b) => (BigInt(a.slot) < BigInt(b.slot) ? -1 : 1));
}

/** What a command does to one slot's state. */
export function applyCommand(
  command: SimCommand,
  s: SlotState,
  env: NodeJS.ProcessEnv = process.env,
): SlotState {
  switch (command.name) {
    case 'fail-sign':
      return { ...s, failSignAt: command.value, signCount: 0 };
    case 'profile':
      return { ...s, sm2Profile: command.value };
    case 'pin-pad':
      // Off forgets the pad PIN too, so it stays in no file longer than needed.
      return command.value === 'on'
        ? { ...s, pinPad: true, padPin: command.pin }
        : { ...s, pinPad: false, padPin: undefined };
    default:
      return applyCommonCommand(command, s, effectiveState(s, env).maxRetries);
  }
}

function describe(s: SlotState, env: NodeJS.ProcessEnv): string[] {
  const e = effectiveState(s, env);
  const pin = e.retriesLeft === 0 ? 'LOCKED' : `${e.retriesLeft}/${e.maxRetries}`;
  const fail = s.failSignAt > 0 ? `#${s.failSignAt}` : '-';
  return [
    s.present ? 'yes' : 'REMOVED',
    pin,
    `${e.signDelayMs} ms`,
    String(s.signCount),
    fail,
    s.pinPad ? 'on' : '-',
    s.sm2Profile ?? 'gm-vendor',
  ];
}

export interface ControlOptions {
  command: SimCommand;
  slot?: SlotId;
  label?: string;
  env?: NodeJS.ProcessEnv;
}

/** Runs a command; returns the lines it prints. */
export async function runControl({
  command,
  slot,
  label,
  env = process.env,
}: ControlOptions): Promise<string[]> {
  const dir = defaultStateDir(env);
  const backend = env.UKEY_SIM_BACKEND || DEFAULT_BACKEND;
  let targets: Token[];
  if (slot !== undefined) {
    targets = [{ slot, label: (await readSlotState(dir, slot)).label ?? '' }];
  } else {
    const tokens = await knownTokens(dir, backend);
    targets = label === undefined ? tokens : tokens.filter((t) => t.label === label);
    if (targets.length === 0) {
      throw new Error(
        label === undefined ? 'no initialised token found' : `no token labelled "${label}"`,
      );
    }
  }

  const rows = [
    ['slot', 'label', 'present', 'PIN tries', 'sign delay', 'signs', 'fails at', 'PIN pad', 'SM2'],
  ];
  for (const t of targets) {
    const state =
      command.name === 'status'
        ? await readSlotState(dir, t.slot)
        : await updateSlotState(dir, t.slot, (s) =>
            applyCommand(command, { ...s, label: t.label || s.label }, env),
          );
    rows.push([t.slot, t.label || state.label || '', ...describe(state, env)]);
  }
  return [`state: ${dir}`, table(rows)];
}

function parseCommandLine(argv: string[]): ControlOptions {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      slot: { type: 'string' },
      label: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || positionals.length === 0) throw new Error(USAGE);
  if (values.slot !== undefined && values.label !== undefined)
    throw new Error('give --slot or --label, not both');
  const [name, value, pin, ...extra] = positionals;
  const command = extra.length === 0 ? CommandSchema.safeParse({ name, value, pin }) : undefined;
  if (!command?.success) throw new Error(`bad command: ${positionals.join(' ')}\n${USAGE}`);
  const slot = values.slot === undefined ? undefined : SlotIdSchema.parse(values.slot);
  return { command: command.data, slot, label: values.label };
}

if (isMainModule(import.meta.url)) {
  await runControlCommandLine(() => runControl(parseCommandLine(process.argv.slice(2))));
}
