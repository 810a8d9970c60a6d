// The gate for every route that needs a login: SESSION_INVALID / SESSION_EXPIRED otherwise.
import type { FastifyRequest } from 'fastify';
import type { ServiceContext } from '../context';
import { unauthorized } from '../errors';
import type { Session } from '../store/sessions';
import { bearerToken } from '../wire';

export interface AuthenticatedSession {
  session: Session;
  tokenHash: string;
}

export function requireSession(ctx: ServiceContext, request: FastifyRequest): AuthenticatedSession {
  const token = bearerToken(request.headers.authorization);
  if (!token) throw unauthorized('SESSION_INVALID');
  const found = ctx.sessions.lookup(token, ctx.now().getTime());
  if (!found.ok) throw unauthorized(found.code);
  return { session: found.session, tokenHash: found.tokenHash };
}
