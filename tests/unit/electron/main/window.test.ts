// The hardened window: what a page inside it can and cannot do.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { BrowserWindow as ElectronWindow } from 'electron';
import {
  BrowserWindow,
  MockWebContents,
  mockEvent,
  resetElectronMock,
  session,
  shell,
  type HeadersDetails,
} from '../../../support/electron-mock';
import { APP_ENTRY_URL, serveAppRequest } from '../../../../electron/main/app-protocol';
import { buildCsp } from '../../../../electron/main/csp';
import { hardenWebContents } from '../../../../electron/main/security';
import {
  createWindowFactory,
  type WindowFactoryOptions,
} from '../../../../electron/main/window-factory';

const warnings: string[] = [];
const log = { warn: (message: string) => warnings.push(message) };

function factory(overrides: Partial<WindowFactoryOptions> = {}) {
  return createWindowFactory({
    preloadPath: '/app/out/preload/index.cjs',
    devServerUrl: undefined,
    isPackaged: true,
    log,
    ...overrides,
  });
}

/** The mock behind the real type the factory returns. */
function mockOf(win: ElectronWindow): BrowserWindow {
  if (!(win instanceof BrowserWindow)) throw new Error('not a mock window');
  return win;
}

function webPreferences(win: BrowserWindow): Record<string, unknown> {
  return win.options.webPreferences as Record<string, unknown>;
}

function runHeaders(details: HeadersDetails) {
  const listener = session.defaultSession.headersReceivedListener;
  if (!listener) throw new Error('no onHeadersReceived listener was registered');
  let answer: Parameters<Parameters<typeof listener>[1]>[0] | undefined;
  listener(details, (response) => (answer = response));
  return answer;
}

function cspDirectives(csp: string): Map<string, string> {
  return new Map(
    csp.split(';').map((part) => {
      const [name = '', ...values] = part.trim().split(/\s+/);
      return [name, values.join(' ')];
    }),
  );
}

beforeEach(() => {
  resetElectronMock();
  warnings.length = 0;
});

describe('window defaults', () => {
  it('isolates the page: context isolation, sandbox, no Node, no <webview>, no spellcheck', () => {
    const win = mockOf(factory().create());
    expect(webPreferences(win)).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      spellcheck: false,
      webSecurity: true,
      preload: '/app/out/preload/index.cjs',
    });
  });

  it('stays hidden until the first frame is ready, then shows', () => {
    const win = mockOf(factory().create());
    expect(win.options.show).toBe(false);
    expect(win.isVisible()).toBe(false);
    win.emit('ready-to-show');
    expect(win.isVisible()).toBe(true);
  });

  it('still appears when the page fails to load, instead of staying invisible', () => {
    const win = mockOf(factory().create());
    win.webContents.emit(
      'did-fail-load',
      mockEvent(),
      -6,
      'ERR_FILE_NOT_FOUND',
      APP_ENTRY_URL,
      true,
    );
    expect(win.isVisible()).toBe(true);
    expect(warnings.some((w) => w.includes('ERR_FILE_NOT_FOUND'))).toBe(true);
  });

  it('has the product title and fits a 1366×768 screen with a 1024×700 minimum', () => {
    const { options } = mockOf(factory().create());
    expect(options.title).toBe('Shebao Desk');
    expect(options).toMatchObject({ minWidth: 1024, minHeight: 700 });
    expect(options.width as number).toBeLessThanOrEqual(1366);
    expect(options.height as number).toBeLessThanOrEqual(768);
    expect(options.height as number).toBeGreaterThanOrEqual(700);
  });

  it('offers developer tools only in an unpackaged build', () => {
    const packaged = mockOf(factory({ isPackaged: true }).create());
    const dev = mockOf(factory({ isPackaged: false }).create());
    expect(webPreferences(packaged).devTools).toBe(false);
    expect(packaged.menuRemoved).toBe(true);
    expect(webPreferences(dev).devTools).toBe(true);
  });

  it('loads the packaged renderer from app:// and a loopback dev server only when unpackaged', () => {
    const packaged = factory({ isPackaged: true, devServerUrl: 'http://localhost:5173' });
    expect(mockOf(packaged.create()).webContents.loadedUrls).toEqual([APP_ENTRY_URL]);

    const dev = factory({ isPackaged: false, devServerUrl: 'http://localhost:5173' });
    expect(mockOf(dev.create()).webContents.loadedUrls).toEqual(['http://localhost:5173/']);

    const remote = factory({ isPackaged: false, devServerUrl: 'http://192.0.2.10:5173' });
    expect(remote.entryUrl).toBe(APP_ENTRY_URL);
    expect(warnings.some((w) => w.includes('ELECTRON_RENDERER_URL'))).toBe(true);
  });
});

describe('navigation and new windows', () => {
  it('blocks navigation to another origin and allows moving within the app', () => {
    const win = mockOf(factory().create());
    for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      const away = mockEvent({ url: 'https://evil.example/login' });
      win.webContents.emit(name, away);
      expect(away.defaultPrevented, name).toBe(true);

      const fileUrl = mockEvent({ url: 'file:///C:/Windows/win.ini' });
      win.webContents.emit(name, fileUrl);
      expect(fileUrl.defaultPrevented, name).toBe(true);

      const within = mockEvent({ url: 'app://shebao-desk/index.html#/home' });
      win.webContents.emit(name, within);
      expect(within.defaultPrevented, name).toBe(false);
    }
  });

  it('in development treats only the dev server origin as the app', () => {
    const win = mockOf(
      factory({ isPackaged: false, devServerUrl: 'http://localhost:5173' }).create(),
    );
    const same = mockEvent({ url: 'http://localhost:5173/?reload' });
    const otherPort = mockEvent({ url: 'http://localhost:8080/' });
    win.webContents.emit('will-navigate', same);
    win.webContents.emit('will-navigate', otherPort);
    expect(same.defaultPrevented).toBe(false);
    expect(otherPort.defaultPrevented).toBe(true);
  });

  it('denies window.open and opens nothing in the system browser by default', () => {
    const win = mockOf(factory().create());
    const handler = win.webContents.windowOpenHandler;
    expect(handler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(handler?.({ url: APP_ENTRY_URL })).toEqual({ action: 'deny' });
    expect(shell.opened).toEqual([]);
  });

  it('opens only allow-listed http(s) links in the system browser, never in the app', () => {
    const win = mockOf(factory({ externalOrigins: ['https://www.12333.gov.cn'] }).create());
    const handler = win.webContents.windowOpenHandler;
    expect(handler?.({ url: 'https://www.12333.gov.cn/help' })).toEqual({ action: 'deny' });
    expect(handler?.({ url: 'https://www.12333.gov.cn.evil.example/' })).toEqual({
      action: 'deny',
    });
    expect(handler?.({ url: 'https://user:pw@www.12333.gov.cn/' })).toEqual({ action: 'deny' });
    expect(handler?.({ url: 'file:///C:/Windows/System32/calc.exe' })).toEqual({ action: 'deny' });
    expect(shell.opened).toEqual(['https://www.12333.gov.cn/help']);
  });

  it('refuses to attach a <webview>', () => {
    const win = mockOf(factory().create());
    const attach = mockEvent();
    win.webContents.emit('will-attach-webview', attach, {}, { src: 'https://evil.example/' });
    expect(attach.defaultPrevented).toBe(true);
  });

  it('hardens web contents the factory did not make, too', () => {
    const stray = new MockWebContents();
    hardenWebContents(stray as never, { isAppUrl: () => false, externalOrigins: [] });
    const nav = mockEvent({ url: 'https://evil.example/' });
    stray.emit('will-navigate', nav);
    expect(nav.defaultPrevented).toBe(true);
    expect(stray.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });
});

describe('permissions', () => {
  it('answers every permission request with "no"', () => {
    const contents = mockOf(factory().create()).webContents;
    const request = session.defaultSession.permissionRequestHandler;
    expect(request).not.toBeNull();
    for (const permission of [
      'media',
      'notifications',
      'geolocation',
      'openExternal',
      'fileSystem',
    ]) {
      const answers: boolean[] = [];
      request?.(contents, permission, (granted) => answers.push(granted), {});
      expect(answers, permission).toEqual([false]);
    }
  });

  it('reports every permission as not granted', () => {
    factory().create();
    const check = session.defaultSession.permissionCheckHandler;
    expect(check).not.toBeNull();
    for (const permission of ['media', 'hid', 'usb', 'serial', 'clipboard-read']) {
      expect(check?.(null, permission, APP_ENTRY_URL, {}), permission).toBe(false);
    }
  });
});

describe('Content-Security-Policy', () => {
  it('is strict for the packaged app: scripts only from itself, no objects, no framing, no forms', () => {
    const csp = cspDirectives(buildCsp());
    expect(csp.get('default-src')).toBe("'self'");
    expect(csp.get('script-src')).toBe("'self'");
    expect(csp.get('style-src')).toBe("'self' 'unsafe-inline'");
    expect(csp.get('img-src')).toBe("'self' data:");
    expect(csp.get('connect-src')).toBe("'self'");
    expect(csp.get('object-src')).toBe("'none'");
    expect(csp.get('base-uri')).toBe("'none'");
    expect(csp.get('frame-ancestors')).toBe("'none'");
    expect(csp.get('form-action')).toBe("'none'");
  });

  it('is put on the dev server’s responses, replacing any policy it sent', () => {
    const dev = factory({ isPackaged: false, devServerUrl: 'http://localhost:5173' });
    dev.create();
    const answer = runHeaders({
      url: 'http://localhost:5173/',
      responseHeaders: {
        'content-type': ['text/html'],
        'content-security-policy': ['default-src *'],
      },
    });
    const headers = answer?.responseHeaders ?? {};
    expect(headers['content-type']).toEqual(['text/html']);
    expect(headers['content-security-policy']).toBeUndefined();
    const csp = cspDirectives(String(headers['Content-Security-Policy']));
    expect(csp.get('object-src')).toBe("'none'");
    expect(csp.get('frame-ancestors')).toBe("'none'");
    // The dev server's hot-reload socket is the one extra allowed connection.
    expect(csp.get('connect-src')).toBe("'self' ws://localhost:5173");
  });

  it('leaves responses from elsewhere (the social-insurance server) alone', () => {
    factory().create();
    expect(
      runHeaders({ url: 'https://si.example.cn/v1/auth/challenge', responseHeaders: {} }),
    ).toEqual({});
  });
});

describe('app:// scheme', () => {
  const root = mkdtempSync(join(tmpdir(), 'shebao-renderer-'));
  mkdirSync(join(root, 'renderer', 'assets'), { recursive: true });
  writeFileSync(join(root, 'renderer', 'index.html'), '<!doctype html><title>x</title>');
  writeFileSync(join(root, 'renderer', 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(root, 'secret.txt'), 'not for the page');
  const rendererDir = join(root, 'renderer');
  const csp = buildCsp();
  const fetchApp = (url: string, method = 'GET') =>
    serveAppRequest(new Request(url, { method }), rendererDir, csp);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('serves the built renderer with the CSP header and the right content type', async () => {
    const page = await fetchApp(APP_ENTRY_URL);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(csp);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('<title>x</title>');

    const script = await fetchApp('app://shebao-desk/assets/app.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('never serves a file outside the renderer folder, another host, or a missing file', async () => {
    const ask = async (url: string, method = 'GET') => (await fetchApp(url, method)).status;
    expect(await ask('app://shebao-desk/..%2fsecret.txt')).toBe(404);
    expect(await ask('app://shebao-desk/%2e%2e/secret.txt')).toBe(404);
    expect(await ask('app://other-host/index.html')).toBe(404);
    expect(await ask('app://shebao-desk/missing.js')).toBe(404);
    expect(await ask('app://shebao-desk/index.html', 'POST')).toBe(405);
    expect(await ask('http://shebao-desk/index.html')).toBe(404);
  });
});
