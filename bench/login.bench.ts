// The U盾 login round trip (challenge + token sign + verify) through the app's own
// services against the reference server on loopback, median of 20, with the share spent in the
// token. Once on SoftHSM2 (a token that signs in about a millisecond) and once through the
// U-Key simulator signing in 200 ms like a real key, with an RSA and with an SM2 key. Goal: the
// round trip is at most 150 ms more than the token's own signature.
import { join } from 'node:path';
import {
  makeBenchDemo,
  softHsmSetup,
  startDemoServer,
  ukeySimSetup,
  type BenchDemo,
  type TokenSetup,
} from './support/demo';
import { loginProbeOutput } from './support/login-probe';
import { runProbe } from './support/probe';
import { loginFigures } from './support/login-figures';
import type { BenchResult } from './support/results';
import { signProbeOutput } from './support/sign-probe';

const LOGINS = 20;
const SIM_SIGN_DELAY_MS = 200;

async function measure(
  demo: BenchDemo,
  serverUrl: string,
  variant: string,
  setup: TokenSetup,
  scenario: 'legal-rsa' | 'agent-sm2' = 'legal-rsa',
): Promise<BenchResult[]> {
  const key = demo.certificate(scenario);
  // The token's own signature, straight through the module host, in a fresh process.
  const direct = await runProbe(
    'bench/support/sign-probe.ts',
    {
      modulePath: setup.modulePath,
      tokenLabel: demo.tokenLabelOf(scenario),
      ckaIdHex: key.ckaIdHex,
      pin: demo.manifest.userPin,
      scans: 0,
      signs: LOGINS,
    },
    setup.env,
    signProbeOutput,
  );
  const logins = await runProbe(
    'bench/support/login-probe.ts',
    {
      serverUrl,
      dataDir: join(demo.dir, `app-${variant.replace(/\W+/g, '-')}`),
      modulePath: setup.modulePath,
      certSha256: key.sha256,
      pin: demo.manifest.userPin,
      logins: LOGINS,
    },
    setup.env,
    loginProbeOutput,
  );
  return loginFigures(variant, logins, direct.signMs, { tokenShare: true });
}

export async function run(): Promise<BenchResult[]> {
  const demo = await makeBenchDemo();
  try {
    const serverUrl = await startDemoServer(demo);
    const softhsm = await measure(demo, serverUrl, 'SoftHSM2', softHsmSetup(demo));
    const sim = await measure(
      demo,
      serverUrl,
      `ukey-sim, ${SIM_SIGN_DELAY_MS} ms sign`,
      await ukeySimSetup(demo, SIM_SIGN_DELAY_MS),
    );
    const sm2 = await measure(
      demo,
      serverUrl,
      `SM2 key in ukey-sim, ${SIM_SIGN_DELAY_MS} ms sign`,
      await ukeySimSetup(demo, SIM_SIGN_DELAY_MS),
      'agent-sm2',
    );
    return [...softhsm, ...sim, ...sm2];
  } finally {
    await demo.cleanup();
  }
}
