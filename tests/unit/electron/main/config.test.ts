// Settings from <userData>/config.json: a missing or broken file never stops the app, bad fields
// fall back to their defaults, and warnings never repeat what the file said.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig, PLACEHOLDER_SERVER_URL } from '../../../../electron/main/config';

let dir: string;
let warnings: string[];
const log = { warn: (message: string) => warnings.push(message) };

function load(env: Record<string, string> = {}, isPackaged = true) {
  return loadConfig(dir, { env, version: '1.2.3', isPackaged, log });
}

function writeConfig(text: string): void {
  writeFileSync(join(dir, 'config.json'), text);
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'shebao-config-'));
  warnings = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('config defaults', () => {
  it('without a file uses the placeholder server, no extra modules and no demo certificate', () => {
    expect(load()).toEqual({
      serverUrl: PLACEHOLDER_SERVER_URL,
      dataDir: dir,
      // Not packaged under plain Node (no process.resourcesPath): the repository's resources/.
      resourcesDir: expect.stringMatching(/resources$/),
      extraModules: [],
      extraSkfModules: [],
      scanRegistry: true,
      demoSoftCert: null,
      mode: 'electron',
      testMode: false,
      version: '1.2.3',
      it: {
        updateUrl: null,
        pinnedVersion: null,
        proxy: 'system',
        skfModules: [],
        lockedFields: [],
        machineConfigPath: '',
      },
    });
    expect(warnings).toEqual([]);
  });

  it('takes the demo server and demo certificate from the environment when not installed', () => {
    const config = load(
      {
        SHEBAO_SERVER_URL: 'http://127.0.0.1:8443/',
        SHEBAO_DEMO_P12: '/tmp/demo/演示软证书.p12',
      },
      false,
    );
    expect(config.serverUrl).toBe('http://127.0.0.1:8443');
    expect(config.demoSoftCert).toEqual({ path: '/tmp/demo/演示软证书.p12' });
  });

  it('ignores an environment server URL that is not http(s)', () => {
    expect(load({ SHEBAO_SERVER_URL: 'file:///etc/passwd' }, false).serverUrl).toBe(
      PLACEHOLDER_SERVER_URL,
    );
    expect(warnings).toHaveLength(1);
  });

  it('an installed build ignores environment overrides of the server and the demo certificate', () => {
    const config = load({
      SHEBAO_SERVER_URL: 'https://attacker.example',
      SHEBAO_DEMO_P12: '/tmp/demo/演示软证书.p12',
    });
    expect(config.serverUrl).toBe(PLACEHOLDER_SERVER_URL);
    expect(config.demoSoftCert).toBeNull();
  });

  it('switches test hooks on only in an unpackaged build', () => {
    expect(load({ SHEBAO_TEST_MODE: '1' }, false).testMode).toBe(true);
    expect(load({ SHEBAO_TEST_MODE: '1' }, true).testMode).toBe(false);
  });
});

describe('config file', () => {
  it('overrides the environment and, when not installed, accepts Windows module paths', () => {
    writeConfig(
      JSON.stringify({
        serverUrl: 'https://si.example.cn',
        extraModules: [
          'C:\\Windows\\System32\\eps2003csp11.dll',
          '/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so',
        ],
        demoSoftCert: null,
        scanRegistry: false,
      }),
    );
    const config = load(
      {
        SHEBAO_SERVER_URL: 'http://127.0.0.1:8443',
        SHEBAO_DEMO_P12: '/tmp/d.p12',
      },
      false,
    );
    expect(config).toMatchObject({
      serverUrl: 'https://si.example.cn',
      extraModules: [
        'C:\\Windows\\System32\\eps2003csp11.dll',
        '/usr/lib/x86_64-linux-gnu/opensc-pkcs11.so',
      ],
      demoSoftCert: null,
      scanRegistry: false,
    });
    expect(warnings).toEqual([]);
  });

  it('ignores keys it does not know, without complaint', () => {
    writeConfig(
      JSON.stringify({ serverUrl: 'https://si.example.cn', theme: 'dark', future: { a: 1 } }),
    );
    expect(load().serverUrl).toBe('https://si.example.cn');
    expect(warnings).toEqual([]);
  });

  it('reads a file saved by Notepad with a byte-order mark', () => {
    writeConfig('\uFEFF{"serverUrl":"https://si.example.cn"}');
    expect(load().serverUrl).toBe('https://si.example.cn');
  });

  it('falls back to defaults on broken JSON, and the warning does not repeat the file', () => {
    writeConfig('{ "serverUrl": "https://si.example.cn", "pin": "731946", ');
    const config = load();
    expect(config.serverUrl).toBe(PLACEHOLDER_SERVER_URL);
    expect(config.extraModules).toEqual([]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('config.json');
    expect(warnings[0]).not.toContain('731946');
  });

  it('falls back to defaults when the file holds something other than an object', () => {
    for (const text of ['[]', 'null', '"https://si.example.cn"', '42']) {
      warnings = [];
      writeConfig(text);
      expect(load().serverUrl, text).toBe(PLACEHOLDER_SERVER_URL);
      expect(warnings, text).toHaveLength(1);
    }
  });

  it('replaces only the fields of the wrong type and keeps the good ones', () => {
    writeConfig(
      JSON.stringify({
        serverUrl: 42,
        extraModules: 'C:\\Vendor\\p11.dll',
        demoSoftCert: '/opt/shebao/demo.p12',
        scanRegistry: 'yes',
      }),
    );
    const config = load({ SHEBAO_SERVER_URL: 'http://127.0.0.1:8443' }, false);
    expect(config.serverUrl).toBe('http://127.0.0.1:8443');
    expect(config.extraModules).toEqual([]);
    expect(config.scanRegistry).toBe(true);
    expect(config.demoSoftCert).toEqual({ path: '/opt/shebao/demo.p12' });
    expect(warnings).toHaveLength(3);
    expect(warnings.join('\n')).toMatch(/"serverUrl"[\s\S]*"extraModules"[\s\S]*"scanRegistry"/);
  });

  it('refuses a relative module path or a non-web server URL', () => {
    writeConfig(
      JSON.stringify({ serverUrl: 'javascript:alert(1)', extraModules: ['eps2003csp11.dll'] }),
    );
    const config = load();
    expect(config.serverUrl).toBe(PLACEHOLDER_SERVER_URL);
    expect(config.extraModules).toEqual([]);
    expect(warnings).toHaveLength(2);
  });

  it('carries on with defaults when config.json cannot be read', () => {
    mkdirSync(join(dir, 'config.json'));
    expect(load().serverUrl).toBe(PLACEHOLDER_SERVER_URL);
    expect(warnings).toHaveLength(1);
  });

  it('an installed build refuses a plain-http server other than this PC, and keeps https', () => {
    writeConfig(JSON.stringify({ serverUrl: 'http://si.example.gov.cn' }));
    expect(load().serverUrl).toBe(PLACEHOLDER_SERVER_URL);
    expect(warnings.join('\n')).toMatch(/must be https/);
    writeConfig(JSON.stringify({ serverUrl: 'https://si.example.gov.cn/' }));
    expect(load().serverUrl).toBe('https://si.example.gov.cn');
  });
});
