// Finding SKF libraries on Windows: the text `reg query ...\Defaults\SKF /s` prints (as a
// Chinese Windows prints it, CRLF and all), the WOW6432Node twin, and what the source then loads.
import { describe, expect, it } from 'vitest';
import {
  parseSkfRegQuery,
  readSkfRegistry,
  SKF_REGISTRY_KEYS,
} from '../../electron/services/tokens/skf-registry';

const NATIVE = [
  '',
  'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\Defaults\\SKF',
  '',
  'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\Defaults\\SKF\\GM3000',
  '    path    REG_SZ    C:\\Windows\\System32\\mtoken_gm3000.dll',
  '    Version    REG_DWORD    0x1',
  '',
  'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\Defaults\\SKF\\ePass3000GM',
  '    Path    REG_EXPAND_SZ    %SystemRoot%\\System32\\ShuttleCsp11_3000GM.dll',
  '',
  'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\Defaults\\SKF\\ePass3000GM\\Options',
  '    path    REG_SZ    C:\\not\\a\\library.dll',
  '',
  'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\\Defaults\\SKF\\海泰 HaiKey',
  '    path    REG_SZ    C:\\Program Files\\Haitai\\HaiTai SKF\\HaiTai_SKF.dll',
  '',
].join('\r\n');

const WOW64 = [
  '',
  'HKEY_LOCAL_MACHINE\\SOFTWARE\\WOW6432Node\\Microsoft\\Cryptography\\Defaults\\SKF\\GM3000',
  '    path    REG_SZ    C:\\Windows\\SysWOW64\\mtoken_gm3000.dll',
  '',
  'HKEY_LOCAL_MACHINE\\SOFTWARE\\WOW6432Node\\Microsoft\\Cryptography\\Defaults\\SKF\\WatchKey',
  '    path    REG_SZ    C:\\Windows\\SysWOW64\\WDSKF.dll',
  '',
].join('\r\n');

describe('SKF libraries in the Windows registry', () => {
  it('reads each library key with its path, expanding REG_EXPAND_SZ, skipping deeper keys', () => {
    expect(parseSkfRegQuery(NATIVE, { SYSTEMROOT: 'D:\\Win' })).toEqual([
      { name: 'GM3000', path: 'C:\\Windows\\System32\\mtoken_gm3000.dll', wow64: false },
      { name: 'ePass3000GM', path: 'D:\\Win\\System32\\ShuttleCsp11_3000GM.dll', wow64: false },
      {
        name: '海泰 HaiKey',
        path: 'C:\\Program Files\\Haitai\\HaiTai SKF\\HaiTai_SKF.dll',
        wow64: false,
      },
    ]);
  });

  it('queries both views and keeps a 32-bit library only where no 64-bit one has its name', async () => {
    const asked: string[] = [];
    const entries = await readSkfRegistry('win32', {}, async (key) => {
      asked.push(key);
      return key.includes('WOW6432Node') ? WOW64 : NATIVE;
    });
    expect(asked).toEqual([...SKF_REGISTRY_KEYS]);
    expect(entries.map((e) => [e.name, e.wow64])).toEqual([
      ['GM3000', false],
      ['ePass3000GM', false],
      ['海泰 HaiKey', false],
      ['WatchKey', true],
    ]);
  });

  it('a missing key is no library; Linux has no registry at all', async () => {
    const missing = async (key: string): Promise<string> => {
      if (key.includes('WOW6432Node')) throw new Error('ERROR: 系统找不到指定的注册表项或值。');
      return WOW64.replaceAll('WOW6432Node\\', '');
    };
    expect((await readSkfRegistry('win32', {}, missing)).map((e) => e.name)).toEqual([
      'GM3000',
      'WatchKey',
    ]);
    const never = async (): Promise<string> => {
      throw new Error('reg must not run on Linux');
    };
    expect(await readSkfRegistry('linux', {}, never)).toEqual([]);
  });
});
