// What the accounts routes share: the service context, their stores and their start options.
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { LoginMethod, PasswordLoginResponse } from '../../domain/protocol/accounts';
import type { UnitAccess } from '../../domain/protocol/auth';
import { identityOfSubject } from '../auth/identity';
import type { ServiceContext } from '../context';
import { badRequest, forbidden, unauthorized } from '../errors';
import type { AccountStore } from '../store/accounts';
import type { EnterpriseStore } from '../store/accounts-enterprise';
import type { SessionSubject } from '../store/sessions';
import type { QrLogins } from './qr-logins';

export interface AccountsOptions {
  /** Every captcha's answer (tests only; honoured only for requests on loopback). */
  testCaptcha?: string;
  /** Demo service: SMS outbox readable, registrations approved when first looked at. */
  demo: boolean;
}

export interface AccountsContext {
  service: ServiceContext;
  accounts: AccountStore;
  enterprise: EnterpriseStore;
  qr: QrLogins;
  options: AccountsOptions;
}

export function parseBody<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw badRequest();
  return parsed.data;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** Both ends of the connection on this machine. */
export function isLoopbackRequest(request: FastifyRequest): boolean {
  return (
    LOOPBACK.has(request.socket.localAddress ?? '') &&
    LOOPBACK.has(request.socket.remoteAddress ?? '')
  );
}

/**
 * A new session for someone whose identity is settled (password or 电子社保卡), in the same
 * shape as a certificate login's. `only` narrows the units to one role (QR login as 法人/办事员).
 */
export function openSession(
  ctx: AccountsContext,
  subject: SessionSubject,
  method: Exclude<LoginMethod, 'cert'>,
  options: { mustChangePassword?: boolean; only?: UnitAccess['role'] } = {},
): PasswordLoginResponse {
  const { service } = ctx;
  const identity = identityOfSubject(service.directory, subject);
  if (!identity) throw unauthorized('PERSON_NOT_FOUND');
  const units = options.only
    ? identity.units.filter((u) => u.role === options.only)
    : identity.units;
  if (units.length === 0) throw forbidden('AGENT_NOT_AUTHORIZED');
  const now = service.now().getTime();
  const session = service.sessions.create(subject, '', now, service.sessionTtlMs, method);
  return {
    session: session.token,
    expiresAt: new Date(session.expiresAt).toISOString(),
    person: identity.person,
    units,
    mustChangePassword: options.mustChangePassword ?? false,
    method,
    account: accountIdOf(subject),
  };
}

/** The account a session's subject logs in with, by its id. */
export function accountIdOf(subject: SessionSubject): string {
  return subject.kind === 'unit' ? subject.uscc : subject.residentId;
}
