// The trust rules with the real services: a U-Key simulator in front of SoftHSM2, the reference
// server in a child process. While the session is locked (U盾 pulled out) the services refuse
// every call that reaches the person's data; an import bomb is refused within 5 s while the
// token watch keeps answering; login, lock, unlock and logout are in the person's audit log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppServices } from '../../electron/services/app-services-types';
import type { CallResult } from '../../electron/contract/api';
import type { SessionView, TokenSnapshot } from '../../electron/contract/views';
import { simControl } from '../support/ukey-sim';
import { xlsxWith } from '../support/xlsx-bomb';
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
const ctx = { transport: 'browser' as const };

const call = (method: string, input: unknown): Promise<CallResult> =>
  services.call(method, input, ctx);

function lastSnapshot(): TokenSnapshot | null {
  return lastTokenSnapshot(events) ?? null;
}

function lastSession(): SessionView | null | undefined {
  const found = [...events].reverse().find((e) => e.name === 'session.changed');
  return found ? (found.payload as SessionView | null) : undefined;
}

async function until<T>(probe: () => T | undefined | null | false, ms = 10_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() - started > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

const legal = () =>
  manifest.tokens.flatMap((t) => t.certificates).find((c) => c.scenario === 'legal-rsa')!;

function certificateId(sha256: string): string {
  const cert = lastSnapshot()
    ?.tokens.flatMap((t) => t.certificates)
    .find((c) => c.sha256 === sha256);
  if (!cert) throw new Error(`certificate ${sha256} not shown`);
  return cert.id;
}

beforeAll(async () => {
  sim = await startSimServices({ dataDirPrefix: 'shebao-trust-' });
  ({ services, manifest, simEnv, simState, events } = sim);
  await until(() => (lastSnapshot()?.tokens.length ?? 0) >= 4);
  const login = await call('auth.login', {
    certificateId: certificateId(legal().sha256),
    pin: manifest.userPin,
    confirmedFinalTry: false,
  });
  if (!login.ok) throw new Error(`login failed: ${login.error.code}`);
  const session = login.value as SessionView;
  const chosen = await call('auth.chooseUnit', { unitNo: session.units[0]!.unitNo });
  if (!chosen.ok) throw new Error(`choose unit failed: ${chosen.error.code}`);
}, 180_000);

afterAll(async () => {
  await sim?.close();
});

function unitNo(): string {
  return (lastSession() as SessionView).currentUnit!.unitNo;
}

describe('an import bomb', () => {
  it('is refused within 5 s while tokens.snapshot still answers', async () => {
    const created = await call('workspace.create', {
      unitNo: unitNo(),
      kind: 'addition',
      month: '2026-11',
    });
    expect(created.ok).toBe(true);
    const declarationId = (created as { value: { id: string } }).value.id;
    const bomb = xlsxWith({ dimension: 'A1:XFD1048576', rows: 100_000 });
    const started = Date.now();
    const importing = call('workspace.importPreview', {
      declarationId,
      file: { fileName: '增员名单.xlsx', base64: bomb.toString('base64') },
    });
    const snapshot = await call('tokens.snapshot', {});
    expect(snapshot.ok).toBe(true);
    const refused = await importing;
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(refused).toMatchObject({ ok: false, error: { code: 'IMPORT_RANGE_TOO_LARGE' } });
  }, 60_000);
});

describe('a locked session', () => {
  it('refuses workspace, sync, records, audit and backup calls until unlocked', async () => {
    const before = await call('workspace.list', { unitNo: unitNo() });
    expect(before.ok).toBe(true);

    await simControl(simState, ['remove', '--label', 'ePass3003'], simEnv);
    await until(() => lastSession()?.lock);

    const attempts: [string, unknown][] = [
      ['workspace.list', { unitNo: unitNo() }],
      ['workspace.create', { unitNo: unitNo(), kind: 'addition', month: '2026-09' }],
      ['workspace.roster', { unitNo: unitNo(), query: '', offset: 0, limit: 10 }],
      ['sync.now', {}],
      ['sync.status', {}],
      ['records.list', {}],
      ['audit.list', {}],
      ['backup.create', { password: 'a-long-backup-password' }],
    ];
    for (const [method, input] of attempts) {
      const result = await call(method, input);
      expect({ method, result }).toMatchObject({
        method,
        result: { ok: false, error: { code: 'SESSION_LOCKED' } },
      });
    }
    // The token watch and the session itself still answer: the lock screen needs them.
    expect((await call('tokens.snapshot', {})).ok).toBe(true);
    expect(await call('auth.session', {})).toMatchObject({ ok: true, value: { lock: {} } });

    await simControl(simState, ['insert', '--label', 'ePass3003'], simEnv);
    await until(() => lastSnapshot()?.tokens.find((t) => t.label === 'ePass3003'));
    const resumed = await call('auth.resume', {
      certificateId: certificateId(legal().sha256),
      pin: manifest.userPin,
      confirmedFinalTry: false,
    });
    expect(resumed).toMatchObject({ ok: true, value: { lock: null } });
    expect((await call('workspace.list', { unitNo: unitNo() })).ok).toBe(true);
  }, 60_000);

  it('login, lock and unlock are in the audit log, whole', async () => {
    const listed = await call('audit.list', {});
    expect(listed.ok).toBe(true);
    const value = (
      listed as {
        value: {
          entries: { action: string; result: string; person: string }[];
          chain: { ok: boolean };
        };
      }
    ).value;
    expect(value.chain.ok).toBe(true);
    const actions = value.entries.map((e) => `${e.action}:${e.result}`).reverse();
    expect(actions[0]).toBe('login:ok');
    expect(actions.slice(-2)).toEqual(['lock:ok', 'unlock:ok']);
    expect(value.entries[0]!.person).toBe((lastSession() as SessionView).person.name);
  });
});
