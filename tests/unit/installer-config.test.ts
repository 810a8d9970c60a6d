// The installer IT rolls out, checked without Windows: electron-builder's own loader and schema
// accept electron-builder.yml, and each promise it makes (always per-machine, silent, upgrade in
// place keeping data, native addons outside the asar, updates from a generic URL) is in it.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import type { Configuration } from 'app-builder-lib';
import { DebugLogger } from 'builder-util';
import { minimatch } from 'minimatch';
import { beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
let config: Configuration;

beforeAll(async () => {
  config = await getConfig(root, join(root, 'electron-builder.yml'), null);
});

function filesUnder(dir: string, match: (path: string) => boolean, out: string[] = []): string[] {
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    const stat = statSync(path);
    if (stat.isDirectory()) filesUnder(path, match, out);
    else if (match(path)) out.push(path);
  }
  return out;
}

function unpacked(appPath: string): boolean {
  const patterns = [config.asarUnpack ?? []].flat() as string[];
  return patterns.some((pattern) => minimatch(appPath, pattern, { dot: true }));
}

describe('electron-builder configuration', () => {
  it('passes electron-builder’s own schema', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('always installs for all users, silently for IT, elevated, into a folder IT may choose', () => {
    expect(config.nsis).toMatchObject({
      perMachine: true,
      oneClick: false,
      allowElevation: true,
      allowToChangeInstallationDirectory: true,
      deleteAppDataOnUninstall: false,
    });
    expect(config.win?.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
  });

  it('an upgrade goes where the last version was installed (the per-machine NSIS template)', () => {
    const template = readFileSync(
      join(root, 'node_modules/app-builder-lib/templates/nsis/multiUser.nsh'),
      'utf8',
    );
    // With perMachine the template reads the previous InstallLocation from HKLM and installs there.
    expect(template).toMatch(/INSTALL_MODE_PER_ALL_USERS_REQUIRED/);
    expect(template).toMatch(/ReadRegStr \$perMachineInstallationFolder HKLM/);
  });

  it('unpacks every compiled addon of the native dependencies from the asar', () => {
    const production = Object.keys(
      (
        JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
          dependencies: Record<string, string>;
        }
      ).dependencies,
    );
    const native = production.filter(
      (name) =>
        existsSync(join(root, 'node_modules', name, 'binding.gyp')) ||
        existsSync(join(root, 'node_modules', name, 'prebuilds')),
    );
    expect(native).toEqual(expect.arrayContaining(['better-sqlite3', 'pkcs11js']));
    for (const name of native) {
      const addons = filesUnder(join(root, 'node_modules', name), (p) => p.endsWith('.node'));
      expect(addons.length, name).toBeGreaterThan(0);
      for (const addon of addons) {
        const appPath = relative(root, addon).split('\\').join('/');
        expect(unpacked(appPath), appPath).toBe(true);
      }
      // The package's loader (bindings / its own index.js) must sit beside the binary.
      expect(unpacked(`node_modules/${name}/package.json`), name).toBe(true);
    }
    // An FFI library's prebuilt binaries, whether or not another package adds it yet.
    expect(unpacked('node_modules/koffi/build/koffi/win32_x64/koffi.node')).toBe(true);
    expect(unpacked('node_modules/koffi/index.js')).toBe(true);
    // Plain JavaScript stays in the asar.
    expect(unpacked('node_modules/zod/index.js')).toBe(false);
    expect(unpacked('out/main/index.js')).toBe(false);
  });

  it('publishes for electron-updater’s generic provider (latest.yml beside the installer)', () => {
    expect([config.publish].flat()).toEqual([
      expect.objectContaining({ provider: 'generic', url: expect.stringMatching(/^https:/) }),
    ]);
  });

  it('packs only the built app, never Electron itself, and the resources the services read', () => {
    // The loader normalises the list into { filter: [...] }.
    const files = ([config.files].flat() as ({ filter: string[] } | string)[]).flatMap((entry) =>
      typeof entry === 'string' ? [entry] : entry.filter,
    );
    expect(files).toEqual(
      expect.arrayContaining(['out/**', '!**/node_modules/electron/**', '!out/**/*.map']),
    );
    for (const resource of [config.extraResources].flat() as { from: string }[]) {
      expect(existsSync(join(root, resource.from)), resource.from).toBe(true);
    }
  });
});
