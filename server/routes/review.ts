// The review desk of the service (its own staff, the demo and tests): decide declarations,
// record roster changes made at the counter, switch maintenance. Guarded by the reviewer token.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  counterRosterChangeRequestSchema,
  declarationIdSchema,
  maintenanceRequestSchema,
  reviewDecisionRequestSchema,
  unitNoSchema,
  type ReviewDecisionResponse,
} from '../../domain/protocol/sync';
import type { ServiceContext } from '../context';
import { badRequest, unauthorized } from '../errors';

const BEARER = /^Bearer (\S{1,200})$/;

const digest = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

export function requireReviewer(ctx: ServiceContext, request: FastifyRequest): void {
  const expected = ctx.sync.reviewToken;
  const given = BEARER.exec(request.headers.authorization ?? '')?.[1];
  // Digests have equal length, so the comparison takes the same time whatever was sent.
  if (
    expected === null ||
    given === undefined ||
    !timingSafeEqual(digest(given), digest(expected))
  ) {
    throw unauthorized('REVIEWER_NOT_AUTHORIZED');
  }
}

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw badRequest();
  return parsed.data;
}

export function registerReviewRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  const { sync } = ctx;
  // The reviewer's token is checked before a body is read, like a session.
  const reviewerOnly = {
    onRequest: async (request: FastifyRequest) => requireReviewer(ctx, request),
  };

  app.post(
    '/v1/review/declarations/:id',
    reviewerOnly,
    async (request): Promise<ReviewDecisionResponse> => {
      const { id } = parse(z.object({ id: declarationIdSchema }), request.params);
      const body = parse(reviewDecisionRequestSchema, request.body);
      return sync.review.decide(id, body.decision, body.reason);
    },
  );

  app.post('/v1/review/units/:unitNo/roster', reviewerOnly, async (request) => {
    const { unitNo } = parse(z.object({ unitNo: unitNoSchema }), request.params);
    const body = parse(counterRosterChangeRequestSchema, request.body);
    return { seq: sync.review.counterChange(unitNo, body) };
  });

  app.post('/v1/review/maintenance', reviewerOnly, async (request) => {
    const body = parse(maintenanceRequestSchema, request.body);
    const retryAfterSeconds = body.retryAfterSeconds ?? 60;
    sync.maintenance.set(body.on, retryAfterSeconds);
    return { on: body.on, retryAfterSeconds };
  });
}
