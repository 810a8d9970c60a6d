// IT's Group Policy values for the app: `reg query "HKLM\Software\Policies\Shebao Desk"`, parsed
// from its text output. Reading the registry through reg.exe keeps the app free of a native
// registry addon; the parser is pure so it is tested on the output Windows prints.
import { execFileSync } from 'node:child_process';
import iconv from 'iconv-lite';

export const POLICY_KEY = 'HKLM\\Software\\Policies\\Shebao Desk';

export type RegistryValue = string | number | string[];

// "    name    REG_TYPE    data" — reg.exe separates the columns with four spaces; a value's
// name may itself hold single spaces, and REG_SZ data may be empty.
const VALUE_LINE = /^ {4}(.+?) {4}(REG_[A-Z_]+)(?: {4}(.*))?$/;

/** Values directly under the key (sub-keys are ignored); unknown types are skipped. */
export function parseRegQuery(output: string): Record<string, RegistryValue> {
  const values: Record<string, RegistryValue> = {};
  let inKey = false;
  for (const rawLine of output.split(/\r?\n/)) {
    if (/^HKEY_/i.test(rawLine)) {
      // Only the first key block holds the key's own values; `reg query /s` would add sub-keys.
      if (inKey) break;
      inKey = true;
      continue;
    }
    const match = VALUE_LINE.exec(rawLine);
    if (!match) continue;
    const [, name, type, data = ''] = match as unknown as [string, string, string, string?];
    if (name === '(Default)' || name === '(默认)') continue;
    switch (type) {
      case 'REG_SZ':
      case 'REG_EXPAND_SZ':
        values[name] = data;
        break;
      case 'REG_MULTI_SZ':
        values[name] = data === '' ? [] : data.split('\\0').filter((part) => part !== '');
        break;
      case 'REG_DWORD':
      case 'REG_QWORD': {
        const number = Number.parseInt(data, 16);
        if (Number.isSafeInteger(number)) values[name] = number;
        break;
      }
      default:
        break;
    }
  }
  return values;
}

/** reg.exe's output for the policy key, or null when the key does not exist (or not on Windows). */
export function queryPolicyKey(platform: NodeJS.Platform = process.platform): string | null {
  if (platform !== 'win32') return null;
  try {
    const output = execFileSync('reg', ['query', POLICY_KEY], {
      timeout: 5000,
      windowsHide: true,
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return decodeConsoleText(output);
  } catch {
    return null;
  }
}

/** reg.exe writes in the console's code page: GBK on a Chinese Windows, unless it is UTF-8. */
export function decodeConsoleText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return iconv.decode(Buffer.from(bytes), 'cp936');
  }
}
