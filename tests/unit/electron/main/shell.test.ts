// The app's life as a user sees it: one copy at a time, a window only once services are up, and
// quitting that waits for the token before closing things down.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  BrowserWindow,
  app,
  dialog,
  ipcMain,
  mockEvent,
  protocol,
  resetElectronMock,
} from '../../../support/electron-mock';
import {
  IPC_EVENT_CHANNEL,
  IPC_INVOKE_CHANNEL,
  resultSchema,
} from '../../../../electron/contract/api';
import { dispatch } from '../../../../electron/services/api-dispatch';
import type {
  AppConfig,
  AppServices,
  EventListener,
  Handlers,
} from '../../../../electron/services/app-services-types';
import { APP_ENTRY_URL } from '../../../../electron/main/app-protocol';
import { startShell, type ShellOptions } from '../../../../electron/main/lifecycle';
import { handlersWith } from '../../../support/handlers';

const info = { mode: 'electron' as const, version: '0.1.0', serverOrigin: 'x', testMode: false };

function fakeServices() {
  const appInfo = vi.fn(async () => info);
  const handlers: Handlers = handlersWith({ 'app.info': appInfo });
  const listeners = new Set<EventListener>();
  const quitWhenDisposed: boolean[] = [];
  const dispose = vi.fn(async () => {
    quitWhenDisposed.push(app.hasQuit);
  });
  const services: AppServices = {
    handlers,
    call: (method, payload, ctx) => dispatch(handlers, method, payload, ctx),
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose,
  };
  return { services, appInfo, listeners, dispose, quitWhenDisposed };
}

let userData: string;
let logged: { info: string[]; warn: string[]; error: string[] };
let fakes: ReturnType<typeof fakeServices>;
let createServices: ReturnType<typeof vi.fn<(config: AppConfig) => Promise<AppServices>>>;

function start(overrides: Partial<ShellOptions> = {}) {
  return startShell({
    createServices,
    preloadPath: '/app/out/preload/index.cjs',
    rendererDir: '/app/out/renderer',
    env: {},
    log: {
      info: (m) => logged.info.push(m),
      warn: (m) => logged.warn.push(m),
      error: (m) => logged.error.push(m),
    },
    ...overrides,
  });
}

async function startReady(overrides: Partial<ShellOptions> = {}) {
  const shell = start(overrides);
  if (!shell) throw new Error('the shell did not start');
  app.becomeReady();
  await shell.ready;
  return shell;
}

function onlyWindow(): BrowserWindow {
  const windows = BrowserWindow.getAllWindows();
  expect(windows).toHaveLength(1);
  return windows[0] as BrowserWindow;
}

beforeEach(() => {
  resetElectronMock();
  app.isPackaged = true;
  userData = mkdtempSync(join(tmpdir(), 'shebao-userdata-'));
  app.paths.userData = userData;
  logged = { info: [], warn: [], error: [] };
  fakes = fakeServices();
  createServices = vi.fn(async () => fakes.services);
});

afterEach(() => rmSync(userData, { recursive: true, force: true }));

describe('one copy at a time', () => {
  it('a second copy quits at once, without starting services or a window', async () => {
    app.singleInstanceLockAvailable = false;
    expect(start()).toBeNull();
    expect(app.hasQuit).toBe(true);
    app.becomeReady();
    await new Promise((r) => setTimeout(r, 20));
    expect(createServices).not.toHaveBeenCalled();
    expect(BrowserWindow.getAllWindows()).toHaveLength(0);
  });

  it('starting it again brings the running window back from the taskbar and focuses it', async () => {
    await startReady();
    const win = onlyWindow();
    win.minimize();
    app.emit('second-instance', mockEvent(), ['Shebao Desk.exe'], 'C:\\');
    expect(win.isMinimized()).toBe(false);
    expect(win.restoreCount).toBe(1);
    expect(win.focusCount).toBe(1);
    expect(BrowserWindow.getAllWindows()).toHaveLength(1);
  });
});

describe('start-up', () => {
  it('sandboxes every renderer and registers the app:// scheme before ready', () => {
    start();
    expect(app.sandboxEnabled).toBe(true);
    expect(protocol.privileged).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
  });

  it('starts services with the user and machine config files, then opens one window on the app', async () => {
    writeFileSync(
      join(userData, 'config.json'),
      JSON.stringify({ serverUrl: 'https://si.example.cn/' }),
    );
    const machineDir = mkdtempSync(join(tmpdir(), 'shebao-machine-'));
    writeFileSync(
      join(machineDir, 'config.json'),
      JSON.stringify({ extraModules: ['C:\\Vendor\\p11.dll'] }),
    );
    await startReady({ machineConfigDir: machineDir });
    rmSync(machineDir, { recursive: true, force: true });
    expect(createServices).toHaveBeenCalledTimes(1);
    expect(createServices.mock.calls[0]?.[0]).toMatchObject({
      serverUrl: 'https://si.example.cn',
      extraModules: ['C:\\Vendor\\p11.dll'],
      dataDir: userData,
      mode: 'electron',
      testMode: false,
    });
    expect(onlyWindow().webContents.loadedUrls).toEqual([APP_ENTRY_URL]);
    expect(ipcMain.handlers.has(IPC_INVOKE_CHANNEL)).toBe(true);
    expect(protocol.handlers.has('app')).toBe(true);
  });

  it('answers the window’s calls and forwards service events to it', async () => {
    await startReady();
    const contents = onlyWindow().webContents;
    const answer = resultSchema.parse(
      await ipcMain.invokeFrom(
        { sender: contents, senderFrame: contents.mainFrame },
        IPC_INVOKE_CHANNEL,
        'app.info',
        {},
      ),
    );
    expect(answer).toEqual({ ok: true, value: info });

    for (const listener of fakes.listeners) listener('auth.progress', { stage: 'verifying' });
    expect(contents.sent).toEqual([
      { channel: IPC_EVENT_CHANNEL, args: ['auth.progress', { stage: 'verifying' }] },
    ]);
  });

  it('shows a zh-CN error and quits when the services cannot start', async () => {
    createServices.mockRejectedValueOnce(new Error('database is locked'));
    const shell = await startReady();
    await shell.stopped;
    expect(dialog.errorBoxes).toHaveLength(1);
    expect(dialog.errorBoxes[0]?.content).toContain('程序内部出错');
    expect(dialog.errorBoxes[0]?.content).not.toContain('database is locked');
    expect(BrowserWindow.getAllWindows()).toHaveLength(0);
    expect(app.hasQuit).toBe(true);
    expect(logged.error.join('\n')).toContain('database is locked');
  });

  it('gives web contents it did not make the same rules', async () => {
    await startReady();
    const stray = new BrowserWindow({});
    expect(stray.webContents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({
      action: 'deny',
    });
    const nav = mockEvent({ url: 'https://evil.example/' });
    stray.webContents.emit('will-navigate', nav);
    expect(nav.defaultPrevented).toBe(true);
  });
});

describe('quitting', () => {
  it('closing the window closes the services first, then quits', async () => {
    const shell = await startReady();
    onlyWindow().close();
    await shell.stopped;
    expect(fakes.dispose).toHaveBeenCalledTimes(1);
    expect(fakes.quitWhenDisposed).toEqual([false]);
    expect(app.hasQuit).toBe(true);
    expect(ipcMain.handlers.has(IPC_INVOKE_CHANNEL)).toBe(false);
    expect(fakes.listeners.size).toBe(0);
  });

  it('waits for a token operation in flight before closing the services', async () => {
    let release: () => void = () => undefined;
    fakes.appInfo.mockImplementationOnce(
      () => new Promise((resolveInfo) => (release = () => resolveInfo(info))),
    );
    const shell = await startReady();
    const contents = onlyWindow().webContents;
    const call = ipcMain.invokeFrom(
      { sender: contents, senderFrame: contents.mainFrame },
      IPC_INVOKE_CHANNEL,
      'app.info',
      {},
    );
    await vi.waitFor(() => expect(fakes.appInfo).toHaveBeenCalled(), { timeout: 1000 });

    app.quit();
    expect(app.hasQuit).toBe(false);
    await new Promise((r) => setTimeout(r, 30));
    expect(fakes.dispose).not.toHaveBeenCalled();

    release();
    expect(resultSchema.parse(await call).ok).toBe(true);
    await shell.stopped;
    expect(fakes.dispose).toHaveBeenCalledTimes(1);
    expect(app.hasQuit).toBe(true);
  });

  it('still quits when the services hang while closing', async () => {
    fakes.dispose.mockImplementationOnce(() => new Promise(() => undefined));
    const shell = await startReady({ shutdownTimeoutMs: 50 });
    app.quit();
    await shell.stopped;
    expect(app.hasQuit).toBe(true);
    expect(logged.error.join('\n')).toContain('timed out');
  });
});
