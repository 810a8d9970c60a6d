// `npm run doctor -- --json`: what the help desk gets from a PC, run as IT would run it, against
// generated driver files, the demo U盾 set (SoftHSM2) and the reference server on loopback.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { DemoManifest } from '../pki/make-demo-tokens';
import { makeDemoDir, startDemoServerProcess } from '../support/demo-dir';
import { writePeDll } from '../support/pe-fixture';
import { repoRoot, type Started } from '../support/processes';

const reportSchema = z.object({
  findings: z.array(
    z
      .object({
        code: z.string(),
        severity: z.enum(['ok', 'warning', 'error']),
        message: z.string(),
        action: z.string(),
      })
      .strict(),
  ),
});
type Report = z.infer<typeof reportSchema>;

let work: string;
let demo: { dir: string; manifest: DemoManifest };
const servers: Started[] = [];

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'shebao-doctor-'));
  demo = await makeDemoDir();
}, 180_000);
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  rmSync(work, { recursive: true, force: true });
  rmSync(demo.dir, { recursive: true, force: true });
});

function doctor(
  config: object,
  env: Record<string, string> = {},
): Promise<{ code: number; report: Report }> {
  const file = join(work, `config-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(config));
  return new Promise((resolvePromise, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'scripts/doctor.ts',
        '--json',
        '--config',
        file,
        '--data',
        join(work, 'data'),
      ],
      { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      try {
        resolvePromise({ code: code ?? -1, report: reportSchema.parse(JSON.parse(out)) });
      } catch (error) {
        reject(new Error(`doctor printed no report (${code}): ${String(error)}\n${out}\n${err}`));
      }
    });
  });
}

/** The demo U盾 set through SoftHSM2, against `serverUrl`. */
const withDemoTokens = (serverUrl: string) =>
  doctor(
    { serverUrl, extraModules: [demo.manifest.softhsm.module], scanRegistry: false },
    { SOFTHSM2_CONF: demo.manifest.softhsm.conf },
  );

const codes = (report: Report) => report.findings.map((f) => f.code);
const byCode = (report: Report, code: string) => report.findings.filter((f) => f.code === code);

/** HH:MM of a Beijing-time minute of day. */
const hhmm = (minute: number) => {
  const m = ((minute % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
};

describe('npm run doctor -- --json', () => {
  it('names a 32-bit DLL in the 64-bit app and a driver file that is not there', async () => {
    const dll32 = writePeDll(join(work, 'WatchSafe32.dll'), 'x86');
    const missing = join(work, 'Program Files', 'Vendor', 'p11.dll');
    const { code, report } = await doctor({
      serverUrl: 'http://127.0.0.1:9',
      extraModules: [dll32, missing],
      scanRegistry: false,
    });
    expect(code).toBe(1);
    const wrongArch = byCode(report, 'MODULE_WRONG_ARCH');
    expect(wrongArch).toHaveLength(1);
    expect(wrongArch[0]).toMatchObject({ severity: 'error' });
    expect(wrongArch[0]!.message).toContain('WatchSafe32.dll');
    expect(wrongArch[0]!.message).toContain('32位');
    const missingFinding = byCode(report, 'MODULE_MISSING');
    expect(missingFinding).toHaveLength(1);
    expect(missingFinding[0]!.message).toContain('p11.dll');
    expect(missingFinding[0]!.action).toMatch(/驱动/);
    expect(codes(report)).toContain('SERVICE_UNREACHABLE');
    for (const f of report.findings) expect(f.message.length, f.code).toBeGreaterThan(0);
  });

  it('with the demo U盾 set and a healthy service, reports the drivers and tokens ok', async () => {
    // A window three hours from now: not on, but named as the next one.
    const beijing = new Date(Date.now() + 8 * 3600_000);
    const minute = beijing.getUTCHours() * 60 + beijing.getUTCMinutes();
    const server = await startDemoServerProcess(demo.dir, demo.manifest, {
      args: ['--maintenance-window', `${hhmm(minute + 180)}-${hhmm(minute + 240)}`],
    });
    servers.push(server);
    const { report } = await withDemoTokens(server.match[1]!);
    expect(byCode(report, 'MODULE_OK')).toHaveLength(1);
    expect(byCode(report, 'MODULE_OK')[0]!.severity).toBe('ok');
    expect(byCode(report, 'TOKEN_OK').length).toBeGreaterThan(0);
    expect(byCode(report, 'CERT_OK').length).toBeGreaterThan(0);
    // The demo set holds one certificate 10 days from its end and one already expired.
    expect(byCode(report, 'CERT_EXPIRING')[0]).toMatchObject({ severity: 'warning' });
    expect(byCode(report, 'CERT_EXPIRING')[0]!.action).toMatch(/CA机构/);
    expect(byCode(report, 'CERT_EXPIRED')[0]).toMatchObject({ severity: 'error' });
    expect(codes(report)).toEqual(
      expect.arrayContaining(['SERVICE_OK', 'MAINTENANCE_NONE', 'CLOCK_OK', 'VERSIONS']),
    );
    expect(codes(report)).not.toContain('CLOCK_SKEW');
    const none = byCode(report, 'MAINTENANCE_NONE');
    expect(none[0]!.message).toMatch(
      new RegExp(`下次维护：.*${hhmm(minute + 180)}至.*${hhmm(minute + 240)}`),
    );
    expect(codes(report)).not.toContain('MODULE_WRONG_ARCH');
  }, 120_000);

  it('warns about a PC clock off from the service, and says until when maintenance lasts', async () => {
    const offsetMinutes = -90;
    // The service's Beijing time now, and a maintenance window an hour either side of it.
    const serviceNow = new Date(Date.now() + offsetMinutes * 60_000 + 8 * 3600_000);
    const minute = serviceNow.getUTCHours() * 60 + serviceNow.getUTCMinutes();
    const window = `${hhmm(minute - 60)}-${hhmm(minute + 60)}`;
    const server = await startDemoServerProcess(demo.dir, demo.manifest, {
      args: [`--clock-offset-minutes=${offsetMinutes}`, '--maintenance-window', window],
    });
    servers.push(server);
    const { report } = await withDemoTokens(server.match[1]!);
    const clock = byCode(report, 'CLOCK_SKEW');
    expect(clock).toHaveLength(1);
    expect(clock[0]).toMatchObject({ severity: 'warning' });
    expect(clock[0]!.message).toMatch(/快约90分钟/);
    const maintenance = byCode(report, 'MAINTENANCE');
    expect(maintenance).toHaveLength(1);
    expect(maintenance[0]!.message).toContain(hhmm(minute + 60));
    expect(maintenance[0]!.action).toMatch(/22:00/);
  }, 120_000);
});
