// The pieces of the demo world a bench needs, each started for real and stopped after: the demo
// token set (made in a child process, so this process has not loaded SoftHSM2 yet), the
// reference server on loopback, and the simulated U-Key's state directory.
import { rmSync } from 'node:fs';
import { ensureUkeySimBuilt } from '../../native/ukey-sim/build';
import type { DemoCertificate, DemoManifest } from '../../tests/pki/make-demo-tokens';
import { makeDemoDir, startDemoServerProcess } from '../../tests/support/demo-dir';
import { SOFTHSM_MODULE } from '../../tests/support/softhsm';
import { makeSimEnv, makeSimStateDir } from '../../tests/support/ukey-sim';

export interface BenchDemo {
  dir: string;
  manifest: DemoManifest;
  certificate(scenario: DemoCertificate['scenario']): DemoCertificate;
  /** The label of the token holding a certificate. */
  tokenLabelOf(scenario: DemoCertificate['scenario']): string;
  /** Deletes the temp dir and stops what was started through `track`. */
  cleanup(): Promise<void>;
  /** Registers something to stop at cleanup (last registered, first stopped). */
  track(stop: () => Promise<void>): void;
}

export async function makeBenchDemo(): Promise<BenchDemo> {
  const { dir, manifest } = await makeDemoDir();
  const stops: (() => Promise<void>)[] = [];
  const find = (scenario: DemoCertificate['scenario']) => {
    for (const token of manifest.tokens) {
      const found = token.certificates.find((c) => c.scenario === scenario);
      if (found) return { token, certificate: found };
    }
    throw new Error(`no demo certificate for ${scenario}`);
  };
  return {
    dir,
    manifest,
    certificate: (scenario) => find(scenario).certificate,
    tokenLabelOf: (scenario) => find(scenario).token.label,
    track: (stop) => stops.push(stop),
    async cleanup() {
      for (const stop of stops.reverse()) await stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The reference server with the demo seed, trusting the demo PKI, `args` added; its base URL. */
export async function startDemoServer(
  demo: BenchDemo,
  args: readonly string[] = [],
): Promise<string> {
  const server = await startDemoServerProcess(demo.dir, demo.manifest, { args });
  demo.track(() => server.stop());
  return server.match[1]!;
}

export interface TokenSetup {
  /** What the app or probe is told to load. */
  modulePath: string;
  /** Environment for the process that loads it. */
  env: Record<string, string>;
  /** For the sim only: where its state lives. */
  stateDir?: string;
}

export function softHsmSetup(demo: BenchDemo): TokenSetup {
  return { modulePath: SOFTHSM_MODULE, env: { SOFTHSM2_CONF: demo.manifest.softhsm.conf } };
}

/** The simulated U-Key in front of the demo's SoftHSM2 tokens, signing as slowly as asked. */
export async function ukeySimSetup(demo: BenchDemo, signDelayMs: number): Promise<TokenSetup> {
  const modulePath = await ensureUkeySimBuilt();
  const stateDir = makeSimStateDir();
  demo.track(async () => rmSync(stateDir, { recursive: true, force: true }));
  return {
    modulePath,
    stateDir,
    env: {
      SOFTHSM2_CONF: demo.manifest.softhsm.conf,
      UKEY_SIM_BACKEND: SOFTHSM_MODULE,
      ...makeSimEnv({ stateDir, delayMs: signDelayMs }),
      // The 国密 U盾's SM2 keys, which the simulator holds itself.
      ...(demo.manifest.ukeySim ? { UKEY_SIM_KEYS: demo.manifest.ukeySim.keysDir } : {}),
    },
  };
}
