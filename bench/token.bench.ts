// How long a full token scan takes, and how long the main thread is blocked while the
// token signs (PKCS#11 runs in the module host's worker, so it should barely be).
import { SOFTHSM_MODULE } from '../tests/support/softhsm';
import { makeBenchDemo } from './support/demo';
import { NO_GOAL, type BenchResult } from './support/results';
import { probeSigning } from './support/sign-probe';
import { median } from './support/stats';

const SCANS = 20;
const SIGNS = 20;

export async function run(): Promise<BenchResult[]> {
  const demo = await makeBenchDemo();
  try {
    // The demo tokens were made in a child process: this one loads SoftHSM2 for the first
    // time here, with the demo's token store.
    process.env.SOFTHSM2_CONF = demo.manifest.softhsm.conf;
    const key = demo.certificate('legal-rsa');
    const probe = await probeSigning({
      modulePath: SOFTHSM_MODULE,
      tokenLabel: demo.tokenLabelOf('legal-rsa'),
      ckaIdHex: key.ckaIdHex,
      pin: demo.manifest.userPin,
      scans: SCANS,
      signs: SIGNS,
    });
    const what = `${probe.tokensSeen} tokens, ${probe.certificatesSeen} certificates`;
    return [
      {
        name: `token scan, listTokens (SoftHSM2, ${what}), median of ${SCANS}`,
        value: median(probe.scanMs),
        unit: 'ms',
        goal: NO_GOAL,
      },
      {
        name: `token sign RSA-2048 (SoftHSM2), median of ${SIGNS}`,
        value: median(probe.signMs),
        unit: 'ms',
        goal: NO_GOAL,
      },
      {
        name: `main thread blocked during ${SIGNS} signatures (SoftHSM2), longest stall`,
        value: probe.maxGapMs,
        unit: 'ms',
        goal: '≤ 50 ms',
      },
    ];
  } finally {
    await demo.cleanup();
  }
}
