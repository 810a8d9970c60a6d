// The fault proxy itself: each fault does what the exactly-once tests rely on it doing.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFaultProxy, type Fault } from '../support/fault-proxy';

let target: Server;
let targetUrl: string;
let received = 0;

beforeAll(async () => {
  target = createServer((req, res) => {
    received++;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          n: received,
          echo: Buffer.concat(chunks).toString(),
          pad: 'x'.repeat(4000),
        }),
      );
    });
  });
  await new Promise<void>((r) => target.listen(0, '127.0.0.1', r));
  const address = target.address();
  if (!address || typeof address !== 'object') throw new Error('no address');
  targetUrl = `http://127.0.0.1:${address.port}`;
});

afterAll(async () => {
  await new Promise<void>((r) => target.close(() => r()));
});

async function through(fault: Fault | null) {
  const proxy = await startFaultProxy({ target: targetUrl, plan: () => fault });
  const before = received;
  const started = Date.now();
  try {
    const res = await fetch(`${proxy.url}/x`, {
      method: 'POST',
      body: 'hello',
      signal: AbortSignal.timeout(5000),
    });
    const text = await res.text();
    return {
      ok: true as const,
      status: res.status,
      text,
      headers: res.headers,
      reached: received - before,
      ms: Date.now() - started,
      stats: proxy.stats,
    };
  } catch (e) {
    return {
      ok: false as const,
      error: e,
      reached: received - before,
      ms: Date.now() - started,
      stats: proxy.stats,
    };
  } finally {
    await proxy.close();
  }
}

describe('fault proxy', () => {
  it('without a fault it forwards the request and the answer unchanged', async () => {
    const r = await through(null);
    expect(r.ok && r.status).toBe(200);
    expect(r.ok && (JSON.parse(r.text) as { echo: string }).echo).toBe('hello');
    expect(r.reached).toBe(1);
  });

  it('drop-request: the client sees a failure and the server never sees the request', async () => {
    const r = await through({ kind: 'drop-request' });
    expect(r.ok).toBe(false);
    expect(r.reached).toBe(0);
    expect(r.stats.faults['drop-request']).toBe(1);
  });

  it('drop-response: the server handled it, the client sees a failure', async () => {
    const r = await through({ kind: 'drop-response' });
    expect(r.ok).toBe(false);
    expect(r.reached).toBe(1);
  });

  it('reset: the server handled it, the answer breaks off midway', async () => {
    const r = await through({ kind: 'reset' });
    expect(r.ok).toBe(false);
    expect(r.reached).toBe(1);
  });

  it('delay: the answer arrives, late', async () => {
    const r = await through({ kind: 'delay', ms: 150 });
    expect(r.ok && r.status).toBe(200);
    expect(r.ms).toBeGreaterThanOrEqual(140);
  });

  it('status 500 without forwarding, and 503 with Retry-After', async () => {
    const a = await through({ kind: 'status', status: 500 });
    expect(a.ok && a.status).toBe(500);
    expect(a.reached).toBe(0);
    const b = await through({ kind: 'status', status: 503, retryAfterSeconds: 7 });
    expect(b.ok && b.status).toBe(503);
    expect(b.ok && b.headers.get('retry-after')).toBe('7');
    const c = await through({ kind: 'status', status: 500, afterForward: true });
    expect(c.ok && c.status).toBe(500);
    expect(c.reached).toBe(1);
  });

  it('duplicate: the server gets the request twice, the client one answer', async () => {
    const r = await through({ kind: 'duplicate' });
    expect(r.ok && r.status).toBe(200);
    expect(r.reached).toBe(2);
    expect(r.stats.forwarded).toBe(2);
  });

  it('refuses to forward anywhere but loopback', async () => {
    await expect(
      startFaultProxy({ target: 'http://example.com', plan: () => null }),
    ).rejects.toThrow(/loopback/);
  });
});
