// Who is logged in on this session, with the units they may act for as of now.
import type { FastifyInstance } from 'fastify';
import type { MeResponse } from '../../domain/protocol/auth';
import { identityOfSubject } from '../auth/identity';
import type { ServiceContext } from '../context';
import { unauthorized } from '../errors';
import { requireSession } from './session-guard';

export function registerMeRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  app.get('/v1/me', async (request): Promise<MeResponse> => {
    const { session } = requireSession(ctx, request);
    const identity = identityOfSubject(ctx.directory, session.subject);
    // The person was removed from the records after logging in: the session means nothing now.
    if (!identity) throw unauthorized('SESSION_INVALID');
    return {
      person: identity.person,
      units: identity.units,
      expiresAt: new Date(session.expiresAt).toISOString(),
    };
  });
}
