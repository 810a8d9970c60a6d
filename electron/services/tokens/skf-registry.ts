// Where Windows lists the installed SKF libraries: one key per library under
// HKLM\SOFTWARE\Microsoft\Cryptography\Defaults\SKF\<name> with its DLL in the value "path"
// (the 32-bit twin under WOW6432Node). Read with `reg query`, parsed here; Linux has no such list.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const SKF_REGISTRY_KEYS = [
  'HKLM\\SOFTWARE\\Microsoft\\Cryptography\\Defaults\\SKF',
  'HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\Cryptography\\Defaults\\SKF',
] as const;

export interface SkfRegistryEntry {
  /** The subkey name, usually the product ("GM3000", "ePass3000GM"). */
  name: string;
  path: string;
  /** Listed under WOW6432Node: a 32-bit library. */
  wow64: boolean;
}

const KEY_LINE = /^HKEY_[A-Z_]+\\(.+)$/;
const VALUE_LINE = /^\s+(.+?)\s{2,}(REG_SZ|REG_EXPAND_SZ)\s{2,}(.+?)\s*$/;

/** %VAR% expanded from env (case-insensitive names); unknown ones stay. */
function expand(value: string, env: Readonly<Record<string, string | undefined>>): string {
  return value.replace(/%([^%]+)%/g, (whole, name: string) => {
    const key = Object.keys(env).find((k) => k.toLowerCase() === name.toLowerCase());
    return (key === undefined ? undefined : env[key]) ?? whole;
  });
}

/** The libraries in the text `reg query <SKF key> /s` prints (any language of Windows). */
export function parseSkfRegQuery(
  output: string,
  env: Readonly<Record<string, string | undefined>> = {},
): SkfRegistryEntry[] {
  const entries: SkfRegistryEntry[] = [];
  let current: { name: string; wow64: boolean } | null = null;
  for (const line of output.split(/\r?\n/)) {
    const key = KEY_LINE.exec(line.trim());
    if (key && !/^\s/.test(line)) {
      const parts = key[1]!.split('\\');
      const at = parts.findIndex((p) => p.toUpperCase() === 'SKF');
      // The SKF key itself, or a deeper subkey: only the direct children name libraries.
      current =
        at >= 0 && parts.length === at + 2
          ? { name: parts[at + 1]!, wow64: parts.some((p) => p.toUpperCase() === 'WOW6432NODE') }
          : null;
      continue;
    }
    const value = VALUE_LINE.exec(line);
    if (!current || !value || value[1]!.toLowerCase() !== 'path') continue;
    const path = value[2] === 'REG_EXPAND_SZ' ? expand(value[3]!, env) : value[3]!;
    entries.push({ name: current.name, path, wow64: current.wow64 });
  }
  return entries;
}

export type RegQuery = (key: string) => Promise<string>;

const regQuery: RegQuery = async (key) =>
  (await run('reg', ['query', key, '/s'], { timeout: 10_000, windowsHide: true })).stdout;

/**
 * The registered SKF libraries of this PC, 64-bit ones first; a 32-bit one only when no 64-bit
 * one has its name (the 64-bit app cannot load it, but then it says so by name).
 */
export async function readSkfRegistry(
  platform: NodeJS.Platform,
  env: Readonly<Record<string, string | undefined>>,
  query: RegQuery = regQuery,
): Promise<SkfRegistryEntry[]> {
  if (platform !== 'win32') return [];
  const found: SkfRegistryEntry[] = [];
  for (const key of SKF_REGISTRY_KEYS) {
    try {
      found.push(...parseSkfRegQuery(await query(key), env));
    } catch {
      // No such key: no SKF library registered in this view.
    }
  }
  const native = found.filter((e) => !e.wow64);
  const names = new Set(native.map((e) => e.name.toLowerCase()));
  return [...native, ...found.filter((e) => e.wow64 && !names.has(e.name.toLowerCase()))];
}
