// The token watch against SoftHSM2: it lists the tokens, sees one plugged in and one pulled
// out while running, reports a module that cannot load by its file name, and stays quiet
// while nothing changes.
//
// "Plugging in" is a token created in this process while the watch runs (SoftHSM2 shares its
// state within a process, so the watch's worker sees the new slot live). "Pulling out" is
// softhsm2-util deleting the token's files from another process. A token made entirely by
// another process is only seen after reload(): SoftHSM2 reads its token directory at
// C_Initialize. Removal from a real reader, PIN counters and slot events are for ukey-sim.
import { execFileSync } from 'node:child_process';
import type pkcs11js from 'pkcs11js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  TokenWatch,
  type TokenWatchState,
  type WatchedModuleState,
} from '../../electron/services/tokens/token-watch';
import { DEMO_SO_PIN, DEMO_USER_PIN, demoPersons, personHolder } from '../../server/demo/demo-data';
import { createTestPki, leafSpec, type TestPki } from '../pki/pki';
import { openPkcs11, provisionToken, type ProvisionedToken } from '../pki/provision-token';
import {
  createSoftHsmDir,
  deleteSoftHsmToken,
  SOFTHSM_MODULE,
  SOFTHSM_UTIL,
  useSoftHsm,
  type SoftHsmDir,
} from '../support/softhsm';

let dir: SoftHsmDir;
let pki: TestPki;
let lib: pkcs11js.PKCS11;
let watch: TokenWatch;
let first: ProvisionedToken;
const events: { at: number; state: TokenWatchState }[] = [];
const missingModule = '/opt/feitian/eps2003csp11.so';

function softhsm(state: TokenWatchState): WatchedModuleState {
  const m = state.modules.find((x) => x.path === SOFTHSM_MODULE);
  if (!m) throw new Error('SoftHSM2 module not in the state');
  return m;
}

const labels = (state: TokenWatchState) =>
  softhsm(state)
    .tokens.map((t) => t.token.label)
    .sort();

/** Resolves with the first change event (after `since`) that satisfies `test`, bounded in time. */
function nextChange(test: (s: TokenWatchState) => boolean, since: number, timeoutMs = 20_000) {
  return new Promise<{ at: number; state: TokenWatchState }>((resolve, reject) => {
    const started = Date.now();
    const check = setInterval(() => {
      const hit = events.find((e) => e.at >= since && test(e.state));
      if (hit) {
        clearInterval(check);
        resolve(hit);
      } else if (Date.now() - started > timeoutMs) {
        clearInterval(check);
        reject(
          new Error(
            `no matching change within ${timeoutMs} ms; last: ${JSON.stringify(events.at(-1)?.state && labels(events.at(-1)!.state))}`,
          ),
        );
      }
    }, 20);
  });
}

beforeAll(async () => {
  dir = createSoftHsmDir();
  useSoftHsm(dir);
  pki = await createTestPki();
  lib = openPkcs11(SOFTHSM_MODULE, { requireFresh: true });
  first = await provisionToken(lib, pki, {
    label: 'ePass3003',
    soPin: DEMO_SO_PIN,
    userPin: DEMO_USER_PIN,
    certificates: [
      {
        label: '张伟',
        alg: 'ec',
        leaf: leafSpec(personHolder(demoPersons.legal)),
      },
    ],
  });
  watch = new TokenWatch({ modules: [SOFTHSM_MODULE, missingModule] });
  watch.on('change', (state) => events.push({ at: Date.now(), state }));
  await watch.start();
});

afterAll(async () => {
  await watch?.stop();
  try {
    lib?.C_Finalize();
  } catch {
    // The watch's C_Finalize already ended the shared SoftHSM2 state.
  }
});

describe('token watch', () => {
  it('lists the token with its certificate and vendor once started', () => {
    const state = watch.current();
    const module = softhsm(state);
    expect(module.vendor).toEqual({ vendor: 'SoftHSM', product: 'SoftHSM2' });
    expect(module.error).toBeUndefined();
    expect(labels(state)).toEqual(['ePass3003']);
    const token = module.tokens[0]!;
    expect(token.token.serialNumber).toBe(first.serialNumber);
    expect(token.certificates.map((c) => c.ckaIdHex)).toEqual([first.certificates[0]!.ckaIdHex]);
    expect(watch.host(SOFTHSM_MODULE)).not.toBeNull();
    expect(events).toHaveLength(1);
  });

  it('reports a module that cannot be loaded by its file name, without stopping the others', () => {
    const broken = watch.current().modules.find((m) => m.path === missingModule);
    expect(broken?.error?.code).toBe('MODULE_NOT_FOUND');
    expect(broken?.error?.message).toContain('eps2003csp11.so');
    expect(broken?.vendor?.product).toBe('ePass2003');
    expect(broken?.tokens).toEqual([]);
  });

  it('stays quiet while nothing changes', async () => {
    const before = events.length;
    await new Promise((r) => setTimeout(r, 1_000));
    expect(events.length).toBe(before);
  });

  // How quickly is measured by `npm run bench` (token insert/remove latency); here, that it happens.
  it('shows a U-Key plugged in while running, with its certificate', async () => {
    const second = await provisionToken(lib, pki, {
      label: 'WatchKey',
      soPin: DEMO_SO_PIN,
      userPin: DEMO_USER_PIN,
      certificates: [
        {
          label: '李娜',
          alg: 'ec',
          leaf: leafSpec(personHolder(demoPersons.agent)),
        },
      ],
    });
    const hit = await nextChange((s) => {
      const t = softhsm(s).tokens.find((x) => x.token.label === 'WatchKey');
      return t?.certificates[0]?.ckaIdHex === second.certificates[0]!.ckaIdHex;
    }, 0);
    expect(labels(hit.state)).toEqual(['WatchKey', 'ePass3003']);
  });

  it('drops a U-Key that is pulled out', async () => {
    const since = Date.now();
    deleteSoftHsmToken(dir, 'WatchKey');
    const hit = await nextChange((s) => !labels(s).includes('WatchKey'), since);
    expect(labels(hit.state)).toEqual(['ePass3003']);
  });

  it('sees a token made by another process after a reload of the module', async () => {
    execFileSync(
      SOFTHSM_UTIL,
      [
        '--init-token',
        '--free',
        '--label',
        'mToken GM3000',
        '--so-pin',
        DEMO_SO_PIN,
        '--pin',
        DEMO_USER_PIN,
      ],
      { env: { ...process.env, ...dir.env }, stdio: 'pipe', timeout: 10_000 },
    );
    const since = Date.now();
    await watch.reload(SOFTHSM_MODULE);
    const hit = await nextChange((s) => labels(s).includes('mToken GM3000'), since);
    expect(labels(hit.state)).toEqual(['ePass3003', 'mToken GM3000']);
  });

  it('keeps watching after the module worker crashes', async () => {
    await watch.host(SOFTHSM_MODULE)!.simulateCrash();
    // Pulling a token out after the crash is only noticed if polling came back by itself.
    const since = Date.now();
    deleteSoftHsmToken(dir, 'mToken GM3000');
    const hit = await nextChange(
      (s) => !labels(s).includes('mToken GM3000') && !softhsm(s).error,
      since,
    );
    expect(hit.at - since).toBeLessThan(3_000);
    expect(labels(watch.current())).toEqual(['ePass3003']);
  });
});
