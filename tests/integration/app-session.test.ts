// The session rules (lock on removal, resume with the same certificate) at the service level, with the real services: a U-Key simulator
// in front of SoftHSM2 in this process, the reference server in a child process.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../../electron/services/app-services-types';
import type { CallResult } from '../../electron/contract/api';
import type { SessionView, TokenSnapshot } from '../../electron/contract/views';
import { simControl } from '../support/ukey-sim';
import type { DemoManifest } from '../pki/make-demo-tokens';
import {
  lastTokenSnapshot,
  startSimServices,
  type ServiceEvent,
  type SimServices,
} from './sim-services-support';

let sim: SimServices | undefined;
let services: AppServices;
let manifest: DemoManifest;
let simEnv: Record<string, string>;
let simState: string;
let events: ServiceEvent[] = [];
const ctx = { transport: 'ipc' as const };

async function call(method: string, input: unknown): Promise<CallResult> {
  return services.call(method, input, ctx);
}

function lastSnapshot(): TokenSnapshot {
  return (
    lastTokenSnapshot(events) ?? {
      tokens: [],
      moduleErrors: [],
      clock: { skewed: false, offsetMinutes: 0 },
    }
  );
}

function certificateId(sha256: string): string {
  const cert = lastSnapshot()
    .tokens.flatMap((t) => t.certificates)
    .find((c) => c.sha256 === sha256);
  if (!cert) throw new Error(`certificate ${sha256} not shown`);
  return cert.id;
}

async function until<T>(probe: () => T | undefined, ms = 20_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() - started > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

const sha = (scenario: string) =>
  manifest.tokens.flatMap((t) => t.certificates).find((c) => c.scenario === scenario)!.sha256;

beforeAll(async () => {
  // The server runs two hours ahead: the PC's clock is "wrong" and must be called so.
  sim = await startSimServices({
    dataDirPrefix: 'shebao-app-',
    serverArgs: ['--clock-offset-minutes', '120'],
  });
  ({ services, manifest, simEnv, simState, events } = sim);
  await until(() => (lastSnapshot().tokens.length >= 4 ? true : undefined), 10_000);
}, 120_000);

afterAll(async () => {
  await sim?.close();
});

describe('the session and its token', () => {
  it('judges certificates by the service’s clock when the PC clock is off, and says so', async () => {
    const snapshot = await until(
      () => (lastSnapshot().clock.skewed ? lastSnapshot() : undefined),
      10_000,
    );
    expect(snapshot.clock.offsetMinutes).toBeGreaterThanOrEqual(119);
  });

  it('locks when its token is pulled out, and only the same certificate resumes it', async () => {
    const login = await call('auth.login', {
      certificateId: certificateId(sha('legal-rsa')),
      pin: manifest.userPin,
      confirmedFinalTry: false,
    });
    expect(login.ok).toBe(true);
    await simControl(simState, ['remove', '--label', 'ePass3003'], simEnv);
    const locked = await until(() => {
      const e = [...events].reverse().find((x) => x.name === 'session.changed');
      const session = e?.payload as SessionView | null | undefined;
      return session?.lock ? session : undefined;
    });
    expect(locked.lock?.reason).toBe('token-removed');

    const other = await call('auth.resume', {
      certificateId: certificateId(sha('agent-ec')),
      pin: manifest.userPin,
      confirmedFinalTry: false,
    });
    expect(other).toMatchObject({ ok: false, error: { code: 'RESUME_OTHER_CERTIFICATE' } });

    await simControl(simState, ['insert', '--label', 'ePass3003'], simEnv);
    const back = await until(
      () => lastSnapshot().tokens.find((t) => t.label === 'ePass3003'),
      5_000,
    );
    const same = back.certificates.find((c) => c.sha256 === sha('legal-rsa'))!;
    const resumed = await call('auth.resume', {
      certificateId: same.id,
      pin: manifest.userPin,
      confirmedFinalTry: false,
    });
    expect(resumed).toMatchObject({ ok: true, value: { lock: null } });
  });

  it('does not send a PIN to a locked token', async () => {
    await call('auth.logout', {});
    await simControl(simState, ['set-retries', '0', '--label', 'WatchKey'], simEnv);
    const locked = await until(
      () => lastSnapshot().tokens.find((t) => t.label === 'WatchKey' && t.pin.locked),
      5_000,
    );
    const before = (await simControl(simState, ['status', '--label', 'WatchKey'], simEnv)).stdout;
    const result = await call('auth.login', {
      certificateId: locked.certificates[0]!.id,
      pin: manifest.userPin,
      confirmedFinalTry: true,
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'PIN_LOCKED' } });
    const after = (await simControl(simState, ['status', '--label', 'WatchKey'], simEnv)).stdout;
    expect(after).toBe(before);
  });
});
