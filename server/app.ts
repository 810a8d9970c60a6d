// The reference social-insurance service: Fastify over one SQLite file. Route modules get the
// shared ServiceContext; later issues add theirs next to routes/auth.ts.
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import type { ServiceContext } from './context';
import { seedAccountsDemo } from './demo/demo-accounts';
import { seedDemo } from './demo/seed';
import { badRequest, RetryLaterError, ServiceError } from './errors';
import type { RevocationPolicy } from './pki/revocation';
import { TrustStore } from './pki/trust-store';
import { registerAccountRoutes } from './routes/accounts';
import { registerAuthRoutes } from './routes/auth';
import { registerMaintenanceGuard } from './routes/maintenance-guard';
import { registerMeRoutes } from './routes/me';
import { registerReviewRoutes } from './routes/review';
import { routeOf } from './routes/route-of';
import { PUSH_ROUTE, registerSyncRoutes } from './routes/sync';
import { jsonBreach } from './security/json-body';
import {
  defaultRateLimits,
  registerRateLimiting,
  type RateLimitSettings,
} from './security/rate-limits';
import { BatchArchive } from './store/batch-archive';
import { registerReceiptRoutes } from './routes/receipts';
import { registerServiceStatusRoutes } from './routes/service-status';
import { ChangeFeed } from './store/change-feed';
import { openDatabase } from './store/database';
import { DeclarationStore } from './store/declarations';
import { Directory } from './store/directory';
import { NonceStore } from './store/nonces';
import { RosterStore } from './store/roster';
import { SessionStore } from './store/sessions';
import { AutoReviewer, type AutoReviewRule } from './sync/auto-review';
import { Maintenance, type MaintenanceWindow } from './sync/maintenance';
import { loadRegionTables } from './sync/regions';
import { ReviewDesk } from './sync/review-desk';
import { BEIJING_UTC_OFFSET_MINUTES } from './sync/service-time';
import { demoRosters } from './demo/demo-roster';
import { describeError } from '../domain/errors';
import { additionReasonLabels } from '../domain/labels';

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
  /** Bearer token of the review desk (/v1/review/*); without one those endpoints refuse everyone. */
  reviewToken?: string;
  /** Demo reviewer: approve everything, nothing, or return declarations naming someone. */
  autoReview?: AutoReviewRule;
  /** How long the auto-reviewer waits before deciding; 0 decides before the push is answered. */
  autoReviewDelayMs?: number;
  /** Maintenance windows in service time (UTC+8); see sync/maintenance.ts. */
  maintenanceWindows?: readonly MaintenanceWindow[];
  /** Region rule tables; default resources/regions. */
  regionsDir?: string;
  /** Limits on challenge, login and the like; default defaultRateLimits, false for none. */
  rateLimits?: RateLimitSettings | false;
  /** 'fail-open' lets certificates through when their issuer's CRL is missing or stale (demo only). */
  revocation?: RevocationPolicy;
  /** Every captcha's answer, for tests on loopback (server/accounts). */
  testCaptcha?: string;
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
  if (opts.demo) await seedAccountsDemo(db);

  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: 1024 * 1024,
    return503OnClosing: true,
  });
  const now = opts.now ?? (() => new Date());
  const directory = new Directory(db);
  const declarations = new DeclarationStore(db);
  const roster = new RosterStore(db);
  const feed = new ChangeFeed(db);
  const tables = loadRegionTables(opts.regionsDir);
  const review = new ReviewDesk({
    db,
    directory,
    declarations,
    roster,
    feed,
    tables,
    now,
    offsetMinutes: BEIJING_UTC_OFFSET_MINUTES,
  });
  if (opts.demo) {
    for (const [unitNo, persons] of Object.entries(demoRosters)) {
      review.seedRoster(unitNo, persons, additionReasonLabels.newEnrolment);
    }
  }
  const autoReview = new AutoReviewer(
    review,
    declarations,
    opts.autoReview ?? { kind: 'none' },
    opts.autoReviewDelayMs ?? 0,
  );
  const ctx: ServiceContext = {
    db,
    directory,
    nonces: new NonceStore(db),
    sessions: new SessionStore(db),
    trust,
    revocation: opts.revocation ?? 'strict',
    now,
    origin: () => opts.origin ?? boundOrigin(app),
    sessionTtlMs: opts.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS,
    sync: {
      archive: new BatchArchive(db),
      declarations,
      roster,
      feed,
      tables,
      review,
      autoReview,
      maintenance: new Maintenance(opts.maintenanceWindows ?? [], BEIJING_UTC_OFFSET_MINUTES),
      reviewToken: opts.reviewToken ?? null,
      offsetMinutes: BEIJING_UTC_OFFSET_MINUTES,
    },
  };
  app.decorate('shebao', ctx);
  app.addHook('onClose', async () => {
    autoReview.close();
    db.close();
  });

  // Our own JSON parser so that malformed JSON is a BAD_REQUEST like any other bad input, and
  // an empty body (logout) is simply no body. Any other content type reaches the route as raw
  // bytes and fails its schema: never a 415 or 500. What JSON.parse accepts but no request may
  // carry (inexact numbers, deep nesting, huge strings) is refused here with its own code.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    let value: unknown;
    try {
      value = JSON.parse(text) as unknown;
    } catch {
      return done(badRequest());
    }
    const breach = jsonBreach(value);
    if (breach) return done(new ServiceError(breach, 400));
    done(null, value);
  });
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  app.setErrorHandler((error: FastifyError | ServiceError, request, reply) => {
    // Refused before its body was read (no session, maintenance, too large): close the connection
    // rather than read the rest of what the caller is still sending.
    if (!request.raw.complete) reply.header('connection', 'close');
    if (error instanceof RetryLaterError)
      reply.header('retry-after', String(error.retryAfterSeconds));
    if (error instanceof ServiceError) return reply.code(error.status).send(error.body());
    const status = error.statusCode ?? 500;
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      // A push larger than the body limit is a batch the client must split, not a malformed one.
      const tooLarge = new ServiceError(
        routeOf(request) === PUSH_ROUTE ? 'BATCH_TOO_LARGE' : 'REQUEST_VALUE_TOO_LONG',
        413,
      );
      return reply.code(413).send(tooLarge.body());
    }
    if (status >= 400 && status < 500) return reply.code(400).send(errorBody('BAD_REQUEST'));
    request.log.error({ err: error }, 'unhandled error');
    return reply.code(500).send(errorBody('SERVER_ERROR'));
  });
  app.setNotFoundHandler((_request, reply) => reply.code(404).send(errorBody('NOT_FOUND')));
  // Answers carry session tokens and personal data: no cache may keep them.
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  await registerRateLimiting(
    app,
    opts.rateLimits === false ? null : (opts.rateLimits ?? defaultRateLimits),
  );
  registerMaintenanceGuard(app, ctx);
  registerAuthRoutes(app, ctx);
  registerMeRoutes(app, ctx);
  registerSyncRoutes(app, ctx);
  registerAccountRoutes(app, ctx, { testCaptcha: opts.testCaptcha, demo: opts.demo });
  registerReviewRoutes(app, ctx);
  registerServiceStatusRoutes(app, ctx);
  registerReceiptRoutes(app, ctx);
  autoReview.resume();
  return app;
}
