// Browser mode keeps its secret out of sight and serves one browser connection at a time: the
// real renderer in Debian's Chromium, against the real browser-mode host.
import { resolve } from 'node:path';
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { startBrowserHost, type BrowserHost } from '../../electron/browser/browser-host';
import { recordingServices } from '../support/fake-services';
import { openPage, type OpenBrowser } from '../support/browser';

const rendererDir = resolve('out/renderer');
let host: BrowserHost | null = null;
let browser: OpenBrowser | null = null;
afterEach(async () => {
  await browser?.close();
  browser = null;
  await host?.close();
  host = null;
});

/** Opens a raw bridge connection; resolves with how it ended up: accepted, or closed (code). */
function tryConnect(h: BrowserHost): Promise<{ ws: WebSocket; accepted: boolean; code?: number }> {
  const secret = h.url.split('#bridge=')[1]!;
  const ws = new WebSocket(`${h.origin.replace('http', 'ws')}/bridge?secret=${secret}`, {
    origin: h.origin,
  });
  return new Promise((done, fail) => {
    ws.once('message', (data) => {
      const first = JSON.parse(String(data)) as { event?: string };
      done({ ws, accepted: first.event === 'bridge.accepted' });
    });
    ws.once('close', (code) => done({ ws, accepted: false, code }));
    ws.once('error', fail);
  });
}

describe('browser mode', () => {
  it('takes the secret out of the address bar and history once the page has it', async () => {
    let snapshots = 0;
    const { services } = recordingServices({
      'tokens.snapshot': async () => {
        snapshots += 1;
        return { tokens: [], moduleErrors: [], clock: { skewed: false, offsetMinutes: 0 } };
      },
    });
    host = await startBrowserHost({ services, rendererDir });
    browser = await openPage(host.url);
    const { page } = browser;
    await page.getByText('单位经办人登录').first().waitFor({ timeout: 30_000 });
    expect(snapshots).toBeGreaterThan(0);
    expect(page.url()).toBe(`${host.origin}/`);
    expect(page.url()).not.toContain('bridge=');
    expect(await page.evaluate('location.hash')).toBe('');
    // A reload of the same tab still connects (the tab keeps the secret, not the address bar).
    const before = snapshots;
    await page.reload();
    await page.getByText('单位经办人登录').first().waitFor({ timeout: 30_000 });
    await expect.poll(() => snapshots, { timeout: 30_000 }).toBeGreaterThan(before);
    expect(page.url()).toBe(`${host.origin}/`);
  }, 90_000);

  it('one connection at a time: a second is closed while the first is open, then admitted', async () => {
    const { services } = recordingServices();
    host = await startBrowserHost({ services, rendererDir });
    const first = await tryConnect(host);
    expect(first.accepted).toBe(true);
    const second = await tryConnect(host);
    expect(second).toMatchObject({ accepted: false, code: 4409 });
    const closed = new Promise((done) => first.ws.once('close', done));
    first.ws.close();
    await closed;
    const third = await tryConnect(host);
    expect(third.accepted).toBe(true);
    third.ws.close();
  });

  it('a second browser tab is told plainly that the app is open elsewhere', async () => {
    const { services } = recordingServices();
    host = await startBrowserHost({ services, rendererDir });
    const holder = await tryConnect(host);
    expect(holder.accepted).toBe(true);
    browser = await openPage(host.url);
    await browser.page
      .getByText('社保经办助手已在另一个浏览器窗口中打开')
      .first()
      .waitFor({ timeout: 30_000 });
    holder.ws.close();
  }, 90_000);
});
