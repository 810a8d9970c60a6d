// 导出诊断包: the file a clerk sends to the help desk holds the findings and the recent log, and
// never a PIN, an ID number (身份证号) or a wage — even when something wrote them into the log.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundle } from '../../electron/services/diagnostics/diagnostic-bundle';
import { runDiagnostics } from '../../electron/services/diagnostics/run-diagnostics';
import { pkcs11Probe } from '../../electron/services/diagnostics/pkcs11-probe';
import { writePeDll } from '../support/pe-fixture';

const PIN = '731946';
const ID = '11010519491231002X';
const OLD_ID = '110105491231002';
const WAGE_FEN = 1234567;
const WAGE_YUAN = '12345.67';

let dataDir: string;

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'shebao-bundle-'));
  mkdirSync(join(dataDir, 'logs'));
  const lines = [
    { t: '2026-11-30T01:00:00.000Z', event: 'started', mode: 'electron', version: '0.1.0' },
    { t: '2026-11-30T01:00:01.000Z', event: 'call', method: 'auth.login', ms: 812, ok: true },
    // What a careless log line could hold; none of it may reach the help desk.
    {
      t: '2026-11-30T01:00:02.000Z',
      event: 'debug',
      pin: PIN,
      documentNumber: ID,
      wageFen: WAGE_FEN,
    },
    { t: '2026-11-30T01:00:03.000Z', event: 'import.failed', note: `row 3: ${ID} / ${OLD_ID}` },
    { t: '2026-11-30T01:00:04.000Z', event: 'x', salary: WAGE_YUAN, baseFen: 500000, amount: 1 },
  ];
  writeFileSync(
    join(dataDir, 'logs', 'app.log'),
    `${lines.map((l) => JSON.stringify(l)).join('\n')}\nnot json: 身份证 ${ID}\n`,
  );
  // A real per-user database with personal data in it: the bundle reports on it, never from it.
  mkdirSync(join(dataDir, 'users', 'p1'), { recursive: true });
  const db = new Database(join(dataDir, 'users', 'p1', 'workspace.sqlite'));
  db.exec('CREATE TABLE people (name TEXT, id TEXT, wage INTEGER)');
  db.prepare('INSERT INTO people VALUES (?, ?, ?)').run('张伟', ID, WAGE_FEN);
  db.close();
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('诊断包', () => {
  it('holds the findings and the recent log, and no PIN, ID number or wage', async () => {
    const report = await runDiagnostics({
      serverUrl: 'http://127.0.0.1:9',
      proxy: 'system',
      dataDir,
      appVersion: '0.1.0',
      modules: [{ path: writePeDll(join(dataDir, 'p11_32.dll'), 'x86'), kind: 'pkcs11' }],
      probe: pkcs11Probe,
    });
    const bundle = buildBundle({
      report,
      appVersion: '0.1.0',
      dataDir,
      settings: { serverOrigin: 'http://127.0.0.1:9', password: PIN, lockedFields: [] },
    });
    const file = join(dataDir, bundle.fileName);
    writeFileSync(file, bundle.text);
    expect(bundle.fileName).toMatch(/^社保经办助手-诊断包-\d{14}\.json$/);

    const text = bundle.text;
    for (const secret of [PIN, ID, OLD_ID, String(WAGE_FEN), WAGE_YUAN, '500000']) {
      expect(text, secret).not.toContain(secret);
    }
    // Any 18-digit ID-like run at all.
    expect(text).not.toMatch(/(?<!\d)\d{17}[\dXx](?!\d)/);

    const parsed = JSON.parse(text) as {
      findings: { code: string }[];
      log: unknown[];
      version: string;
    };
    expect(parsed.version).toBe('0.1.0');
    expect(parsed.findings.map((f) => f.code)).toEqual(
      expect.arrayContaining(['MODULE_WRONG_ARCH', 'SERVICE_UNREACHABLE', 'DB_OK', 'VERSIONS']),
    );
    expect(parsed.log).toHaveLength(6);
    expect(text).toContain('auth.login');
    expect(text).toContain('[已隐去]');
  });
});
