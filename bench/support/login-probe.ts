// Logs in and out N times through the app's own services (createAppServices: AuthService,
// TokenService, Pkcs11DeviceSource, the module host's worker) against a running reference
// server, as the renderer would call them. Times each round trip and, from the login's own
// progress events, the part spent at the token; a 1 ms timer notes the longest main-thread stall.
//   node --import tsx bench/support/login-probe.ts '<json options>'   (SOFTHSM2_CONF etc. set)
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { LoginStage } from '../../electron/contract/views';
import { createAppServices } from '../../electron/services/app-services';
import type { AppServices, CallContext } from '../../electron/services/app-services-types';
import { longestGapWithin, watchLoopGaps } from './loop-gap';
import { probeMain } from './probe';

export const loginProbeInput = z.object({
  serverUrl: z.url(),
  dataDir: z.string().min(1),
  modulePath: z.string().min(1),
  /** An SKF library to load beside the PKCS#11 module. */
  skfModulePath: z.string().min(1).optional(),
  certSha256: z.string().regex(/^[0-9a-f]{64}$/),
  pin: z.string().min(1),
  logins: z.number().int().min(1).max(100),
});
export type LoginProbeInput = z.infer<typeof loginProbeInput>;

export const loginProbeOutput = z.object({
  roundTripMs: z.array(z.number()),
  /** From the 'signing' to the 'verifying' progress event: C_Login and C_Sign as the app sees them. */
  tokenStageMs: z.array(z.number()),
  /** Longest main-thread stall over all the logins and logouts. */
  maxGapMs: z.number(),
  /** Longest stall that overlaps the token stage (while the token logs in and signs). */
  maxGapDuringTokenMs: z.number(),
});
export type LoginProbeOutput = z.infer<typeof loginProbeOutput>;

const ctx: CallContext = { transport: 'browser' };
const FIND_TIMEOUT_MS = 20_000;

async function call(services: AppServices, method: string, payload: unknown): Promise<unknown> {
  const result = await services.call(method, payload, ctx);
  if (!result.ok) throw new Error(`${method} failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

/** The token watch lists tokens in the background; wait (bounded) until the certificate shows. */
async function certificateId(services: AppServices, sha256: string): Promise<string> {
  const deadline = Date.now() + FIND_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const snapshot = await services.handlers['tokens.snapshot']({}, ctx);
    const found = snapshot.tokens.flatMap((t) => t.certificates).find((c) => c.sha256 === sha256);
    if (found) return found.id;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`certificate ${sha256.slice(0, 12)}… not listed within ${FIND_TIMEOUT_MS} ms`);
}

export async function probeLogins(options: LoginProbeInput): Promise<LoginProbeOutput> {
  const services = await createAppServices({
    serverUrl: options.serverUrl,
    dataDir: options.dataDir,
    extraModules: [options.modulePath],
    extraSkfModules: options.skfModulePath ? [options.skfModulePath] : [],
    resourcesDir: fileURLToPath(new URL('../../resources', import.meta.url)),
    scanRegistry: false,
    demoSoftCert: null,
    mode: 'browser',
    testMode: false,
    version: 'bench',
  });
  try {
    const stages = new Map<LoginStage, number>();
    services.onEvent((name, payload) => {
      if (name === 'auth.progress') {
        const { stage } = payload as { stage: LoginStage };
        stages.set(stage, performance.now());
      }
    });
    const id = await certificateId(services, options.certSha256);
    const login = { certificateId: id, pin: options.pin, confirmedFinalTry: false };

    // One login first, not counted: the first one pays for the connection and the JIT.
    await call(services, 'auth.login', login);
    await call(services, 'auth.logout', {});

    const roundTripMs: number[] = [];
    const tokenStageMs: number[] = [];
    const tokenWindows: { from: number; to: number }[] = [];
    const gaps = watchLoopGaps();
    for (let i = 0; i < options.logins; i++) {
      stages.clear();
      const started = performance.now();
      await call(services, 'auth.login', login);
      roundTripMs.push(performance.now() - started);
      const signing = stages.get('signing');
      const verifying = stages.get('verifying');
      if (signing === undefined || verifying === undefined)
        throw new Error('the login reported no signing/verifying progress');
      tokenStageMs.push(verifying - signing);
      tokenWindows.push({ from: signing, to: verifying });
      await call(services, 'auth.logout', {});
    }
    const { longestMs, gaps: stalls } = gaps.stop();
    return {
      roundTripMs,
      tokenStageMs,
      maxGapMs: longestMs,
      maxGapDuringTokenMs: longestGapWithin(stalls, tokenWindows),
    };
  } finally {
    await services.dispose();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await probeMain(loginProbeInput, probeLogins);
}
