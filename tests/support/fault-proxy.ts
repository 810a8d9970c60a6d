// An HTTP proxy on loopback that injects the faults office networks produce, following a plan
// the test scripts per request: drop the request, drop the response after the server committed,
// delay, reset the connection mid-response, answer 500 or 503 + Retry-After, deliver twice.
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type OutgoingHttpHeaders,
} from 'node:http';
import type { Socket } from 'node:net';

export type Fault =
  /** Close the client's connection before anything reaches the server. */
  | { kind: 'drop-request' }
  /** Forward, let the server answer (and commit), then close the client's connection. */
  | { kind: 'drop-response' }
  /** Wait, then forward normally. */
  | { kind: 'delay'; ms: number }
  /** Forward, send the head and part of the body, then reset the connection (RST). */
  | { kind: 'reset' }
  /** Answer this status without forwarding (a gateway failing), or after forwarding. */
  | { kind: 'status'; status: 500 | 502 | 503; retryAfterSeconds?: number; afterForward?: boolean }
  /** Send the request to the server twice at once; the client gets one answer. */
  | { kind: 'duplicate' };

export type FaultKind = Fault['kind'];

export interface RequestInfo {
  method: string;
  url: string;
}

export interface FaultProxyOptions {
  /** http://127.0.0.1:<port> of the real server; loopback only. */
  target: string;
  /** Which fault, if any, request number `index` (0-based) meets. */
  plan: (index: number, req: RequestInfo) => Fault | null;
}

export interface FaultStats {
  requests: number;
  /** Requests that reached the server (a duplicate counts twice). */
  forwarded: number;
  faults: Record<FaultKind, number>;
}

export interface FaultProxy {
  url: string;
  stats: FaultStats;
  close(): Promise<void>;
}

const MAX_DELAY_MS = 10_000;
const MAX_BODY_BYTES = 64 * 1024 * 1024;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
const HOP_BY_HOP = ['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'host'];

interface Upstream {
  status: number;
  headers: OutgoingHttpHeaders;
  body: Buffer;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) req.destroy(new Error('body too large for the fault proxy'));
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function cleanHeaders(headers: IncomingMessage['headers']): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.includes(name)) out[name] = value;
  }
  return out;
}

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const target = new URL(options.target);
  if (target.protocol !== 'http:' || !LOOPBACK.has(target.hostname)) {
    throw new Error(`The fault proxy forwards to loopback only, not ${options.target}`);
  }
  const stats: FaultStats = {
    requests: 0,
    forwarded: 0,
    faults: {
      'drop-request': 0,
      'drop-response': 0,
      delay: 0,
      reset: 0,
      status: 0,
      duplicate: 0,
    },
  };
  const sockets = new Set<Socket>();

  function forward(req: IncomingMessage, body: Buffer): Promise<Upstream> {
    stats.forwarded++;
    return new Promise((resolve, reject) => {
      const headers = cleanHeaders(req.headers);
      headers.host = target.host;
      if (body.length > 0) headers['content-length'] = String(body.length);
      const upstream = httpRequest(
        {
          hostname: target.hostname,
          port: target.port,
          method: req.method,
          path: req.url,
          headers,
          agent: false,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 502,
              headers: cleanHeaders(res.headers),
              body: Buffer.concat(chunks),
            }),
          );
          res.on('error', reject);
        },
      );
      upstream.on('error', reject);
      upstream.end(body);
    });
  }

  const server = createServer((req, res) => {
    const index = stats.requests++;
    const info: RequestInfo = { method: req.method ?? 'GET', url: req.url ?? '/' };
    const fault = options.plan(index, info);
    if (fault) stats.faults[fault.kind]++;

    const send = (up: Upstream): void => {
      res.writeHead(up.status, { ...up.headers, 'content-length': String(up.body.length) });
      res.end(up.body);
    };
    const fail = (): void => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end('fault proxy: upstream failed');
    };

    void (async () => {
      const body = await readBody(req);
      switch (fault?.kind) {
        case 'drop-request':
          req.socket.destroy();
          return;
        case 'drop-response':
          await forward(req, body);
          req.socket.destroy();
          return;
        case 'delay':
          await new Promise((r) => setTimeout(r, Math.min(Math.max(fault.ms, 0), MAX_DELAY_MS)));
          send(await forward(req, body));
          return;
        case 'reset': {
          const up = await forward(req, body);
          res.writeHead(up.status, { ...up.headers, 'content-length': String(up.body.length) });
          res.write(up.body.subarray(0, Math.floor(up.body.length / 2)));
          // Give the half a moment to leave, then RST instead of a clean close.
          await new Promise((r) => setTimeout(r, 5));
          req.socket.resetAndDestroy();
          return;
        }
        case 'status': {
          if (fault.afterForward) await forward(req, body);
          const headers: OutgoingHttpHeaders = { 'content-type': 'application/json' };
          if (fault.retryAfterSeconds !== undefined)
            headers['retry-after'] = String(fault.retryAfterSeconds);
          res.writeHead(fault.status, headers);
          res.end(
            JSON.stringify({
              code: fault.status === 503 ? 'MAINTENANCE' : 'SERVER_ERROR',
              message: 'injected',
            }),
          );
          return;
        }
        case 'duplicate': {
          const [first] = await Promise.all([forward(req, body), forward(req, body)]);
          send(first);
          return;
        }
        default:
          send(await forward(req, body));
      }
    })().catch(fail);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address !== 'object') throw new Error('fault proxy did not bind');

  return {
    url: `http://127.0.0.1:${address.port}`,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
