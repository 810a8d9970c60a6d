// The rules every window and session obeys, whoever created it: no navigation away from the
// app, no new windows, no <webview>, no permissions, and the CSP of ./csp on our own responses.
import { shell, type Session, type WebContents } from 'electron';

/**
 * Decides whether a URL belongs to the app (the packaged renderer or, in development, the
 * electron-vite dev server). Everything else is foreign.
 */
export type AppUrlCheck = (url: string) => boolean;

export interface SessionHardening {
  isAppUrl: AppUrlCheck;
  csp: string;
}

const hardenedSessions = new WeakSet<Session>();

/** Denies every permission and puts the CSP on the app's own responses. Idempotent per session. */
export function hardenSession(session: Session, options: SessionHardening): void {
  if (hardenedSessions.has(session)) return;
  hardenedSessions.add(session);

  // The app needs no camera, notifications, geolocation, USB, HID or anything else a page can ask
  // for: the token is reached from main through PKCS#11, never from the page.
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);

  session.webRequest.onHeadersReceived((details, callback) => {
    if (!options.isAppUrl(details.url)) {
      callback({});
      return;
    }
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(details.responseHeaders ?? {})) {
      // Ours replaces whatever the dev server sent, whatever its letter case.
      if (name.toLowerCase() !== 'content-security-policy') headers[name] = value;
    }
    headers['Content-Security-Policy'] = [options.csp];
    callback({ responseHeaders: headers });
  });
}

export interface ContentsHardening {
  isAppUrl: AppUrlCheck;
  /** Origins (scheme://host[:port]) whose links may open in the system browser; empty = none. */
  externalOrigins: readonly string[];
}

const hardenedContents = new WeakSet<WebContents>();

/** Blocks navigation, new windows and <webview> on any web contents, ours or not. Idempotent. */
export function hardenWebContents(contents: WebContents, options: ContentsHardening): void {
  if (hardenedContents.has(contents)) return;
  hardenedContents.add(contents);
  const guard = (event: { url: string; preventDefault(): void }): void => {
    if (!options.isAppUrl(event.url)) event.preventDefault();
  };
  contents.on('will-navigate', guard);
  contents.on('will-frame-navigate', guard);
  contents.on('will-redirect', guard);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternal(url, options.externalOrigins)) {
      void shell.openExternal(url).catch(() => undefined);
    }
    return { action: 'deny' };
  });
}

/** True for an http(s) URL whose origin is on the allow-list. */
export function isAllowedExternal(url: string, origins: readonly string[]): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return false;
  if (parsed.username !== '' || parsed.password !== '') return false;
  return origins.includes(parsed.origin);
}

// Switches that would let another program on the PC drive or read the app: a DevTools port or
// pipe, Node's inspector, or weaker web security. An installed build refuses to start with any.
const FORBIDDEN_SWITCHES = new Set([
  'remote-debugging-port',
  'remote-debugging-pipe',
  'remote-debugging-address',
  'remote-allow-origins',
  'inspect',
  'inspect-brk',
  'inspect-brk-node',
  'inspect-port',
  'inspect-publish-uid',
  'debug',
  'debug-brk',
  'js-flags',
  'disable-web-security',
  'ignore-certificate-errors',
  'ignore-certificate-errors-spki-list',
  'allow-insecure-localhost',
  'host-rules',
  'host-resolver-rules',
  'no-sandbox',
  'disable-site-isolation-trials',
  'load-extension',
  'proxy-pac-url',
]);

/**
 * The forbidden switches present in `argv` (as written). Chromium reads `--x`, `-x` and, on
 * Windows, `/x`, in any letter case, with or without `=value`; so does this.
 */
export function forbiddenSwitches(
  argv: readonly string[],
  platform: NodeJS.Platform = process.platform,
): string[] {
  const found: string[] = [];
  for (const arg of argv.slice(1)) {
    if (arg === '--' || arg === '-') break;
    const match = (platform === 'win32' ? /^(?:--?|\/)([^=]+)/ : /^--?([^=]+)/).exec(arg);
    if (!match) continue;
    const name = match[1]!.toLowerCase().replace(/_/g, '-');
    if (FORBIDDEN_SWITCHES.has(name)) found.push(arg.split('=')[0]!);
  }
  return found;
}
