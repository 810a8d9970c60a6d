// IT's machine-wide configuration (ProgramData file and Group Policy key) against the user's own
// file: IT's fields win, an installed build takes driver paths only from IT, and every rejected
// field is named in the log.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  loadConfig,
  machineConfigDir,
  readMachineSources,
  type MachineSources,
} from '../../electron/main/config';
import { parseRegQuery } from '../../electron/main/registry-policy';

let userDir: string;
let machineDir: string;
let warnings: string[];
const log = { warn: (message: string) => warnings.push(message) };

beforeEach(() => {
  userDir = mkdtempSync(join(tmpdir(), 'shebao-user-'));
  machineDir = mkdtempSync(join(tmpdir(), 'shebao-machine-'));
  warnings = [];
});
afterEach(() => {
  rmSync(userDir, { recursive: true, force: true });
  rmSync(machineDir, { recursive: true, force: true });
});

function writeUser(settings: unknown): void {
  writeFileSync(join(userDir, 'config.json'), JSON.stringify(settings));
}
function writeMachine(settings: unknown): void {
  writeFileSync(join(machineDir, 'config.json'), JSON.stringify(settings));
}

function load(options: {
  registryText?: string;
  env?: Record<string, string>;
  packaged?: boolean;
}) {
  const machine: MachineSources = {
    ...readMachineSources(machineDir, log),
    registryText: options.registryText ?? null,
  };
  return loadConfig(userDir, {
    env: options.env ?? {},
    version: '1.2.3',
    isPackaged: options.packaged ?? true,
    log,
    machine,
  });
}

// What `reg query "HKLM\Software\Policies\Shebao Desk"` prints on Windows.
const REG_OUTPUT = [
  '',
  'HKEY_LOCAL_MACHINE\\Software\\Policies\\Shebao Desk',
  '    serverUrl    REG_SZ    https://si.policy.example.cn/',
  '    extraModules    REG_MULTI_SZ    C:\\Windows\\System32\\eps2003csp11.dll\\0D:\\驱动\\WatchSafe.dll',
  '    scanRegistry    REG_DWORD    0x0',
  '    pinnedVersion    REG_SZ    1.4.2',
  '    proxy    REG_SZ    http://proxy.corp.example:8080',
  '',
].join('\r\n');

describe('machine-wide configuration', () => {
  it('wins over the user file for the service URL, vendor modules, update URL and proxy', () => {
    writeMachine({
      serverUrl: 'https://si.example.gov.cn',
      extraModules: ['C:\\Windows\\System32\\eps2003csp11.dll'],
      updateUrl: 'https://updates.corp.example/shebao/',
      proxy: 'http://proxy.corp.example:8080',
    });
    writeUser({
      serverUrl: 'https://attacker.example',
      extraModules: ['C:\\Users\\clerk\\evil.dll'],
      updateUrl: 'https://attacker.example/updates',
      proxy: 'direct',
    });
    const config = load({});
    expect(config.serverUrl).toBe('https://si.example.gov.cn');
    expect(config.extraModules).toEqual(['C:\\Windows\\System32\\eps2003csp11.dll']);
    expect(config.it?.updateUrl).toBe('https://updates.corp.example/shebao');
    expect(config.it?.proxy).toBe('http://proxy.corp.example:8080');
    expect(config.it?.lockedFields).toEqual(['extraModules', 'proxy', 'serverUrl', 'updateUrl']);
    // Each overridden user field is named, once, with the user's file.
    for (const field of ['serverUrl', 'extraModules', 'updateUrl', 'proxy']) {
      expect(warnings.filter((w) => w.includes(`"${field}"`))).toHaveLength(1);
    }
    expect(warnings.join('\n')).not.toContain('attacker');
  });

  it('cannot be overridden by the environment in an installed build', () => {
    writeMachine({ serverUrl: 'https://si.example.gov.cn' });
    const env = {
      SHEBAO_SERVER_URL: 'http://127.0.0.1:9',
      SHEBAO_MACHINE_CONFIG_DIR: userDir,
      ProgramData: userDir,
    };
    expect(load({ env }).serverUrl).toBe('https://si.example.gov.cn');
    expect(machineConfigDir('win32', env, true)).toBe('C:\\ProgramData\\Shebao Desk');
    expect(machineConfigDir('win32', env, false)).toBe(userDir);
  });

  it('an installed build takes PKCS#11 and SKF driver paths only from IT', () => {
    writeUser({
      extraModules: ['C:\\Users\\clerk\\p11.dll'],
      skfModules: ['C:\\Users\\clerk\\skf.dll'],
    });
    const installed = load({});
    expect(installed.extraModules).toEqual([]);
    expect(installed.it?.skfModules).toEqual([]);
    expect(warnings.filter((w) => /only be set by IT/.test(w))).toHaveLength(2);

    warnings = [];
    const dev = load({ packaged: false });
    expect(dev.extraModules).toEqual(['C:\\Users\\clerk\\p11.dll']);
    expect(dev.it?.skfModules).toEqual(['C:\\Users\\clerk\\skf.dll']);
  });

  it('the Group Policy key wins over the ProgramData file', () => {
    writeMachine({ serverUrl: 'https://si.file.example.cn', pinnedVersion: '1.3.0' });
    const config = load({ registryText: REG_OUTPUT });
    expect(config.serverUrl).toBe('https://si.policy.example.cn');
    expect(config.extraModules).toEqual([
      'C:\\Windows\\System32\\eps2003csp11.dll',
      'D:\\驱动\\WatchSafe.dll',
    ]);
    expect(config.scanRegistry).toBe(false);
    expect(config.it?.pinnedVersion).toBe('1.4.2');
    expect(config.it?.proxy).toBe('http://proxy.corp.example:8080');
  });

  it('names every rejected machine field in the log and keeps the good ones', () => {
    writeMachine({
      serverUrl: 'http://si.example.gov.cn',
      extraModules: ['relative.dll'],
      updateUrl: 'ftp://updates',
      pinnedVersion: 'latest',
      proxy: 'socks5://proxy:1080',
      scanRegistry: false,
    });
    const config = load({});
    expect(config.scanRegistry).toBe(false);
    expect(config.it?.pinnedVersion).toBeNull();
    for (const field of ['extraModules', 'updateUrl', 'pinnedVersion', 'proxy', 'serverUrl']) {
      expect(
        warnings.filter((w) => w.includes(field)),
        field,
      ).toHaveLength(1);
    }
    expect(warnings.some((w) => w.includes(join(machineDir, 'config.json')))).toBe(true);
  });

  it('a broken machine file falls back to the user file with one warning', () => {
    writeFileSync(join(machineDir, 'config.json'), '{ "serverUrl": ');
    writeUser({ serverUrl: 'https://si.user.example.cn' });
    expect(load({}).serverUrl).toBe('https://si.user.example.cn');
    expect(warnings).toHaveLength(1);
  });

  it('a machine file that cannot be read counts as absent', () => {
    mkdirSync(join(machineDir, 'config.json'));
    expect(load({}).it?.lockedFields).toEqual([]);
    expect(warnings).toHaveLength(1);
  });
});

describe('reg query output', () => {
  it('reads strings, multi-strings and DWORDs of the key, and skips sub-keys', () => {
    const text = [
      REG_OUTPUT,
      'HKEY_LOCAL_MACHINE\\Software\\Policies\\Shebao Desk\\Sub',
      '    serverUrl    REG_SZ    https://sub.example',
    ].join('\r\n');
    expect(parseRegQuery(text)).toEqual({
      serverUrl: 'https://si.policy.example.cn/',
      extraModules: ['C:\\Windows\\System32\\eps2003csp11.dll', 'D:\\驱动\\WatchSafe.dll'],
      scanRegistry: 0,
      pinnedVersion: '1.4.2',
      proxy: 'http://proxy.corp.example:8080',
    });
  });

  it('keeps names with spaces, empty strings and expandable strings; drops the default value', () => {
    const text = [
      'HKEY_LOCAL_MACHINE\\Software\\Policies\\Shebao Desk',
      '    (Default)    REG_SZ    x',
      '    update Url    REG_EXPAND_SZ    %ProgramData%\\x',
      '    pinnedVersion    REG_SZ',
      '    skfModules    REG_MULTI_SZ',
      '    big    REG_QWORD    0x10',
      '    blob    REG_BINARY    00FF',
    ].join('\n');
    expect(parseRegQuery(text)).toEqual({
      'update Url': '%ProgramData%\\x',
      pinnedVersion: '',
      skfModules: [],
      big: 16,
    });
  });

  it('gives nothing for an empty or error output', () => {
    expect(parseRegQuery('')).toEqual({});
    expect(
      parseRegQuery('ERROR: The system was unable to find the specified registry key.'),
    ).toEqual({});
  });
});
