// Certificate login: challenge, cert-login, logout, exactly as domain/protocol/auth.ts describes them.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  certLoginRequestSchema,
  loginSignedText,
  type CertLoginResponse,
  type ChallengeResponse,
} from '../../domain/protocol/auth';
import { identityOfHolder } from '../auth/identity';
import type { ServiceContext } from '../context';
import { badRequest, unauthorized } from '../errors';
import { parseCertificate, verifyCertificate } from '../pki/verify-certificate';
import { verifyTokenSignature } from '../pki/verify-signature';
import { rateLimited } from '../security/rate-limits';
import { decodeBase64Strict } from '../wire';
import { requireSession } from './session-guard';

export const CHALLENGE_TTL_MS = 2 * 60 * 1000;

/** The account a certificate login is for: the certificate it carries, when it carries one. */
const certificateOf = (request: FastifyRequest): string | undefined => {
  const body = z.object({ certificate: z.string() }).safeParse(request.body);
  return body.success ? body.data.certificate : undefined;
};

export function registerAuthRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  app.get(
    '/v1/auth/challenge',
    { ...rateLimited(app, 'challenge') },
    async (): Promise<ChallengeResponse> => {
      const now = ctx.now();
      const nonce = randomBytes(32).toString('base64url');
      const origin = ctx.origin();
      const expiresAt = new Date(now.getTime() + CHALLENGE_TTL_MS);
      ctx.nonces.issue(nonce, origin, now.getTime(), expiresAt.getTime());
      return { nonce, origin, serverTime: now.toISOString(), expiresAt: expiresAt.toISOString() };
    },
  );

  app.post(
    '/v1/auth/cert-login',
    { bodyLimit: 64 * 1024, ...rateLimited(app, 'login', certificateOf) },
    async (request): Promise<CertLoginResponse> => {
      const parsed = certLoginRequestSchema.safeParse(request.body);
      if (!parsed.success) throw badRequest();
      const certificateDer = decodeBase64Strict(parsed.data.certificate);
      const signature = decodeBase64Strict(parsed.data.signature);
      if (!certificateDer || !signature) throw badRequest();

      // Spent before anything else is looked at: a failed try burns the nonce too.
      const now = ctx.now();
      const spent = ctx.nonces.spend(parsed.data.nonce, now.getTime());
      if (!spent.ok) throw unauthorized(spent.code);

      const cert = parseCertificate(certificateDer);
      const verified = await verifyCertificate(cert, ctx.trust.current(), now, {
        revocation: ctx.revocation,
      });
      const text = loginSignedText(spent.origin, parsed.data.nonce, verified.sha256Hex);
      if (!verifyTokenSignature(verified.publicKey, verified.keyType, text, signature)) {
        throw unauthorized('SIGNATURE_INVALID');
      }

      const identity = identityOfHolder(ctx.directory, verified.holder);
      const session = ctx.sessions.create(
        identity.subject,
        verified.sha256Hex,
        now.getTime(),
        ctx.sessionTtlMs,
      );
      request.log.info(
        { subject: identity.subject.kind, units: identity.units.length },
        'cert login',
      );
      return {
        session: session.token,
        expiresAt: new Date(session.expiresAt).toISOString(),
        person: identity.person,
        units: identity.units,
      };
    },
  );

  // Logout carries no body: the session is checked before anything is read, and 1 KB is plenty.
  app.post(
    '/v1/auth/logout',
    { bodyLimit: 1024, onRequest: async (request) => void requireSession(ctx, request) },
    async (request, reply) => {
      const { tokenHash } = requireSession(ctx, request);
      ctx.sessions.end(tokenHash, ctx.now().getTime());
      return reply.code(204).send();
    },
  );
}
