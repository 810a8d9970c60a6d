// Pulling the U-Key out and putting it back → how long until the login screen shows it,
// with the app in browser mode on the simulated U-Key and Chromium looking at it (goal ≤ 1 s
// each way); and how long the app's main thread is blocked while a 500 ms signature runs.
import { join } from 'node:path';
import { applyCommand } from '../native/ukey-sim/control';
import { listStateSlots, readSlotState, updateSlotState } from '../native/ukey-sim/state-file';
import { openPage } from '../tests/support/browser';
import { startTsx } from '../tests/support/processes';
import { simControl } from '../tests/support/ukey-sim';
import { makeBenchDemo, startDemoServer, ukeySimSetup, type BenchDemo } from './support/demo';
import { watchPresence, waitForPresence } from './support/dom-watch';
import { loginProbeOutput } from './support/login-probe';
import { runProbe } from './support/probe';
import type { BenchResult } from './support/results';
import { max, median } from './support/stats';

const ROUNDS = 10;
/** A change not shown by then is recorded as this long (and the goal is missed). */
const LIMIT_MS = 5_000;
const SLOW_SIGN_MS = 500;
const SLOW_LOGINS = 5;
const MARKS = '__benchTokenMarks';

async function slotOf(stateDir: string, label: string, env: Record<string, string>) {
  // The control command, as a person runs it, names the slot in the state files.
  await simControl(stateDir, ['insert', '--label', label], env);
  for (const slot of await listStateSlots(stateDir)) {
    if ((await readSlotState(stateDir, slot)).label === label) return slot;
  }
  throw new Error(`ukey-sim has no slot for "${label}"`);
}

async function removeInsertLatency(demo: BenchDemo, serverUrl: string) {
  const setup = await ukeySimSetup(demo, 200);
  const stateDir = setup.stateDir!;
  const app = await startTsx(
    'electron/browser/cli.ts',
    [
      '--server',
      serverUrl,
      '--data',
      join(demo.dir, 'app'),
      '--no-registry',
      '--module',
      setup.modulePath,
      '--test-mode',
    ],
    /SHEBAO_BROWSER_READY (\S+)/,
    setup.env,
  );
  demo.track(() => app.stop());
  const browser = await openPage(app.match[1]!);
  demo.track(() => browser.close());
  const { page } = browser;

  const label = demo.tokenLabelOf('agent-ec');
  const selector = `[data-token-label="${label}"]`;
  await page.locator(selector).first().waitFor({ state: 'attached', timeout: 30_000 });
  const slot = await slotOf(stateDir, label, setup.env);
  await watchPresence(page, selector, MARKS);

  const removal: number[] = [];
  const insertion: number[] = [];
  const change = async (name: 'remove' | 'insert', into: number[]) => {
    const started = Date.now();
    await updateSlotState(stateDir, slot, (s) => applyCommand({ name }, s, setup.env));
    const seen = await waitForPresence(page, MARKS, name === 'insert', started, LIMIT_MS);
    into.push(seen === null ? LIMIT_MS : seen - started);
    console.log(`${name}: ${seen === null ? 'not shown' : `${seen - started} ms`}`);
  };
  for (let i = 0; i < ROUNDS; i++) {
    // A varying pause, so the changes do not fall in step with the app's polling.
    await new Promise((r) => setTimeout(r, 300 + ((i * 137) % 400)));
    await change('remove', removal);
    await new Promise((r) => setTimeout(r, 300 + ((i * 251) % 400)));
    await change('insert', insertion);
  }
  return { removal, insertion, setup };
}

export async function run(): Promise<BenchResult[]> {
  const demo = await makeBenchDemo();
  try {
    const serverUrl = await startDemoServer(demo);
    const { removal, insertion } = await removeInsertLatency(demo, serverUrl);

    // The app's services in a Node process of their own, logging in through the simulator
    // whose every signature takes 500 ms; a 1 ms timer notes the longest main-thread stall.
    const slow = await ukeySimSetup(demo, SLOW_SIGN_MS);
    const key = demo.certificate('legal-rsa');
    const logins = await runProbe(
      'bench/support/login-probe.ts',
      {
        serverUrl,
        dataDir: join(demo.dir, 'app-slow-sign'),
        modulePath: slow.modulePath,
        certSha256: key.sha256,
        pin: demo.manifest.userPin,
        logins: SLOW_LOGINS,
      },
      slow.env,
      loginProbeOutput,
    );

    const sim = 'ukey-sim, browser mode';
    return [
      {
        name: `token pulled out → gone from the UI (${sim}), median of ${ROUNDS}`,
        value: median(removal),
        unit: 'ms',
        goal: '≤ 1 s',
      },
      {
        name: `token pulled out → gone from the UI (${sim}), max of ${ROUNDS}`,
        value: max(removal),
        unit: 'ms',
        goal: '≤ 1 s',
      },
      {
        name: `token put back → shown in the UI (${sim}), median of ${ROUNDS}`,
        value: median(insertion),
        unit: 'ms',
        goal: '≤ 1 s',
      },
      {
        name: `token put back → shown in the UI (${sim}), max of ${ROUNDS}`,
        value: max(insertion),
        unit: 'ms',
        goal: '≤ 1 s',
      },
      {
        name: `main thread blocked while a ${SLOW_SIGN_MS} ms sign runs (ukey-sim, ${SLOW_LOGINS} logins), longest stall`,
        value: logins.maxGapDuringTokenMs,
        unit: 'ms',
        goal: '≤ 50 ms',
      },
      {
        name: `main thread blocked during those whole logins and logouts, longest stall`,
        value: logins.maxGapMs,
        unit: 'ms',
        goal: '≤ 50 ms',
      },
    ];
  } finally {
    await demo.cleanup();
  }
}
