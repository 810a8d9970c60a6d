// Captcha, account + password login with lock-out, password change and reset, SMS codes.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { rateLimited } from '../security/rate-limits';
import { z } from 'zod';
import { checkResidentId, normalizeIdInput } from '../../domain/ids';
import {
  CAPTCHA_TTL_MS,
  changePasswordRequestSchema,
  LOCK_MS,
  MAX_LOGIN_FAILURES,
  MOBILE_PATTERN,
  passwordLoginRequestSchema,
  passwordProblem,
  resetPasswordRequestSchema,
  SMS_MAX_TRIES,
  SMS_RESEND_MS,
  SMS_TTL_MS,
  smsCodeRequestSchema,
  type CaptchaResponse,
  type PasswordLoginResponse,
  type SmsCodeResponse,
  type SmsPurpose,
} from '../../domain/protocol/accounts';
import {
  accountIdOf,
  isLoopbackRequest,
  openSession,
  parseBody,
  type AccountsContext,
} from '../accounts/accounts-context';
import { AccountError, invalid, serviceDateTime } from '../accounts/account-error';
import { captchaImage, isDrawable, randomCaptchaText } from '../accounts/captcha-image';
import { hashPassword, verifyPassword } from '../accounts/password-hash';
import { ServiceError } from '../errors';
import type { SessionSubject } from '../store/sessions';
import { requireSession } from './session-guard';

/** A resident ID or USCC as typed: checked digits, or the catalogue's reason why not. */
export function requireResidentId(value: string): string {
  const checked = checkResidentId(value);
  if (!checked.ok) throw invalid(checked.code);
  return checked.normalized;
}

export function requireMobile(value: string): string {
  const mobile = value.replace(/[\s-]/g, '');
  if (!MOBILE_PATTERN.test(mobile)) throw invalid('MOBILE_INVALID');
  return mobile;
}

export function requirePasswordRules(password: string, account: string): void {
  const problem = passwordProblem(password, account);
  if (problem) throw invalid(problem);
}

/** Spends a right SMS code; a wrong one costs a try. */
export function requireSmsCode(
  ctx: AccountsContext,
  mobile: string,
  purpose: SmsPurpose,
  code: string,
): void {
  const checked = ctx.accounts.checkSms(mobile, purpose, code, ctx.service.now().getTime());
  if (checked.ok) return;
  if (checked.code === 'SMS_CODE_INVALID') throw invalid(checked.code, { left: checked.left });
  throw invalid(checked.code);
}

function lockedError(until: number): AccountError {
  return new AccountError('ACCOUNT_LOCKED', 403, { time: serviceDateTime(new Date(until)) });
}

/** A string field of a body not yet parsed, for rate limits that run before parsing. */
function stringField(body: unknown, name: string): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const value = (body as Record<string, unknown>)[name];
  return typeof value === 'string' ? normalizeIdInput(value) : undefined;
}

export function registerAccountLoginRoutes(app: FastifyInstance, ctx: AccountsContext): void {
  const { service, accounts } = ctx;

  app.get(
    '/v1/auth/captcha',
    { ...rateLimited(app, 'captcha') },
    async (request): Promise<CaptchaResponse> => {
      const now = service.now().getTime();
      const fixed = ctx.options.testCaptcha;
      const answer = fixed && isLoopbackRequest(request) ? fixed : randomCaptchaText();
      const captchaId = randomBytes(24).toString('base64url');
      const expiresAt = now + CAPTCHA_TTL_MS;
      accounts.issueCaptcha(captchaId, answer, expiresAt, now);
      return {
        captchaId,
        image: captchaImage(isDrawable(answer) ? answer : randomCaptchaText()),
        expiresAt: new Date(expiresAt).toISOString(),
      };
    },
  );

  app.post(
    '/v1/auth/password-login',
    { ...rateLimited(app, 'passwordLogin', (r) => stringField(r.body, 'account')) },
    async (request): Promise<PasswordLoginResponse> => {
      const body = parseBody(passwordLoginRequestSchema, request.body);
      const account = normalizeIdInput(body.account);
      if (account === '') throw invalid('ACCOUNT_EMPTY');
      if (body.password === '') throw invalid('PASSWORD_EMPTY');
      const now = service.now().getTime();
      if (!accounts.spendCaptcha(body.captchaId, body.captcha, now))
        throw invalid('CAPTCHA_INVALID');

      const lockedUntil = accounts.lockedUntil(account, now);
      if (lockedUntil !== null) throw lockedError(lockedUntil);
      // Unknown accounts are checked against a decoy and counted like known ones: the answers
      // cannot tell anyone which accounts exist.
      const record = accounts.find(account);
      const ok = await verifyPassword(body.password, record?.passwordHash ?? null);
      if (!ok || !record) {
        const failed = accounts.recordFailure(account, now, MAX_LOGIN_FAILURES, LOCK_MS);
        if (failed.lockedUntil !== null) throw lockedError(failed.lockedUntil);
        throw new AccountError('CREDENTIALS_INVALID', 401, {
          left: MAX_LOGIN_FAILURES - failed.failures,
        });
      }
      accounts.clearFailures(account);
      const subject: SessionSubject =
        record.kind === 'unit'
          ? { kind: 'unit', uscc: record.account }
          : { kind: 'person', residentId: record.account };
      request.log.info({ kind: record.kind }, 'password login');
      return openSession(ctx, subject, 'password', { mustChangePassword: record.mustChange });
    },
  );

  app.post('/v1/auth/password', async (request) => {
    const { session } = requireSession(service, request);
    const body = parseBody(changePasswordRequestSchema, request.body);
    const account = accountIdOf(session.subject);
    const record = accounts.find(account);
    if (!record) throw new AccountError('PASSWORD_ACCOUNT_NONE', 404);
    if (!(await verifyPassword(body.oldPassword, record.passwordHash)))
      throw invalid('OLD_PASSWORD_WRONG');
    requirePasswordRules(body.newPassword, account);
    if (body.newPassword === body.oldPassword) throw invalid('PASSWORD_SAME_AS_OLD');
    accounts.setPassword(
      account,
      await hashPassword(body.newPassword),
      false,
      service.now().getTime(),
    );
    return { changed: true };
  });

  app.post(
    '/v1/sms/code',
    { ...rateLimited(app, 'sms') },
    async (request, reply): Promise<SmsCodeResponse> => {
      const body = parseBody(smsCodeRequestSchema, request.body);
      const mobile = requireMobile(body.mobile);
      const now = service.now().getTime();
      const waitMs = accounts.smsWaitMs(mobile, now, SMS_RESEND_MS);
      if (waitMs > 0) {
        throw new AccountError('SMS_TOO_SOON', 429, { seconds: Math.ceil(waitMs / 1000) });
      }
      accounts.issueSms(mobile, body.purpose, now, SMS_TTL_MS, SMS_MAX_TRIES);
      reply.code(201);
      return {
        expiresAt: new Date(now + SMS_TTL_MS).toISOString(),
        resendAt: new Date(now + SMS_RESEND_MS).toISOString(),
      };
    },
  );

  // No SMS gateway here: the demo shows what would have been texted, to this machine only.
  app.get('/v1/dev/sms-outbox', async (request) => {
    if (!ctx.options.demo || !isLoopbackRequest(request)) throw new ServiceError('NOT_FOUND', 404);
    const query = z.object({ mobile: z.string().max(20).optional() }).safeParse(request.query);
    const messages = accounts.outbox(query.success ? query.data.mobile : undefined);
    return {
      messages: messages.map((m) => ({ ...m, sentAt: new Date(m.sentAt).toISOString() })),
    };
  });

  app.post('/v1/auth/reset-password', async (request) => {
    const body = parseBody(resetPasswordRequestSchema, request.body);
    const account = normalizeIdInput(body.account);
    if (account === '') throw invalid('ACCOUNT_EMPTY');
    const residentId = requireResidentId(body.residentId);
    const mobile = requireMobile(body.mobile);
    requirePasswordRules(body.newPassword, account);
    const record = accounts.find(account);
    const person = record?.kind === 'unit' ? record.agentResidentId : record?.account;
    if (!record || person !== residentId || record.mobile !== mobile) {
      throw invalid('RESET_MISMATCH');
    }
    requireSmsCode(ctx, mobile, 'reset', body.smsCode);
    const now = service.now().getTime();
    accounts.setPassword(account, await hashPassword(body.newPassword), true, now);
    // A reset is how a locked-out owner gets back in.
    accounts.clearFailures(account);
    return { reset: true };
  });
}
