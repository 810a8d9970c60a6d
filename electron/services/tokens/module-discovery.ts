// Which PKCS#11 modules to try on this PC: the registry's modules that are installed, plus the
// paths a user or IT configured. Pure apart from the injected file check.
import { existsSync } from 'node:fs';
import { posix, win32 } from 'node:path';
import {
  identifyVendor,
  vendorModules,
  type VendorModule,
} from '../../../native/pkcs11/vendor-registry';

export interface DiscoveredModule {
  path: string;
  vendor: VendorModule | null;
}

export interface DiscoverOptions {
  platform: NodeJS.Platform;
  /** Configured by a user or IT; always listed, so a wrong path is reported by name. */
  extraPaths: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  exists?: (path: string) => boolean;
  registry?: readonly VendorModule[];
}

/** %VAR% expanded from env (case-insensitive names, as Windows has them); unknown ones stay. */
function expandWindowsVars(folder: string, env: DiscoverOptions['env']): string {
  return folder.replace(/%([^%]+)%/g, (whole, name: string) => {
    const key = Object.keys(env).find((k) => k.toLowerCase() === name.toLowerCase());
    const value = key === undefined ? undefined : env[key];
    return value ?? whole;
  });
}

function windowsFolder(folder: string, env: DiscoverOptions['env']): string {
  const systemRoot = expandWindowsVars('%SystemRoot%', env);
  const root = systemRoot.includes('%') ? 'C:\\Windows' : systemRoot;
  if (/^(System32|SysWOW64)$/i.test(folder)) return win32.join(root, folder);
  return expandWindowsVars(folder, env);
}

/** Per module, the first folder that has it wins: System32 (64-bit) before SysWOW64 (32-bit). */
function registryCandidates(
  entry: VendorModule,
  platform: NodeJS.Platform,
  env: DiscoverOptions['env'],
  exists: (path: string) => boolean,
): string[] {
  if (platform === 'win32') {
    return entry.windows.dlls.flatMap((dll) => {
      const found = entry.windows.folders
        .map((folder) => win32.join(windowsFolder(folder, env), dll))
        .find((path) => exists(path));
      return found ? [found] : [];
    });
  }
  if (platform === 'linux') {
    // The paths of one entry are the same library in different places: load it once.
    const found = entry.linux.paths.find((path) => exists(path));
    return found ? [found] : [];
  }
  return [];
}

export function discoverModules(options: DiscoverOptions): DiscoveredModule[] {
  const exists = options.exists ?? existsSync;
  const registry = options.registry ?? vendorModules;
  const sameKey = (path: string) =>
    options.platform === 'win32' ? win32.normalize(path).toLowerCase() : posix.normalize(path);
  const seen = new Set<string>();
  const result: DiscoveredModule[] = [];
  const add = (path: string, vendor: VendorModule | null) => {
    const key = sameKey(path);
    if (seen.has(key)) return;
    seen.add(key);
    result.push({ path, vendor });
  };
  for (const entry of registry) {
    for (const path of registryCandidates(entry, options.platform, options.env, exists))
      add(path, entry);
  }
  for (const path of options.extraPaths) {
    const trimmed = path.trim();
    if (trimmed) add(trimmed, identifyVendor(trimmed, registry));
  }
  return result;
}
