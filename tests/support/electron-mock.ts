// A stand-in for the `electron` module in unit tests (vitest.config.ts aliases `electron` here).
// Electron's binary is not installed in CI, so the shell is tested against this: it keeps the
// parts of Electron's behaviour the shell relies on (event order of quit, one handler per IPC
// channel, privileged schemes only before ready, contextBridge refusing to overwrite) and
// records what the code under test did, so tests can assert on it.
import { EventEmitter } from 'node:events';

/** Electron's Event: preventDefault plus whatever fields the event carries. */
export class MockEvent {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export function mockEvent<T extends object>(fields?: T): MockEvent & T {
  return Object.assign(new MockEvent(), fields ?? ({} as T));
}

// --- session ---------------------------------------------------------------------------------

export type PermissionRequestHandler = (
  contents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details: unknown,
) => void;
export type PermissionCheckHandler = (
  contents: unknown,
  permission: string,
  requestingOrigin: string,
  details: unknown,
) => boolean;
export interface HeadersDetails {
  url: string;
  responseHeaders?: Record<string, string[]>;
  [key: string]: unknown;
}
export type HeadersListener = (
  details: HeadersDetails,
  callback: (response: {
    cancel?: boolean;
    responseHeaders?: Record<string, string | string[]>;
  }) => void,
) => void;

export class MockSession {
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: PermissionCheckHandler | null = null;
  headersReceivedListener: HeadersListener | null = null;
  readonly webRequest = {
    onHeadersReceived: (filterOrListener: unknown, maybeListener?: unknown): void => {
      const listener = typeof filterOrListener === 'function' ? filterOrListener : maybeListener;
      this.headersReceivedListener = (listener as HeadersListener | null | undefined) ?? null;
    },
  };
  setPermissionRequestHandler(handler: PermissionRequestHandler | null): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: PermissionCheckHandler | null): void {
    this.permissionCheckHandler = handler;
  }
}

export const session: { defaultSession: MockSession } = { defaultSession: new MockSession() };

// --- web contents and windows ---------------------------------------------------------------

export class MockWebFrameMain {
  constructor(
    public url: string,
    public parent: MockWebFrameMain | null = null,
  ) {}
}

export type WindowOpenHandler = (details: { url: string; [key: string]: unknown }) => {
  action: 'allow' | 'deny';
};

let nextContentsId = 1;

export class MockWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  readonly session: MockSession = session.defaultSession;
  readonly mainFrame = new MockWebFrameMain('');
  windowOpenHandler: WindowOpenHandler | null = null;
  readonly sent: Array<{ channel: string; args: unknown[] }> = [];
  readonly loadedUrls: string[] = [];
  private destroyed = false;

  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrls.push(url);
    this.mainFrame.url = url;
    return Promise.resolve();
  }
  getURL(): string {
    return this.mainFrame.url;
  }
  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.sent.push({ channel, args });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
    this.emit('destroyed');
  }
}

export class BrowserWindow extends EventEmitter {
  static readonly live = new Set<BrowserWindow>();
  static getAllWindows(): BrowserWindow[] {
    return [...BrowserWindow.live];
  }
  static fromWebContents(contents: unknown): BrowserWindow | null {
    return [...BrowserWindow.live].find((win) => win.webContents === contents) ?? null;
  }

  readonly webContents = new MockWebContents();
  visible: boolean;
  minimized = false;
  focusCount = 0;
  restoreCount = 0;
  menuRemoved = false;
  private destroyed = false;

  constructor(readonly options: Record<string, unknown> = {}) {
    super();
    this.visible = options.show !== false;
    BrowserWindow.live.add(this);
    // Electron announces every new web contents on the app before the constructor returns.
    app.emit('web-contents-created', mockEvent(), this.webContents);
  }

  loadURL(url: string): Promise<void> {
    return this.webContents.loadURL(url);
  }
  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
  }
  isVisible(): boolean {
    return this.visible;
  }
  focus(): void {
    this.focusCount += 1;
  }
  minimize(): void {
    this.minimized = true;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
    this.restoreCount += 1;
  }
  removeMenu(): void {
    this.menuRemoved = true;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** Like the user closing it: 'close', then 'closed', then 'window-all-closed' if it was last. */
  close(): void {
    if (this.destroyed) return;
    const event = mockEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return;
    this.destroy();
  }
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.webContents.destroy();
    BrowserWindow.live.delete(this);
    this.emit('closed');
    if (BrowserWindow.live.size === 0) app.emit('window-all-closed');
  }
}

// --- app ------------------------------------------------------------------------------------

class MockApp extends EventEmitter {
  isPackaged = false;
  /** What requestSingleInstanceLock answers. */
  singleInstanceLockAvailable = true;
  sandboxEnabled = false;
  quitCalls = 0;
  exitCode: number | null = null;
  /** True once a quit went through (no 'before-quit' listener prevented it). */
  hasQuit = false;
  version = '0.1.0-test';
  readonly paths: Record<string, string> = { userData: '/nonexistent/shebao-test-userdata' };
  private readyFlag = false;
  private readyWaiters: Array<() => void> = [];

  requestSingleInstanceLock(): boolean {
    return this.singleInstanceLockAvailable;
  }
  enableSandbox(): void {
    if (this.readyFlag) throw new Error('app.enableSandbox() must be called before app is ready');
    this.sandboxEnabled = true;
  }
  isReady(): boolean {
    return this.readyFlag;
  }
  whenReady(): Promise<void> {
    if (this.readyFlag) return Promise.resolve();
    return new Promise((resolveReady) => this.readyWaiters.push(resolveReady));
  }
  /** Test control: the moment Electron would emit 'ready'. */
  becomeReady(): void {
    if (this.readyFlag) return;
    this.readyFlag = true;
    this.emit('ready');
    for (const wake of this.readyWaiters.splice(0)) wake();
  }
  getPath(name: string): string {
    const found = this.paths[name];
    if (found === undefined) throw new Error(`Failed to get '${name}' path`);
    return found;
  }
  getVersion(): string {
    return this.version;
  }
  getName(): string {
    return 'Shebao Desk';
  }
  quit(): void {
    this.quitCalls += 1;
    const event = mockEvent();
    this.emit('before-quit', event);
    if (event.defaultPrevented) return;
    this.hasQuit = true;
    this.emit('will-quit', mockEvent());
  }
  exit(code = 0): void {
    this.exitCode = code;
    this.hasQuit = true;
  }
  resetState(): void {
    this.removeAllListeners();
    this.isPackaged = false;
    this.singleInstanceLockAvailable = true;
    this.sandboxEnabled = false;
    this.quitCalls = 0;
    this.exitCode = null;
    this.hasQuit = false;
    this.readyFlag = false;
    this.readyWaiters = [];
    this.paths.userData = '/nonexistent/shebao-test-userdata';
  }
}

export const app = new MockApp();

// --- IPC ------------------------------------------------------------------------------------

export type MainInvokeHandler = (event: unknown, ...args: unknown[]) => unknown;

class MockIpcMain extends EventEmitter {
  readonly handlers = new Map<string, MainInvokeHandler>();
  handle(channel: string, handler: MainInvokeHandler): void {
    if (this.handlers.has(channel)) {
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    }
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** Test control: what Electron does when a renderer calls ipcRenderer.invoke. */
  async invokeFrom(event: unknown, channel: string, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler(event, ...args);
  }
}

export const ipcMain = new MockIpcMain();

class MockIpcRenderer extends EventEmitter {
  readonly invocations: Array<{ channel: string; args: unknown[] }> = [];
  /** What ipcRenderer.invoke answers; tests replace it. */
  respond: (channel: string, args: unknown[]) => Promise<unknown> = () =>
    Promise.reject(new Error('No handler registered'));
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invocations.push({ channel, args });
    return this.respond(channel, args);
  }
  send(channel: string, ...args: unknown[]): void {
    this.invocations.push({ channel, args });
  }
}

export const ipcRenderer = new MockIpcRenderer();

export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown): void {
    if (contextBridge.exposed.has(key)) {
      throw new Error('Cannot bind an API on top of an existing property on the window object');
    }
    contextBridge.exposed.set(key, api);
  },
};

// --- protocol, shell, dialog ----------------------------------------------------------------

export type ProtocolHandler = (request: Request) => Response | Promise<Response>;

export const protocol = {
  privileged: [] as Array<{ scheme: string; privileges?: Record<string, boolean> }>,
  handlers: new Map<string, ProtocolHandler>(),
  registerSchemesAsPrivileged(
    schemes: Array<{ scheme: string; privileges?: Record<string, boolean> }>,
  ): void {
    if (app.isReady()) {
      throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    }
    protocol.privileged.push(...schemes);
  },
  handle(scheme: string, handler: ProtocolHandler): void {
    if (protocol.handlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
    protocol.handlers.set(scheme, handler);
  },
  unhandle(scheme: string): void {
    protocol.handlers.delete(scheme);
  },
  isProtocolHandled(scheme: string): boolean {
    return protocol.handlers.has(scheme);
  },
};

export const shell = {
  opened: [] as string[],
  openExternal(url: string): Promise<void> {
    shell.opened.push(url);
    return Promise.resolve();
  },
};

export const dialog = {
  errorBoxes: [] as Array<{ title: string; content: string }>,
  showErrorBox(title: string, content: string): void {
    dialog.errorBoxes.push({ title, content });
  },
};

// --- safeStorage ----------------------------------------------------------------------------

/**
 * Like DPAPI: what one "account" sealed only that account unseals. `account` is the test's
 * stand-in for the Windows user; blobs carry it (XOR-masked) and decrypting as another fails.
 */
export const safeStorage = {
  available: true,
  account: 'clerk',
  isEncryptionAvailable(): boolean {
    return safeStorage.available;
  },
  encryptString(plain: string): Buffer {
    if (!safeStorage.available) throw new Error('Encryption is not available.');
    const body = Buffer.from(`${safeStorage.account}\n${plain}`, 'utf8');
    return Buffer.concat([Buffer.from('v10'), body.map((b) => b ^ 0x5a)]);
  },
  decryptString(blob: Buffer): string {
    if (!safeStorage.available) throw new Error('Decryption is not available.');
    if (!blob.subarray(0, 3).equals(Buffer.from('v10'))) throw new Error('Error while decrypting');
    const body = Buffer.from(blob.subarray(3).map((b) => b ^ 0x5a)).toString('utf8');
    const cut = body.indexOf('\n');
    if (body.slice(0, cut) !== safeStorage.account) throw new Error('Error while decrypting');
    return body.slice(cut + 1);
  },
};

/** Puts every part of the mock back to a fresh state; call in beforeEach. */
export function resetElectronMock(): void {
  app.resetState();
  ipcMain.removeAllListeners();
  ipcMain.handlers.clear();
  ipcRenderer.removeAllListeners();
  ipcRenderer.invocations.length = 0;
  ipcRenderer.respond = () => Promise.reject(new Error('No handler registered'));
  contextBridge.exposed.clear();
  protocol.privileged.length = 0;
  protocol.handlers.clear();
  shell.opened.length = 0;
  dialog.errorBoxes.length = 0;
  for (const win of [...BrowserWindow.live]) BrowserWindow.live.delete(win);
  // A fresh session, so code that hardens each session once hardens this one again.
  session.defaultSession = new MockSession();
  safeStorage.available = true;
  safeStorage.account = 'clerk';
}

export default {
  app,
  BrowserWindow,
  contextBridge,
  dialog,
  ipcMain,
  ipcRenderer,
  protocol,
  safeStorage,
  session,
  shell,
};
