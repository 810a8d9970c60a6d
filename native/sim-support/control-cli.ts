// What the simulators' control commands share: the commands every simulated key understands,
// the aligned table they print, and running as a command line.
import { z } from 'zod';

export const countSchema = z.coerce.number().int().min(0).max(1_000_000);

/** Commands for removal, the PIN counter and the signing delay, understood by every simulator. */
export const commonCommandSchemas = [
  z.object({ name: z.literal('status') }),
  z.object({ name: z.literal('remove') }),
  z.object({ name: z.literal('insert') }),
  z.object({ name: z.literal('unlock') }),
  z.object({ name: z.literal('set-retries'), value: countSchema }),
  z.object({ name: z.literal('set-delay'), value: countSchema }),
] as const;
export type CommonCommand = z.infer<(typeof commonCommandSchemas)[number]>;

/** The state fields the common commands change, as both simulators keep them. */
interface CommonSimState {
  present: boolean;
  removals: number;
  retriesLeft?: number;
  maxRetries?: number;
  signDelayMs?: number;
}

/** What a common command does to one key's state; `maxRetries` is the key's current limit. */
export function applyCommonCommand<S extends CommonSimState>(
  command: CommonCommand,
  s: S,
  maxRetries: number,
): S {
  switch (command.name) {
    case 'status':
      return s;
    case 'remove':
      return s.present ? { ...s, present: false, removals: s.removals + 1 } : s;
    case 'insert':
      return { ...s, present: true };
    case 'unlock':
      return { ...s, retriesLeft: undefined };
    case 'set-retries':
      return { ...s, retriesLeft: command.value, maxRetries: Math.max(maxRetries, command.value) };
    case 'set-delay':
      return { ...s, signDelayMs: command.value };
  }
}

/** Rows as aligned columns, as the control commands print them. */
export function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** Runs a control command from the command line: prints its lines, or the error and exit 1. */
export async function runControlCommandLine(control: () => Promise<string[]>): Promise<void> {
  try {
    const lines = await control();
    console.log(lines.join('\n'));
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}
