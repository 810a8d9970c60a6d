// Times the token itself through the app's module host (native/pkcs11/module-host.ts): a full
// token scan (listTokens), and signatures with one key while a 1 ms timer watches how long the
// main thread is blocked. Call probeSigning() in a process whose SOFTHSM2_CONF (and UKEY_SIM_*)
// are set and which has not loaded the module yet, or run this file as a probe:
//   node --import tsx bench/support/sign-probe.ts '<json options>'
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { Pkcs11ModuleHost } from '../../native/pkcs11/module-host';
import { watchLoopGaps } from './loop-gap';
import { probeMain } from './probe';

export const signProbeInput = z.object({
  modulePath: z.string().min(1),
  tokenLabel: z.string().min(1),
  ckaIdHex: z.string().regex(/^[0-9a-f]+$/),
  pin: z.string().min(1),
  scans: z.number().int().min(0).max(200),
  signs: z.number().int().min(1).max(200),
});
export type SignProbeInput = z.infer<typeof signProbeInput>;

export const signProbeOutput = z.object({
  scanMs: z.array(z.number()),
  tokensSeen: z.number().int(),
  certificatesSeen: z.number().int(),
  signMs: z.array(z.number()),
  maxGapMs: z.number(),
});
export type SignProbeOutput = z.infer<typeof signProbeOutput>;

// What the login signs, roughly: the purpose string, origin, nonce and a certificate hash.
const DATA = Buffer.from(
  `shebao-desk/login/v1\nhttp://127.0.0.1\n${'n'.repeat(43)}\n${'0'.repeat(64)}`,
);

export async function probeSigning(options: SignProbeInput): Promise<SignProbeOutput> {
  const host = await Pkcs11ModuleHost.open(options.modulePath);
  try {
    const scanMs: number[] = [];
    let tokens = await host.listTokens(); // the first scan also opens the worker's sessions
    for (let i = 0; i < options.scans; i++) {
      const started = performance.now();
      tokens = await host.listTokens();
      scanMs.push(performance.now() - started);
    }
    const initialised = tokens.filter((t) => t.token.tokenInitialized);
    const token = initialised.find((t) => t.token.label === options.tokenLabel);
    if (!token) throw new Error(`token "${options.tokenLabel}" not found`);

    await host.login(token.slotId, options.pin);
    try {
      await host.sign(token.slotId, options.ckaIdHex, DATA); // warm-up: key handle lookup
      const signMs: number[] = [];
      const gaps = watchLoopGaps();
      for (let i = 0; i < options.signs; i++) {
        const started = performance.now();
        await host.sign(token.slotId, options.ckaIdHex, DATA);
        signMs.push(performance.now() - started);
      }
      const maxGapMs = gaps.stop().longestMs;
      return {
        scanMs,
        tokensSeen: initialised.length,
        certificatesSeen: initialised.reduce((n, t) => n + t.certificates.length, 0),
        signMs,
        maxGapMs,
      };
    } finally {
      await host.logout(token.slotId).catch(() => undefined);
    }
  } finally {
    await host.close();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await probeMain(signProbeInput, probeSigning);
}
