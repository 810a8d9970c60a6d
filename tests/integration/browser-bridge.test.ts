import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { startBrowserHost, type BrowserHost } from '../../electron/browser/browser-host';
import { recordingServices } from '../support/fake-services';

function rendererDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'shebao-renderer-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>t</title>');
  return dir;
}

function connect(url: string, origin: string, host?: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { origin, ...(host ? { headers: { host } } : {}) });
    // An accepted connection says so first (a refused second one is closed instead).
    ws.once('message', (data) => {
      const first = JSON.parse(String(data)) as { event?: string };
      if (first.event === 'bridge.accepted') resolve(ws);
      else reject(new Error(`unexpected first message ${String(data)}`));
    });
    ws.once('close', (code) => reject(new Error(`closed ${code}`)));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function nextMessage(ws: WebSocket): Promise<unknown> {
  return new Promise((resolve) => ws.once('message', (data) => resolve(JSON.parse(String(data)))));
}

let host: BrowserHost | null = null;
afterEach(async () => {
  await host?.close();
  host = null;
});

function bridgeUrl(h: BrowserHost, secret: string): string {
  return `${h.origin.replace('http', 'ws')}/bridge?secret=${secret}`;
}

describe('browser mode bridge (loopback WebSocket)', () => {
  it('listens on 127.0.0.1 only and keeps its secret in the URL fragment', async () => {
    const { services } = recordingServices();
    host = await startBrowserHost({ services, rendererDir: rendererDir() });
    expect(host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(host.url).toMatch(/#bridge=[0-9a-f]{64}$/);
    const page = await fetch(host.origin + '/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('refuses a wrong secret', async () => {
    const { services } = recordingServices();
    host = await startBrowserHost({ services, rendererDir: rendererDir() });
    await expect(connect(bridgeUrl(host, 'f'.repeat(64)), host.origin)).rejects.toThrow(/403/);
  });

  it('refuses another origin even with the right secret', async () => {
    const { services } = recordingServices();
    host = await startBrowserHost({ services, rendererDir: rendererDir() });
    const secret = host.url.split('#bridge=')[1]!;
    await expect(connect(bridgeUrl(host, secret), 'http://evil.example')).rejects.toThrow(/403/);
  });

  it('refuses a page that reached it under another host name (DNS rebinding)', async () => {
    const { services } = recordingServices();
    host = await startBrowserHost({ services, rendererDir: rendererDir() });
    const secret = host.url.split('#bridge=')[1]!;
    await expect(
      connect(bridgeUrl(host, secret), host.origin, 'rebind.example:80'),
    ).rejects.toThrow(/403/);
  });

  it('carries a call and its answer, and pushes events, for the right origin and secret', async () => {
    const { services, calls, emit } = recordingServices();
    host = await startBrowserHost({ services, rendererDir: rendererDir() });
    const secret = host.url.split('#bridge=')[1]!;
    const ws = await connect(bridgeUrl(host, secret), host.origin);
    const answer = nextMessage(ws);
    ws.send(JSON.stringify({ id: 7, method: 'app.info', input: {} }));
    expect(await answer).toMatchObject({ id: 7, result: { ok: true, value: { mode: 'browser' } } });
    expect(calls).toHaveLength(1);

    const event = nextMessage(ws);
    emit('auth.progress', { stage: 'signing' });
    expect(await event).toEqual({ event: 'auth.progress', payload: { stage: 'signing' } });
    ws.close();
  });
});
