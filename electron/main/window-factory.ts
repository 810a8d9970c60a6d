// The one place windows are made, so every window gets the same safe defaults: isolated,
// sandboxed, no Node, no <webview>, navigation and new windows blocked, shown only once painted.
import { BrowserWindow, type WebContents } from 'electron';
import { APP_ENTRY_URL, APP_HOST, APP_SCHEME } from './app-protocol';
import { buildCsp } from './csp';
import { hardenSession, hardenWebContents } from './security';

export const PRODUCT_NAME = 'Shebao Desk';

export interface WindowFactoryOptions {
  /** Absolute path of the built preload script (CommonJS: sandboxed preloads cannot load ESM). */
  preloadPath: string;
  /** ELECTRON_RENDERER_URL from electron-vite; ignored in a packaged build. */
  devServerUrl: string | null | undefined;
  isPackaged: boolean;
  /** Origins whose links may open in the system browser; by default none. */
  externalOrigins?: readonly string[];
  log: { warn(message: string): void };
}

export interface WindowFactory {
  /** Where windows load the renderer from. */
  readonly entryUrl: string;
  /** The CSP our own documents are served with. */
  readonly csp: string;
  isAppUrl(url: string): boolean;
  /** True only for the web contents of a live window this factory made. */
  isOurWindow(contents: WebContents): boolean;
  create(): BrowserWindow;
  windows(): BrowserWindow[];
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The dev server's origin, only when it is honoured: not packaged, http, loopback. */
export function devServerOrigin(
  url: string | null | undefined,
  isPackaged: boolean,
): string | null {
  if (isPackaged || !url) return null;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' || !LOOPBACK_HOSTS.has(parsed.hostname)) return null;
    return parsed.origin;
  } catch {
    return null;
  }
}

export function createWindowFactory(options: WindowFactoryOptions): WindowFactory {
  const devOrigin = devServerOrigin(options.devServerUrl, options.isPackaged);
  if (options.devServerUrl && devOrigin === null) {
    options.log.warn('ELECTRON_RENDERER_URL ignored: only a loopback http URL in development.');
  }
  const entryUrl = devOrigin ? `${devOrigin}/` : APP_ENTRY_URL;
  const csp = buildCsp({ devServerOrigin: devOrigin });
  const live = new Set<BrowserWindow>();

  const isAppUrl = (url: string): boolean => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return false;
    }
    if (parsed.username !== '' || parsed.password !== '') return false;
    if (devOrigin !== null) return parsed.origin === devOrigin;
    // Non-special schemes have an opaque ("null") origin in WHATWG URL; compare the parts.
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  };

  const create = (): BrowserWindow => {
    const win = new BrowserWindow({
      title: PRODUCT_NAME,
      // Fits a 1366×768 laptop screen with the taskbar showing.
      width: 1280,
      height: 720,
      minWidth: 1024,
      minHeight: 700,
      show: false,
      backgroundColor: '#ffffff',
      autoHideMenuBar: true,
      webPreferences: {
        preload: options.preloadPath,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webviewTag: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        experimentalFeatures: false,
        navigateOnDragDrop: false,
        spellcheck: false,
        devTools: !options.isPackaged,
      },
    });
    live.add(win);
    win.on('closed', () => live.delete(win));
    if (options.isPackaged) win.removeMenu();

    hardenSession(win.webContents.session, { isAppUrl, csp });
    hardenWebContents(win.webContents, {
      isAppUrl,
      externalOrigins: options.externalOrigins ?? [],
    });
    // No white flash and no half-drawn window: show once the first frame is ready.
    win.once('ready-to-show', () => win.show());
    // A page that fails to load never becomes ready; show the window rather than leave an
    // invisible app holding the single-instance lock.
    win.webContents.on('did-fail-load', (_event, code, description, url, isMainFrame) => {
      if (!isMainFrame) return;
      options.log.warn(`The window failed to load ${url}: ${description} (${code}).`);
      if (!win.isDestroyed() && !win.isVisible()) win.show();
    });
    win.loadURL(entryUrl).catch((error: unknown) => {
      const reason = error instanceof Error ? error.message : String(error);
      options.log.warn(`The window could not load ${entryUrl}: ${reason}`);
    });
    return win;
  };

  return {
    entryUrl,
    csp,
    isAppUrl,
    isOurWindow: (contents) =>
      [...live].some((win) => !win.isDestroyed() && win.webContents === contents),
    create,
    windows: () => [...live].filter((win) => !win.isDestroyed()),
  };
}
