// Client-side helpers for tests against the reference server: start it on a random loopback
// port in a temp directory with a test PKI's trust store, and log in with software keys.
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import {
  certLoginResponseSchema,
  challengeResponseSchema,
  loginSignedText,
  type ChallengeResponse,
} from '../../domain/protocol/auth';
import { buildServer, type ServerOptions } from '../../server/app';
import { crypto } from '../../server/pki/x509';
import type { KeyAlg, SoftwareIssuedCertificate, TestPki } from '../pki/pki';

export interface RunningServer {
  /** http://127.0.0.1:<port> */
  url: string;
  app: FastifyInstance;
  dataDir: string;
  trustDir: string;
  /** Moves the server's clock (not the test's) by this much from now on. */
  clock: { offsetMs: number };
  close(): Promise<void>;
}

export interface StartOptions {
  pki: TestPki;
  demo?: boolean;
  sessionTtlMs?: number;
  origin?: string;
  /** Reuse a data directory (restart tests); a fresh temp dir otherwise. */
  dataDir?: string;
  /** More server options (review token, auto-review, maintenance windows…). */
  server?: Partial<Omit<ServerOptions, 'dataDir' | 'trustDir' | 'now'>>;
}

export async function startServer(options: StartOptions): Promise<RunningServer> {
  const ownDir = options.dataDir ? null : await mkdtemp(join(tmpdir(), 'shebao-server-'));
  const dataDir = options.dataDir ?? ownDir!;
  const trustDir = join(dataDir, 'trust');
  await options.pki.writeTrustStore(trustDir);
  const clock = { offsetMs: 0 };
  const app = await buildServer({
    // Tests of other things log in far more often than a person could.
    rateLimits: false,
    ...options.server,
    dataDir,
    trustDir,
    demo: options.demo ?? true,
    origin: options.origin,
    sessionTtlMs: options.sessionTtlMs,
    now: () => new Date(Date.now() + clock.offsetMs),
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url,
    app,
    dataDir,
    trustDir,
    clock,
    async close() {
      await app.close();
      if (ownDir) await rm(ownDir, { recursive: true, force: true });
    },
  };
}

export interface HttpResult {
  status: number;
  body: unknown;
  headers: Headers;
}

async function toResult(res: Response): Promise<HttpResult> {
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    // not JSON: keep the text so the test's failure message shows it
  }
  return { status: res.status, body, headers: res.headers };
}

/** POST a value as JSON, or with `raw` a body string as is (malformed-input tests). */
export async function post(
  url: string,
  path: string,
  body: unknown,
  init: { contentType?: string; session?: string; raw?: boolean } = {},
): Promise<HttpResult> {
  // `undefined` sends no body and no content type, as a bare fetch() POST does.
  const headers: Record<string, string> =
    body === undefined ? {} : { 'content-type': init.contentType ?? 'application/json' };
  if (init.session) headers.authorization = `Bearer ${init.session}`;
  const payload = body === undefined ? undefined : init.raw ? String(body) : JSON.stringify(body);
  return toResult(await fetch(url + path, { method: 'POST', headers, body: payload }));
}

export async function get(url: string, path: string, session?: string): Promise<HttpResult> {
  const headers: Record<string, string> = session ? { authorization: `Bearer ${session}` } : {};
  return toResult(await fetch(url + path, { headers }));
}

export async function getChallenge(url: string): Promise<ChallengeResponse> {
  const res = await get(url, '/v1/auth/challenge');
  if (res.status !== 200)
    throw new Error(`challenge failed: ${res.status} ${JSON.stringify(res.body)}`);
  return challengeResponseSchema.parse(res.body);
}

export const sha256Hex = (der: Uint8Array): string =>
  createHash('sha256').update(der).digest('hex');

export interface SoftwareKey {
  privateKey: SoftwareIssuedCertificate['privateKey'];
  alg: KeyAlg;
}

/** Signs text the way a token does: RSA PKCS#1 v1.5 or ECDSA P-256 raw r||s, SHA-256. */
export async function signText(key: SoftwareKey, text: string): Promise<Buffer> {
  const algorithm =
    key.alg === 'rsa' ? { name: 'RSASSA-PKCS1-v1_5' } : { name: 'ECDSA', hash: 'SHA-256' };
  return Buffer.from(
    await crypto.subtle.sign(algorithm, key.privateKey, new TextEncoder().encode(text)),
  );
}

/** The login body for a challenge, signed with the certificate's own key unless told otherwise. */
export async function loginBody(
  challenge: ChallengeResponse,
  cert: SoftwareIssuedCertificate,
  options: { signer?: SoftwareKey; text?: string } = {},
): Promise<{ nonce: string; certificate: string; signature: string }> {
  const text =
    options.text ?? loginSignedText(challenge.origin, challenge.nonce, sha256Hex(cert.der));
  const signature = await signText(options.signer ?? cert, text);
  return {
    nonce: challenge.nonce,
    certificate: cert.der.toString('base64'),
    signature: signature.toString('base64'),
  };
}

/** Challenge, sign, cert-login: the whole round trip a client makes. */
export async function login(url: string, cert: SoftwareIssuedCertificate): Promise<HttpResult> {
  const challenge = await getChallenge(url);
  return post(url, '/v1/auth/cert-login', await loginBody(challenge, cert));
}

/** The session token of a cert-login; throws with the server's answer when it refuses. */
export async function loginSession(url: string, cert: SoftwareIssuedCertificate): Promise<string> {
  const res = await login(url, cert);
  if (res.status !== 200) throw new Error(`login failed: ${JSON.stringify(res.body)}`);
  return certLoginResponseSchema.parse(res.body).session;
}
