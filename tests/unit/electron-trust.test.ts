// The shell's part in keeping data safe: database keys sealed by the OS keystore (DPAPI on
// Windows, through safeStorage) and an installed build refusing debugging switches.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { app, dialog, resetElectronMock, safeStorage } from '../support/electron-mock';
import { dispatch } from '../../electron/services/api-dispatch';
import type { AppConfig, AppServices } from '../../electron/services/app-services-types';
import { KEY_FILE, KeyVault } from '../../electron/services/store/key-vault';
import { safeStorageSealer } from '../../electron/main/safe-storage-sealer';
import { forbiddenSwitches } from '../../electron/main/security';
import { startShell } from '../../electron/main/lifecycle';
import { handlersWith } from '../support/handlers';

let dir: string;
beforeEach(() => {
  resetElectronMock();
  dir = mkdtempSync(join(tmpdir(), 'shebao-trust-'));
  app.paths.userData = dir;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('database keys sealed with safeStorage', () => {
  it('keeps the key only in sealed form and gives it back to the same account', () => {
    const sealer = safeStorageSealer();
    expect(sealer?.kind).toBe('safe-storage');
    const vault = new KeyVault(sealer!);
    const key = vault.create(dir);
    const file = readFileSync(join(dir, KEY_FILE), 'utf8');
    expect(file).not.toContain(key.toString('base64'));
    expect(file).not.toContain(key.toString('hex'));
    expect(vault.read(dir)?.equals(key)).toBe(true);
  });

  it('another Windows account cannot unseal it: a clear refusal, the key file untouched', () => {
    const vault = new KeyVault(safeStorageSealer()!);
    vault.create(dir);
    const before = readFileSync(join(dir, KEY_FILE));
    safeStorage.account = 'someone-else';
    expect(() => new KeyVault(safeStorageSealer()!).read(dir)).toThrow(
      expect.objectContaining({ code: 'STORE_KEY_UNREADABLE' }) as unknown as Error,
    );
    expect(readFileSync(join(dir, KEY_FILE)).equals(before)).toBe(true);
  });

  it('a key kept in a plain user file is not read as a sealed one, nor the reverse', () => {
    new KeyVault().create(dir);
    expect(() => new KeyVault(safeStorageSealer()!).read(dir)).toThrow(
      expect.objectContaining({ code: 'STORE_KEY_UNREADABLE' }) as unknown as Error,
    );
  });

  it('is not offered where the OS has no protected storage', () => {
    safeStorage.available = false;
    expect(safeStorageSealer()).toBeNull();
  });

  it('the shell hands the services a safeStorage sealer', async () => {
    const handlers = handlersWith({});
    const services: AppServices = {
      handlers,
      call: (m, p, c) => dispatch(handlers, m, p, c),
      onEvent: () => () => undefined,
      dispose: async () => undefined,
    };
    const createServices = vi.fn(async (_config: AppConfig) => services);
    const shell = startShell({
      createServices,
      preloadPath: '/app/out/preload/index.cjs',
      rendererDir: '/app/out/renderer',
      env: {},
      argv: ['Shebao Desk.exe'],
      log: { info: () => undefined, warn: () => undefined, error: () => undefined },
    });
    app.becomeReady();
    await shell!.ready;
    expect(createServices.mock.calls[0]![0].keySealer?.kind).toBe('safe-storage');
  });
});

describe('debugging switches', () => {
  it.each([
    ['--remote-debugging-port=9222'],
    ['--remote-debugging-pipe'],
    ['--inspect'],
    ['--inspect-brk=9229'],
    ['-Remote-Debugging-Port=9222'],
    ['--js-flags=--expose-gc'],
    ['--disable-web-security'],
    ['--host-resolver-rules=MAP * 10.0.0.1'],
  ])('%s is found', (arg) => {
    expect(forbiddenSwitches(['Shebao Desk.exe', 'x.xlsx', arg], 'linux')).toEqual([
      arg.split('=')[0],
    ]);
  });

  it('Windows-style /switches count on Windows only; arguments after -- are not switches', () => {
    expect(forbiddenSwitches(['a.exe', '/inspect'], 'win32')).toEqual(['/inspect']);
    expect(forbiddenSwitches(['a', '/inspect'], 'linux')).toEqual([]);
    expect(forbiddenSwitches(['a', '--', '--inspect'], 'linux')).toEqual([]);
    expect(forbiddenSwitches(['a', '--lang=zh-CN', 'C:\\报表\\inspect.xlsx'], 'win32')).toEqual([]);
  });

  function startWith(argv: string[], env: Record<string, string> = {}) {
    const createServices = vi.fn(async (): Promise<AppServices> => {
      throw new Error('must not start');
    });
    const errors: string[] = [];
    const shell = startShell({
      createServices,
      preloadPath: '/p',
      rendererDir: '/r',
      env,
      argv,
      log: { info: () => undefined, warn: () => undefined, error: (m) => errors.push(m) },
    });
    return { shell, createServices, errors };
  }

  it('an installed build started with a DevTools port quits with a zh-CN message', () => {
    app.isPackaged = true;
    const { shell, createServices, errors } = startWith([
      'Shebao Desk.exe',
      '--remote-debugging-port=9222',
    ]);
    expect(shell).toBeNull();
    expect(app.exitCode).toBe(1);
    expect(app.sandboxEnabled).toBe(false);
    expect(createServices).not.toHaveBeenCalled();
    expect(dialog.errorBoxes[0]?.content).toContain('不能以调试方式启动');
    expect(errors[0]).toContain('--remote-debugging-port');
  });

  it('so does one with an inspector in NODE_OPTIONS', () => {
    app.isPackaged = true;
    const { shell } = startWith(['Shebao Desk.exe'], {
      NODE_OPTIONS: '--max-old-space-size=4096 --inspect=0',
    });
    expect(shell).toBeNull();
    expect(app.exitCode).toBe(1);
  });

  it('a development run may be debugged', () => {
    app.isPackaged = false;
    const { shell } = startWith(['electron', '.', '--inspect']);
    expect(shell).not.toBeNull();
    expect(app.exitCode).toBeNull();
  });
});
