// Browser mode: the same renderer served to a browser on 127.0.0.1, and the same contract carried
// over a loopback WebSocket to the same services. For development and tests where Electron's
// binary cannot be installed. Guarded by a per-run secret; refuses other origins; never part of
// a packaged build (it is not an entry of the Electron bundle, and it refuses to run in Electron).
// One browser connection at a time: while one is open, another (a second tab, or another program
// that learnt the secret) is closed at once with BRIDGE_BUSY_CLOSE.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  BRIDGE_ACCEPTED_EVENT,
  BRIDGE_BUSY_CLOSE,
  BRIDGE_PATH,
  bridgeCallSchema,
  type BridgeServerMessage,
} from '../contract/bridge-wire';
import type { AppServices } from '../services/app-services-types';
import { buildCsp } from '../main/csp';

export interface BrowserHost {
  url: string;
  origin: string;
  close(): Promise<void>;
}

export async function startBrowserHost(options: {
  services: AppServices;
  rendererDir: string;
  port?: number;
}): Promise<BrowserHost> {
  if (process.versions.electron) throw new Error('Browser mode must not run inside Electron.');
  if (!existsSync(options.rendererDir)) {
    throw new Error(
      `Renderer not built: ${options.rendererDir} is missing (run npm run build:renderer).`,
    );
  }
  const secret = randomBytes(32).toString('hex');
  const csp = buildCsp();
  const app: FastifyInstance = Fastify({ logger: false });
  app.addHook('onSend', async (_request, reply) => {
    reply.header('content-security-policy', csp);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('cache-control', 'no-store');
  });
  await app.register(fastifyStatic, { root: options.rendererDir, index: ['index.html'] });
  await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  const origin = `http://127.0.0.1:${address.port}`;

  // Room for the contract's largest input (a 64 MB spreadsheet as base64).
  const wss = new WebSocketServer({ noServer: true, maxPayload: 128 * 1024 * 1024 });
  let active: WebSocket | null = null;
  app.server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (!isAllowed(request, origin, secret)) {
      socket.write('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      socket.destroy();
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      if (active && active.readyState !== active.CLOSED) {
        ws.close(BRIDGE_BUSY_CLOSE, 'busy');
        return;
      }
      active = ws;
      ws.on('close', () => {
        if (active === ws) active = null;
      });
      serve(ws, options.services);
      ws.send(JSON.stringify({ event: BRIDGE_ACCEPTED_EVENT, payload: null }));
    });
  });

  return {
    // The secret rides in the fragment, which browsers never send to a server or write in logs.
    url: `${origin}/#bridge=${secret}`,
    origin,
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      await app.close();
    },
  };
}

function isAllowed(request: IncomingMessage, origin: string, secret: string): boolean {
  const url = new URL(request.url ?? '/', origin);
  if (url.pathname !== BRIDGE_PATH) return false;
  if (request.headers.origin !== origin) return false;
  // A page that rebinds its DNS name to 127.0.0.1 still sends its own name as Host.
  if (request.headers.host !== new URL(origin).host) return false;
  const given = Buffer.from(url.searchParams.get('secret') ?? '');
  const expected = Buffer.from(secret);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function serve(ws: WebSocket, services: AppServices): void {
  const send = (message: BridgeServerMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };
  const off = services.onEvent((event, payload) => send({ event, payload }));
  ws.on('close', off);
  ws.on('message', (data) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(String(data));
    } catch {
      return;
    }
    const call = bridgeCallSchema.safeParse(parsed);
    if (!call.success) return;
    void services
      .call(call.data.method, call.data.input, { transport: 'browser' })
      .then((result) => send({ id: call.data.id, result }));
  });
}
