// Uploads driven at the socket level: a client that keeps sending a large body until the server
// answers, and a count of the bytes the server actually read from it.
import { request } from 'node:http';
import type { Socket } from 'node:net';
import type { RunningServer } from './support';

/** The answer as JSON, or as text when it is not JSON (so a failure message shows it). */
function bodyOf(chunks: Buffer[]): unknown {
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export interface StreamedUpload {
  status: number;
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
  /** Bytes this client handed to its socket before the answer came. */
  bytesWritten: number;
}

/**
 * POSTs `totalBytes` of JSON-ish filler in 64 KiB chunks (declared with Content-Length unless
 * `chunked`), stopping as soon as an answer arrives. Resolves with that answer; rejects if the
 * connection fails before any answer.
 */
export function streamUpload(
  url: string,
  path: string,
  options: { totalBytes: number; chunked?: boolean; session?: string },
): Promise<StreamedUpload> {
  const target = new URL(path, url);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (!options.chunked) headers['content-length'] = String(options.totalBytes);
  if (options.session) headers.authorization = `Bearer ${options.session}`;
  return new Promise((resolve, reject) => {
    let written = 0;
    let answered = false;
    const req = request(target, { method: 'POST', headers, agent: false });
    req.on('response', (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const body = bodyOf(chunks);
        resolve({ status: res.statusCode ?? 0, body, headers: res.headers, bytesWritten: written });
        req.destroy();
      });
    });
    req.on('error', (e) => {
      if (!answered) reject(e);
    });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const pump = (): void => {
      while (!answered && written < options.totalBytes) {
        written += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      if (!answered && options.chunked) req.end();
    };
    req.write('{"mutations":[');
    pump();
  });
}

/** Counts the bytes the server reads from each connection it accepts, until stopped. */
export function countBytesRead(server: RunningServer): { total(): number; stop(): void } {
  const sockets = new Set<Socket>();
  const onConnection = (socket: Socket): void => {
    sockets.add(socket);
  };
  server.app.server.on('connection', onConnection);
  return {
    total: () => [...sockets].reduce((sum, s) => sum + s.bytesRead, 0),
    stop: () => server.app.server.off('connection', onConnection),
  };
}

/** A request whose path goes on the wire exactly as given (fetch would normalise it). */
export function rawRequest(
  url: string,
  method: 'GET' | 'POST',
  path: string,
  options: { session?: string; body?: string } = {},
): Promise<{ status: number; body: unknown }> {
  const base = new URL(url);
  const headers: Record<string, string> = {};
  if (options.session) headers.authorization = `Bearer ${options.session}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  return new Promise((resolve, reject) => {
    const req = request(
      { host: base.hostname, port: base.port, method, path, headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, body: bodyOf(chunks) });
        });
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}
