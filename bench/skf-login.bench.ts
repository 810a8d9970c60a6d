// The U盾 login round trip with an SM2 key over SKF (skf-sim, signing in 200 ms like a real key):
// challenge + SKF sign + the service's SM2 verify, through the app's own services, median of 20,
// against the token's own signature time. Goal, as for RSA: at most 150 ms above the sign time.
import { join } from 'node:path';
import { updateDeviceState } from '../native/skf-sim/state-file';
import { makeBenchDemo, softHsmSetup, startDemoServer } from './support/demo';
import { loginProbeOutput } from './support/login-probe';
import { runProbe } from './support/probe';
import { loginFigures } from './support/login-figures';
import type { BenchResult } from './support/results';
import { skfSignProbeOutput } from './support/skf-sign-probe';

const LOGINS = 20;
const SIGN_DELAY_MS = 200;

export async function run(): Promise<BenchResult[]> {
  const demo = await makeBenchDemo();
  try {
    const skf = demo.manifest.skf;
    if (!skf) throw new Error('the demo set has no SKF U盾: skf-sim could not be built');
    await updateDeviceState(skf.stateDir, skf.device, (s) => ({
      ...s,
      signDelayMs: SIGN_DELAY_MS,
    }));
    const serverUrl = await startDemoServer(demo);
    const env = { ...softHsmSetup(demo).env, SKF_SIM_STATE: skf.stateDir };
    const direct = await runProbe(
      'bench/support/skf-sign-probe.ts',
      { library: skf.library, serial: skf.serialNumber, keyRef: skf.keyRef, pin: demo.manifest.userPin, signs: LOGINS },
      env,
      skfSignProbeOutput,
    ); // prettier-ignore
    const logins = await runProbe(
      'bench/support/login-probe.ts',
      {
        serverUrl,
        dataDir: join(demo.dir, 'app-skf'),
        modulePath: softHsmSetup(demo).modulePath,
        skfModulePath: skf.library,
        certSha256: skf.sha256,
        pin: demo.manifest.userPin,
        logins: LOGINS,
      },
      env,
      loginProbeOutput,
    );
    const variant = `SM2 over SKF, skf-sim, ${SIGN_DELAY_MS} ms sign`;
    return loginFigures(variant, logins, direct.signMs, { tokenShare: false });
  } finally {
    await demo.cleanup();
  }
}
