// npm run server -- --port <p> --host 127.0.0.1 --data <dir> [--trust <dir>] [--demo] [--origin <o>]
//   [--crl-fail-open (demo only)] [--rate-limits on|off] [--review-token <t>] [--auto-review approve|none|return-if-name:<name>] [--auto-review-delay-ms <n>]
//   [--maintenance-window "22:00-06:00" | "month-end 22:00-24:00"]...
//   [--updates <dir>]  serves latest.yml and installers from <dir> under /updates/
// Prints one line, `listening on http://127.0.0.1:<port>`, once it accepts connections.
// npm run server -- verify-archive --data <dir> [--trust <dir>]: re-verifies the signed-batch
// archive offline (archive/verify-archive-cli.ts).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { buildServer } from './app';
import { runVerifyArchive } from './archive/verify-archive-cli';
import { TrustStoreError } from './pki/trust-store';
import { registerUpdateRoutes } from './routes/updates';
import { SchemaTooNewError } from './store/database';
import { AutoReviewRuleError, parseAutoReviewRule } from './sync/auto-review';
import { MaintenanceWindowError, parseMaintenanceWindow } from './sync/maintenance';

const USAGE =
  'Usage: npm run server -- --port <port> --data <dir> [--host 127.0.0.1] [--trust <dir>] [--demo] [--crl-fail-open] [--rate-limits on|off] [--origin <url>] [--session-ttl-minutes <n>] [--review-token <t>] [--auto-review approve|none|return-if-name:<name>] [--auto-review-delay-ms <n>] [--maintenance-window "22:00-06:00"|"month-end 22:00-24:00"]... [--test-captcha <digits>] [--updates <dir>]';
const MAKE_TRUST_STORE =
  'npm run demo-token -- --out .tmp/demo, then start with --trust .tmp/demo/pki (npm start does both)';

const argsSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535),
  // Loopback only: this is a reference service for the demo and tests, not a public server.
  host: z.enum(['127.0.0.1', '::1']),
  data: z.string().min(1),
  trust: z.string().min(1).optional(),
  demo: z.boolean(),
  'crl-fail-open': z.boolean(),
  // Test harnesses that log in far more often than people do turn the limits off.
  'rate-limits': z.enum(['on', 'off']),
  origin: z.url().optional(),
  'session-ttl-minutes': z.coerce
    .number()
    .positive()
    .max(24 * 60)
    .optional(),
  'review-token': z.string().min(8).max(200).optional(),
  'auto-review': z.string().min(1).max(200).optional(),
  'auto-review-delay-ms': z.coerce.number().int().min(0).max(600_000).optional(),
  'maintenance-window': z.array(z.string().min(1).max(100)).max(20).optional(),
  // A service whose clock differs from the PC's, to show and test the app's clock handling.
  'clock-offset-minutes': z.coerce.number().int().min(-525_600).max(525_600).optional(),
  // Tests only: every captcha's answer (the host is loopback, the only kind this CLI allows).
  'test-captcha': z
    .string()
    .regex(/^\d{4,6}$/)
    .optional(),
  updates: z.string().min(1).optional(),
});

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  let raw: Record<string, unknown>;
  try {
    raw = parseArgs({
      options: {
        port: { type: 'string', default: '0' },
        host: { type: 'string', default: '127.0.0.1' },
        data: { type: 'string' },
        trust: { type: 'string' },
        demo: { type: 'boolean', default: false },
        'crl-fail-open': { type: 'boolean', default: false },
        'rate-limits': { type: 'string', default: 'on' },
        origin: { type: 'string' },
        'session-ttl-minutes': { type: 'string' },
        'review-token': { type: 'string' },
        'clock-offset-minutes': { type: 'string' },
        updates: { type: 'string' },
        'auto-review': { type: 'string' },
        'auto-review-delay-ms': { type: 'string' },
        'maintenance-window': { type: 'string', multiple: true },
        'test-captcha': { type: 'string' },
      },
      strict: true,
    }).values;
  } catch (e) {
    fail(`${(e as Error).message}\n${USAGE}`);
  }
  const parsed = argsSchema.safeParse(raw);
  if (!parsed.success) {
    fail(
      `${parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n')}\n${USAGE}`,
    );
  }
  const args = parsed.data;
  const dataDir = resolve(args.data);
  const trustDir = resolve(args.trust ?? join(dataDir, 'trust'));
  if (!existsSync(trustDir)) {
    fail(
      args.demo
        ? `No trust store at ${trustDir}: the demo CA certificates are missing. Create them with: ${MAKE_TRUST_STORE}.`
        : `No trust store at ${trustDir}. Put the trusted root and intermediate CA certificates (*.pem) and CRLs (*.crl) there, or pass --trust <dir>.`,
    );
  }

  let autoReview;
  let maintenanceWindows;
  try {
    autoReview = args['auto-review'] ? parseAutoReviewRule(args['auto-review']) : undefined;
    maintenanceWindows = (args['maintenance-window'] ?? []).map(parseMaintenanceWindow);
  } catch (e) {
    if (e instanceof AutoReviewRuleError || e instanceof MaintenanceWindowError)
      fail(`${e.message}\n${USAGE}`);
    throw e;
  }

  let app;
  try {
    app = await buildServer({
      dataDir,
      trustDir,
      demo: args.demo,
      // A demo PKI made weeks ago has a stale CRL; a real service must refuse then.
      revocation: args['crl-fail-open'] ? 'fail-open' : 'strict',
      ...(args['rate-limits'] === 'off' ? { rateLimits: false as const } : {}),
      origin: args.origin,
      sessionTtlMs: args['session-ttl-minutes'] ? args['session-ttl-minutes'] * 60_000 : undefined,
      logger: process.env.SHEBAO_SERVER_LOG === '1',
      reviewToken: args['review-token'],
      autoReview,
      // The demo reviewer takes a moment, so people can watch 审核中 before the result.
      autoReviewDelayMs: args['auto-review-delay-ms'] ?? 2000,
      maintenanceWindows,
      testCaptcha: args['test-captcha'],
      ...(args['clock-offset-minutes']
        ? { now: () => new Date(Date.now() + args['clock-offset-minutes']! * 60_000) }
        : {}),
    });
  } catch (e) {
    if (e instanceof TrustStoreError || e instanceof SchemaTooNewError) fail(e.message);
    throw e;
  }
  if (args.updates) registerUpdateRoutes(app, args.updates);
  const url = await app.listen({ port: args.port, host: args.host });
  process.stdout.write(`listening on ${url}\n`);

  const stop = (): void => {
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

const run =
  process.argv[2] === 'verify-archive'
    ? runVerifyArchive(process.argv.slice(3)).then((code) => process.exit(code))
    : main();

run.catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
