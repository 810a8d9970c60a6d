// The reference social-insurance service: Fastify over one SQLite file. Route modules get the
// shared ServiceContext; later issues add theirs next to routes/auth.ts.
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import type { ServiceContext } from './context';
import { seedDemo } from './demo/seed';
import { badRequest, ServiceError } from './errors';
import { TrustStore } from './pki/trust-store';
import { registerAuthRoutes } from './routes/auth';
import { registerMeRoutes } from './routes/me';
import { openDatabase } from './store/database';
import { Directory } from './store/directory';
import { NonceStore } from './store/nonces';
import { SessionStore } from './store/sessions';
import { describeError } from '../domain/errors';

export interface ServerOptions {
  dataDir: string;
  /** Root and intermediate CA certificates (*.pem) and CRLs (*.crl) the service trusts. */
  trustDir: string;
  /** Seed the demo units, persons and roles (server/demo/demo-data.ts). */
  demo: boolean;
  /** The origin string signed texts carry; default http://127.0.0.1:<bound port>. */
  origin?: string;
  now?: () => Date;
  sessionTtlMs?: number;
  logger?: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The service's stores and clock, for route modules and tests. */
    shebao: ServiceContext;
  }
}

export const DEFAULT_SESSION_TTL_MS = 30 * 60 * 1000;

function boundOrigin(app: FastifyInstance): string {
  const address = app.server.address();
  if (address && typeof address === 'object') {
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return `http://${host}:${address.port}`;
  }
  return 'http://127.0.0.1';
}

function errorBody(code: 'BAD_REQUEST' | 'NOT_FOUND' | 'SERVER_ERROR') {
  const info = describeError(code);
  return { code, message: info.message, action: info.action ?? '' };
}

/** Throws TrustStoreError when the trust directory is missing or holds no root CA. */
export async function buildServer(opts: ServerOptions): Promise<FastifyInstance> {
  const trust = new TrustStore(opts.trustDir);
  trust.current();
  const db = openDatabase(opts.dataDir);
  if (opts.demo) seedDemo(db);

  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: 1024 * 1024,
    return503OnClosing: true,
  });
  const ctx: ServiceContext = {
    db,
    directory: new Directory(db),
    nonces: new NonceStore(db),
    sessions: new SessionStore(db),
    trust,
    now: opts.now ?? (() => new Date()),
    origin: () => opts.origin ?? boundOrigin(app),
    sessionTtlMs: opts.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS,
  };
  app.decorate('shebao', ctx);
  app.addHook('onClose', async () => {
    db.close();
  });

  // Our own JSON parser so that malformed JSON is a BAD_REQUEST like any other bad input, and
  // an empty body (logout) is simply no body. Any other content type reaches the route as raw
  // bytes and fails its schema: never a 415 or 500.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text) as unknown);
    } catch {
      done(badRequest());
    }
  });
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  app.setErrorHandler((error: FastifyError | ServiceError, request, reply) => {
    if (error instanceof ServiceError) return reply.code(error.status).send(error.body());
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) return reply.code(400).send(errorBody('BAD_REQUEST'));
    request.log.error({ err: error }, 'unhandled error');
    return reply.code(500).send(errorBody('SERVER_ERROR'));
  });
  app.setNotFoundHandler((_request, reply) => reply.code(404).send(errorBody('NOT_FOUND')));
  // Answers carry session tokens and personal data: no cache may keep them.
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  registerAuthRoutes(app, ctx);
  registerMeRoutes(app, ctx);
  return app;
}
