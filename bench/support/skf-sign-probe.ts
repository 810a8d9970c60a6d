// The SKF token's own SM2 signature, straight through the SKF host and its worker (no service,
// no login flow): verify the PIN once, then time N signatures.
//   node --import tsx bench/support/skf-sign-probe.ts '<json options>'   (SKF_SIM_STATE set)
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { SkfHost } from '../../native/skf/skf-host';
import { probeMain } from './probe';

export const skfSignProbeInput = z.object({
  library: z.string().min(1),
  serial: z.string().min(1),
  keyRef: z.string().min(1),
  pin: z.string().min(1),
  signs: z.number().int().min(1).max(100),
});

export const skfSignProbeOutput = z.object({ signMs: z.array(z.number()) });

async function probeSigns(options: z.output<typeof skfSignProbeInput>) {
  const host = await SkfHost.open(options.library);
  try {
    await host.listDevices();
    await host.login(options.serial, options.pin);
    const data = Buffer.from('login\nbench\n', 'utf8');
    await host.sign(options.serial, options.keyRef, data); // not counted: worker warm-up
    const signMs: number[] = [];
    for (let i = 0; i < options.signs; i++) {
      const started = performance.now();
      await host.sign(options.serial, options.keyRef, data);
      signMs.push(performance.now() - started);
    }
    return { signMs };
  } finally {
    await host.close();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await probeMain(skfSignProbeInput, probeSigns);
}
