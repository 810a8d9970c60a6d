// `npm run skf-sim -- <command> [--device <name>]`: pulls a simulated SKF key out, puts it
// back, sets its PIN counter or signing delay, by editing the state files the library reads on
// every call. Works whether or not the app is running.
import { parseArgs } from 'node:util';
import { z } from 'zod';
import {
  defaultSkfStateDir,
  listDevices,
  readDeviceState,
  type SkfDeviceState,
  SkfNameSchema,
  updateDeviceState,
} from './state-file';
import { isMainModule } from '../sim-support/main-module';
import {
  applyCommonCommand,
  commonCommandSchemas,
  runControlCommandLine,
  table,
} from '../sim-support/control-cli';

const USAGE = `usage: npm run skf-sim -- <command> [--device <name>]
commands:
  status             show every device's simulated state
  remove             pull the key out
  insert             put it back
  set-retries <n>    leave n PIN tries (0 locks it)
  unlock             reset the PIN counter (what the CA's admin-PIN unblock does)
  set-delay <ms>     signing takes this long
Without --device a command applies to every device.
State directory: SKF_SIM_STATE (default ${defaultSkfStateDir()}).`;

export const SkfCommandSchema = z.discriminatedUnion('name', [...commonCommandSchemas]);
export type SkfCommand = z.infer<typeof SkfCommandSchema>;

/** What a command does to one device's state. */
export function applySkfCommand(command: SkfCommand, s: SkfDeviceState): SkfDeviceState {
  return applyCommonCommand(command, s, s.maxRetries);
}

function row(name: string, s: SkfDeviceState): string[] {
  const left = s.retriesLeft ?? s.maxRetries;
  return [
    name,
    s.label,
    s.present ? 'yes' : 'REMOVED',
    left === 0 ? 'LOCKED' : `${left}/${s.maxRetries}`,
    `${s.signDelayMs} ms`,
    String(s.signCount),
  ];
}

export interface SkfControlOptions {
  command: SkfCommand;
  device?: string;
  env?: NodeJS.ProcessEnv;
}

/** Runs a command; returns the lines it prints. */
export async function runSkfControl({
  command,
  device,
  env = process.env,
}: SkfControlOptions): Promise<string[]> {
  const dir = defaultSkfStateDir(env);
  const all = await listDevices(dir);
  const targets = device === undefined ? all : all.filter((n) => n === device);
  if (targets.length === 0) {
    throw new Error(device === undefined ? 'no SKF device found' : `no SKF device "${device}"`);
  }
  const rows = [['device', 'label', 'present', 'PIN tries', 'sign delay', 'signs']];
  for (const name of targets) {
    const state =
      command.name === 'status'
        ? await readDeviceState(dir, name)
        : await updateDeviceState(dir, name, (s) => applySkfCommand(command, s));
    rows.push(row(name, state));
  }
  return [`state: ${dir}`, table(rows)];
}

export function parseSkfCommandLine(argv: string[]): SkfControlOptions {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { device: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help || positionals.length === 0) throw new Error(USAGE);
  const [name, value, ...extra] = positionals;
  const command = extra.length === 0 ? SkfCommandSchema.safeParse({ name, value }) : undefined;
  if (!command?.success) throw new Error(`bad command: ${positionals.join(' ')}\n${USAGE}`);
  const device = values.device === undefined ? undefined : SkfNameSchema.parse(values.device);
  return { command: command.data, device };
}

if (isMainModule(import.meta.url)) {
  await runControlCommandLine(() => runSkfControl(parseSkfCommandLine(process.argv.slice(2))));
}
