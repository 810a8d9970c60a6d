// The packaged renderer is served from a private `app://` scheme instead of file://, so the page
// has a real origin of its own (file:// pages share one with every file on the disk), and every
// response carries our CSP header.
import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { protocol } from 'electron';

export const APP_SCHEME = 'app';
export const APP_HOST = 'shebao-desk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
};

/** Must run before the app is ready (Electron's rule for privileged schemes). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      // standard + secure: a real origin that counts as a secure context. supportFetchAPI lets
      // the page load its own module scripts; corsEnabled stays off, so no other origin can read
      // app:// responses.
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ]);
}

/** Answers an `app://` request from the files under `rootDir`, never outside it. */
export async function serveAppRequest(
  request: Request,
  rootDir: string,
  csp: string,
): Promise<Response> {
  const plain = (status: number): Response =>
    new Response(null, { status, headers: { 'X-Content-Type-Options': 'nosniff' } });
  if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405);

  let url: URL;
  let pathname: string;
  try {
    url = new URL(request.url);
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return plain(400);
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return plain(404);
  if (pathname.includes('\0')) return plain(400);

  const root = resolve(rootDir);
  const file = resolve(root, `.${pathname.endsWith('/') ? `${pathname}index.html` : pathname}`);
  if (!file.startsWith(root + sep)) return plain(404);

  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return plain(404);
  }
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
    status: 200,
    headers: {
      'Content-Type': contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Security-Policy': csp,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
    },
  });
}

/** After ready: serve the built renderer on `app://`. */
export function handleAppScheme(rootDir: string, csp: string): void {
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(request, rootDir, csp));
}
