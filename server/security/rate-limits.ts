// Rate limits on the routes an attacker would hammer: each named limit counts requests per
// address (checked before the body is read) and, where the route names an account, per account
// (checked once the body is parsed). Counting is @fastify/rate-limit's; a refusal is our own
// 429 RATE_LIMITED with a zh-CN message and Retry-After.
//
// A route adopts a limit with one spread in its options:
//   app.post('/v1/sms/code', { ...rateLimited(app, 'sms', (r) => phoneOf(r.body)) }, handler)
import { createHash } from 'node:crypto';
import fastifyRateLimit from '@fastify/rate-limit';
import type {
  FastifyInstance,
  FastifyRequest,
  onRequestAsyncHookHandler,
  preHandlerAsyncHookHandler,
} from 'fastify';
import { RetryLaterError } from '../errors';

export interface RateLimit {
  max: number;
  windowMs: number;
}

export interface RateLimitPolicy {
  perAddress: RateLimit;
  /** Only where the route can name the account (certificate, user name, phone). */
  perAccount?: RateLimit;
}

export const rateLimitNames = ['challenge', 'login', 'captcha', 'sms', 'passwordLogin'] as const;
export type RateLimitName = (typeof rateLimitNames)[number];
export type RateLimitSettings = Record<RateLimitName, RateLimitPolicy>;

const MINUTE = 60_000;

/** What the service allows by default: generous for people, too little for a script. */
export const defaultRateLimits: Readonly<RateLimitSettings> = Object.freeze({
  challenge: { perAddress: { max: 60, windowMs: MINUTE } },
  login: { perAddress: { max: 30, windowMs: MINUTE }, perAccount: { max: 10, windowMs: MINUTE } },
  captcha: { perAddress: { max: 30, windowMs: MINUTE } },
  // One code per phone a minute is the SMS route's own rule (SMS_TOO_SOON, with the seconds left);
  // this bounds what one address may ask for across many numbers.
  sms: { perAddress: { max: 10, windowMs: 10 * MINUTE }, perAccount: { max: 1, windowMs: MINUTE } },
  // Above the lock-out's five wrong passwords, so a person sees ACCOUNT_LOCKED with its unlock
  // time; this also bounds guessing at accounts that do not exist (they never lock).
  passwordLogin: {
    perAddress: { max: 30, windowMs: MINUTE },
    perAccount: { max: 10, windowMs: 15 * MINUTE },
  },
});

export class RateLimitedError extends RetryLaterError {
  constructor(retryAfterSeconds: number) {
    super('RATE_LIMITED', 429, retryAfterSeconds, { seconds: retryAfterSeconds });
    this.name = 'RateLimitedError';
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The limits this service runs with; null when limiting is off (tests of other things). */
    shebaoRateLimits: RateLimitSettings | null;
  }
}

/** Registers the plugin (no global limit: only routes that ask are limited). Await it before routes. */
export async function registerRateLimiting(
  app: FastifyInstance,
  settings: RateLimitSettings | null,
): Promise<void> {
  app.decorate('shebaoRateLimits', settings);
  await app.register(fastifyRateLimit, { global: false });
}

type Check = (request: FastifyRequest) => Promise<void>;

function limiter(
  app: FastifyInstance,
  limit: RateLimit,
  key: (request: FastifyRequest) => string | undefined,
): Check {
  const check = app.createRateLimit({
    max: limit.max,
    timeWindow: limit.windowMs,
    // Requests without a key (no account named yet) are not counted here.
    keyGenerator: (request) => key(request) ?? '',
    allowList: (_request, k) => k === '',
  });
  return async (request) => {
    const result = await check(request);
    if (!result.isAllowed && result.isExceeded)
      throw new RateLimitedError(Math.max(1, result.ttlInSeconds));
  };
}

const hashed = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * Route options limiting a route by the named policy. `account` reads the account from the
 * parsed request (undefined when it names none); it is hashed, never kept as given.
 */
export function rateLimited(
  app: FastifyInstance,
  name: RateLimitName,
  account?: (request: FastifyRequest) => string | undefined,
): { onRequest: onRequestAsyncHookHandler[]; preHandler: preHandlerAsyncHookHandler[] } {
  const policy = app.shebaoRateLimits?.[name];
  if (!policy) return { onRequest: [], preHandler: [] };
  const byAddress = limiter(app, policy.perAddress, (r) => `${name}:${r.ip}`);
  const onRequest: onRequestAsyncHookHandler = async (request) => byAddress(request);
  if (!account || !policy.perAccount) return { onRequest: [onRequest], preHandler: [] };
  const byAccount = limiter(app, policy.perAccount, (r) => {
    const id = account(r);
    return id === undefined ? undefined : `${name}:${hashed(id)}`;
  });
  const preHandler: preHandlerAsyncHookHandler = async (request) => byAccount(request);
  return { onRequest: [onRequest], preHandler: [preHandler] };
}
