// IPC: only our own page in our own window may call, every payload is checked by the contract
// before a handler runs, events are checked before they leave, and shutdown waits for calls.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BrowserWindow as ElectronWindow } from 'electron';
import {
  BrowserWindow,
  MockWebContents,
  MockWebFrameMain,
  ipcMain,
  resetElectronMock,
} from '../../../support/electron-mock';
import {
  IPC_EVENT_CHANNEL,
  IPC_INVOKE_CHANNEL,
  resultSchema,
} from '../../../../electron/contract/api';
import { dispatch } from '../../../../electron/services/api-dispatch';
import type { CallContext, Handlers } from '../../../../electron/services/app-services-types';
import { bindIpc, type IpcBinding } from '../../../../electron/main/ipc';
import { createWindowFactory, type WindowFactory } from '../../../../electron/main/window-factory';
import { handlersWith } from '../../../support/handlers';

const SECRET_PIN = '731946';

function unused(): Promise<never> {
  return Promise.reject(new Error('not used by this test'));
}

function fakeHandlers() {
  const appInfo = vi.fn(async (_input: object, _ctx: CallContext) => ({
    mode: 'electron' as const,
    version: '0.1.0',
    serverOrigin: 'http://127.0.0.1:8443',
    testMode: false,
  }));
  const login = vi.fn(unused);
  const chooseUnit = vi.fn(unused);
  const handlers: Handlers = handlersWith({
    'app.info': appInfo,
    'auth.login': login,
    'auth.chooseUnit': chooseUnit,
  });
  return { handlers, appInfo, login, chooseUnit };
}

function mockOf(win: ElectronWindow): BrowserWindow {
  if (!(win instanceof BrowserWindow)) throw new Error('not a mock window');
  return win;
}

/** What Electron hands the main-side handler for a call from `contents`' frame. */
function callFrom(
  contents: MockWebContents,
  method: unknown,
  payload: unknown,
  frame: MockWebFrameMain | null = contents.mainFrame,
) {
  return ipcMain
    .invokeFrom({ sender: contents, senderFrame: frame }, IPC_INVOKE_CHANNEL, method, payload)
    .then((answer) => resultSchema.parse(answer));
}

let warnings: string[];
let factory: WindowFactory;
let fakes: ReturnType<typeof fakeHandlers>;
let binding: IpcBinding;
let win: BrowserWindow;

beforeEach(() => {
  resetElectronMock();
  warnings = [];
  const log = { warn: (message: string) => warnings.push(message) };
  factory = createWindowFactory({
    preloadPath: '/app/out/preload/index.cjs',
    devServerUrl: undefined,
    isPackaged: true,
    log,
  });
  fakes = fakeHandlers();
  const { handlers } = fakes;
  binding = bindIpc({
    call: (method, payload, ctx) => dispatch(handlers, method, payload, ctx),
    isAppUrl: factory.isAppUrl,
    isOurWindow: factory.isOurWindow,
    windows: factory.windows,
    log,
  });
  win = mockOf(factory.create());
});

describe('who may call', () => {
  it('answers a call from our window showing our page', async () => {
    const answer = await callFrom(win.webContents, 'app.info', {});
    expect(answer).toEqual({
      ok: true,
      value: {
        mode: 'electron',
        version: '0.1.0',
        serverOrigin: 'http://127.0.0.1:8443',
        testMode: false,
      },
    });
    expect(fakes.appInfo).toHaveBeenCalledTimes(1);
    expect(fakes.appInfo.mock.calls[0]?.[1]).toEqual({ transport: 'ipc' });
  });

  it('refuses a web contents that is not one of our windows, without calling the handler', async () => {
    const stranger = new MockWebContents();
    await stranger.loadURL('app://shebao-desk/index.html');
    const answer = await callFrom(stranger, 'app.info', {});
    expect(answer).toMatchObject({ ok: false, error: { code: 'CALLER_NOT_TRUSTED' } });
    expect(fakes.appInfo).not.toHaveBeenCalled();
  });

  it('refuses our window once it shows a foreign page', async () => {
    win.webContents.mainFrame.url = 'https://evil.example/phish';
    const answer = await callFrom(win.webContents, 'auth.login', {
      certificateId: 'c1',
      pin: SECRET_PIN,
      confirmedFinalTry: false,
    });
    expect(answer).toMatchObject({ ok: false, error: { code: 'CALLER_NOT_TRUSTED' } });
    expect(fakes.login).not.toHaveBeenCalled();
    // The refusal is logged, but never with the PIN that came with it.
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings.join('\n')).not.toContain(SECRET_PIN);
  });

  it('refuses a call from a sub-frame, even one showing our URL', async () => {
    const child = new MockWebFrameMain('app://shebao-desk/index.html', win.webContents.mainFrame);
    const answer = await callFrom(win.webContents, 'app.info', {}, child);
    expect(answer).toMatchObject({ ok: false, error: { code: 'CALLER_NOT_TRUSTED' } });
  });

  it('refuses a call whose frame is already gone', async () => {
    const answer = await callFrom(win.webContents, 'app.info', {}, null);
    expect(answer).toMatchObject({ ok: false, error: { code: 'CALLER_NOT_TRUSTED' } });
  });

  it('refuses a window that has been closed', async () => {
    const contents = win.webContents;
    win.close();
    const answer = await callFrom(contents, 'app.info', {});
    expect(answer).toMatchObject({ ok: false, error: { code: 'CALLER_NOT_TRUSTED' } });
  });
});

describe('what may be called', () => {
  it('rejects a malformed payload before the handler runs', async () => {
    for (const payload of [{ unitNo: 42 }, { unitNo: '' }, { unitNo: 'U1', extra: true }, 'U1']) {
      const answer = await callFrom(win.webContents, 'auth.chooseUnit', payload);
      expect(answer, JSON.stringify(payload)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      });
    }
    expect(fakes.chooseUnit).not.toHaveBeenCalled();
  });

  it('rejects a method the contract does not have', async () => {
    for (const method of ['fs.readFile', '__proto__', 'constructor', 42, null]) {
      const answer = await callFrom(win.webContents, method, {});
      expect(answer, String(method)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
  });

  it('answers with a result envelope, never a throw, when a handler fails', async () => {
    const answer = await callFrom(win.webContents, 'auth.login', {
      certificateId: 'c1',
      pin: SECRET_PIN,
      confirmedFinalTry: false,
    });
    expect(answer).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(answer)).not.toContain(SECRET_PIN);
    expect(fakes.login).toHaveBeenCalledTimes(1);
  });
});

describe('events to the page', () => {
  it('delivers an event that matches the contract to our window', () => {
    binding.sendEvent('session.changed', null);
    binding.sendEvent('auth.progress', { stage: 'signing' });
    expect(win.webContents.sent).toEqual([
      { channel: IPC_EVENT_CHANNEL, args: ['session.changed', null] },
      { channel: IPC_EVENT_CHANNEL, args: ['auth.progress', { stage: 'signing' }] },
    ]);
  });

  it('drops an event that does not match the contract', () => {
    binding.sendEvent('auth.progress', { stage: 'hacked' } as never);
    expect(win.webContents.sent).toEqual([]);
    expect(warnings.some((w) => w.includes('auth.progress'))).toBe(true);
  });

  it('does not send to a window that shows a foreign page or has closed', () => {
    const other = mockOf(factory.create());
    const healthy = mockOf(factory.create());
    other.webContents.mainFrame.url = 'https://evil.example/';
    win.close();
    binding.sendEvent('auth.progress', { stage: 'done' });
    expect(other.webContents.sent).toEqual([]);
    expect(win.webContents.sent).toEqual([]);
    expect(healthy.webContents.sent).toHaveLength(1);
  });
});

describe('shutdown', () => {
  it('waits for a call in flight, and turns away new calls meanwhile', async () => {
    let release: () => void = () => undefined;
    fakes.appInfo.mockImplementationOnce(
      () =>
        new Promise((resolveInfo) => {
          release = () =>
            resolveInfo({ mode: 'electron', version: '0.1.0', serverOrigin: 'x', testMode: false });
        }),
    );
    const slow = callFrom(win.webContents, 'app.info', {});
    await vi.waitFor(() => expect(binding.inFlight()).toBe(1), { timeout: 1000 });

    let drained: boolean | null = null;
    const draining = binding.drain(5000).then((done) => (drained = done));
    const late = await callFrom(win.webContents, 'app.info', {});
    expect(late).toMatchObject({ ok: false, error: { code: 'APP_CLOSING' } });
    expect(drained).toBeNull();

    release();
    expect((await slow).ok).toBe(true);
    await draining;
    expect(drained).toBe(true);
    expect(binding.inFlight()).toBe(0);
  });

  it('gives up waiting after the timeout', async () => {
    fakes.appInfo.mockImplementationOnce(() => new Promise(() => undefined));
    void callFrom(win.webContents, 'app.info', {});
    await vi.waitFor(() => expect(binding.inFlight()).toBe(1), { timeout: 1000 });
    const started = Date.now();
    expect(await binding.drain(50)).toBe(false);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('removes its handler when unbound', () => {
    expect(ipcMain.handlers.has(IPC_INVOKE_CHANNEL)).toBe(true);
    binding.unbind();
    binding.unbind();
    expect(ipcMain.handlers.has(IPC_INVOKE_CHANNEL)).toBe(false);
  });
});
