// The vendor module registry and which modules the app tries on a PC.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { discoverModules } from '../../electron/services/tokens/module-discovery';
import {
  identifyVendor,
  parseVendorRegistry,
  vendorModules,
} from '../../native/pkcs11/vendor-registry';

const windowsEnv = { SystemRoot: 'C:\\Windows', ProgramFiles: 'C:\\Program Files' };

function fakeDisk(files: string[]): (path: string) => boolean {
  const set = new Set(files.map((f) => f.toLowerCase()));
  return (path) => set.has(path.toLowerCase());
}

describe('vendor registry', () => {
  it('knows the common Chinese U-Key modules and tells which vendor a module file is from', () => {
    expect(identifyVendor('C:\\Windows\\System32\\eps2003csp11.dll')?.product).toBe('ePass2003');
    expect(identifyVendor('C:\\Windows\\System32\\SHUTTLECSP11_3003.DLL')?.product).toBe(
      'ePass3003',
    );
    expect(identifyVendor('C:\\Windows\\SysWOW64\\WDPKCS.dll')?.vendor).toContain('握奇');
    expect(identifyVendor('C:\\Windows\\System32\\CryptoIDA_pkcs11.dll')?.vendor).toContain('龙脉');
    expect(identifyVendor('/usr/lib/softhsm/libsofthsm2.so')?.product).toBe('SoftHSM2');
    expect(identifyVendor('/usr/lib/libeps2003csp11.so')?.product).toBe('ePass2003');
    expect(identifyVendor('/opt/unknown/libvendor.so')).toBeNull();
  });

  it('refuses a registry edited into a wrong shape, naming the problem', () => {
    expect(() =>
      parseVendorRegistry({
        modules: [
          {
            vendor: 'X',
            product: 'Y',
            windows: { dlls: ['C:\\a\\b.dll'], folders: [] },
            linux: { paths: [] },
          },
        ],
      }),
    ).toThrow(/file name, not a path/);
    expect(() => parseVendorRegistry({ modules: [{ vendor: 'X' }] })).toThrow();
  });
});

describe('module discovery', () => {
  it('on Windows finds installed vendor DLLs, 64-bit System32 before SysWOW64', () => {
    const found = discoverModules({
      platform: 'win32',
      extraPaths: [],
      env: windowsEnv,
      exists: fakeDisk([
        'C:\\Windows\\System32\\ShuttleCsp11_3003.dll',
        'C:\\Windows\\SysWOW64\\ShuttleCsp11_3003.dll',
        'C:\\Windows\\SysWOW64\\WDPKCS.dll',
        'C:\\Program Files\\OpenSC Project\\OpenSC\\pkcs11\\opensc-pkcs11.dll',
      ]),
    });
    expect(found.map((m) => [m.path, m.vendor?.product])).toEqual([
      ['C:\\Windows\\System32\\ShuttleCsp11_3003.dll', 'ePass3003'],
      ['C:\\Windows\\SysWOW64\\WDPKCS.dll', 'WatchKey'],
      ['C:\\Program Files\\OpenSC Project\\OpenSC\\pkcs11\\opensc-pkcs11.dll', 'OpenSC'],
    ]);
  });

  it('always lists the paths IT configured, even a wrong one, once', () => {
    const found = discoverModules({
      platform: 'win32',
      extraPaths: ['D:\\Drivers\\eps2003csp11.dll', 'c:\\windows\\system32\\WDPKCS.dll', '  '],
      env: windowsEnv,
      exists: fakeDisk(['C:\\Windows\\System32\\WDPKCS.dll']),
    });
    expect(found.map((m) => m.path)).toEqual([
      'C:\\Windows\\System32\\WDPKCS.dll',
      'D:\\Drivers\\eps2003csp11.dll',
    ]);
    expect(found[1]?.vendor?.product).toBe('ePass2003');
  });

  it('on this Linux machine finds SoftHSM2 and OpenSC once each', () => {
    const found = discoverModules({ platform: 'linux', extraPaths: [], env: {} });
    const softhsm = found.filter((m) => m.vendor?.product === 'SoftHSM2');
    expect(softhsm).toHaveLength(1);
    expect(existsSync(softhsm[0]!.path)).toBe(true);
    expect(found.filter((m) => m.vendor?.product === 'OpenSC')).toHaveLength(1);
    expect(vendorModules.length).toBeGreaterThanOrEqual(7);
  });
});
