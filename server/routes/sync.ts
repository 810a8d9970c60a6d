// Signed sync: push a signed batch of mutations, pull the unit's change feed.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  changesQuerySchema,
  DEFAULT_CHANGES_LIMIT,
  MAX_MUTATIONS_PER_BATCH,
  MAX_PUSH_BODY_BYTES,
  MAX_ROWS_PER_BATCH,
  pushRequestSchema,
  unitNoSchema,
  type PushResponse,
} from '../../domain/protocol/sync';
import { identityOfSubject } from '../auth/identity';
import type { ServiceContext } from '../context';
import { badRequest, forbidden, ServiceError, unauthorized } from '../errors';
import { applyBatch } from '../sync/apply-batch';
import { localTime } from '../sync/service-time';
import { verifyBatch } from '../sync/verify-batch';
import { assertTokenSession } from './accounts';
import { assertNotInMaintenance } from './maintenance-guard';
import type { Session } from '../store/sessions';
import { requireSession } from './session-guard';

const paramsSchema = z.object({ unitNo: unitNoSchema });

// Counted before the full schema, so an oversized batch says BATCH_TOO_LARGE, not BAD_REQUEST.
const sizeProbeSchema = z.object({
  mutations: z.array(z.object({ payload: z.object({ rows: z.array(z.unknown()) }).optional() })),
});

function assertBatchSize(body: unknown): void {
  const probe = sizeProbeSchema.safeParse(body);
  if (!probe.success) return;
  const { mutations } = probe.data;
  let rows = 0;
  for (const m of mutations) rows += m.payload?.rows.length ?? 0;
  if (mutations.length > MAX_MUTATIONS_PER_BATCH || rows > MAX_ROWS_PER_BATCH) {
    throw new ServiceError('BATCH_TOO_LARGE', 413);
  }
}

const CURSOR = /^(0|[1-9]\d{0,15})$/;

export const PUSH_ROUTE = '/v1/units/:unitNo/mutations';

export function registerSyncRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  const { sync } = ctx;
  // The session each push proved before its body was read.
  const pushers = new WeakMap<FastifyRequest, Session>();

  app.post(
    PUSH_ROUTE,
    {
      bodyLimit: MAX_PUSH_BODY_BYTES,
      // Runs before a byte of the body is read: a caller without a session, or one who may not
      // act for this unit, is refused at once and never costs the service the upload.
      onRequest: async (request) => {
        const { session } = requireSession(ctx, request);
        const params = paramsSchema.safeParse(request.params);
        if (!params.success) throw badRequest();
        const identity = identityOfSubject(ctx.directory, session.subject);
        if (!identity) throw unauthorized('SESSION_INVALID');
        if (!identity.units.some((u) => u.unitNo === params.data.unitNo)) {
          throw forbidden('BATCH_SIGNER_NOT_AUTHORIZED');
        }
        pushers.set(request, session);
      },
    },
    async (request): Promise<PushResponse> => {
      const session = pushers.get(request);
      if (!session) throw unauthorized('SESSION_INVALID');
      assertTokenSession(session);
      const params = paramsSchema.safeParse(request.params);
      if (!params.success) throw badRequest();
      const { unitNo } = params.data;
      assertBatchSize(request.body);
      const parsed = pushRequestSchema.safeParse(request.body);
      if (!parsed.success) throw badRequest();
      const batch = parsed.data;

      const verified = await verifyBatch(ctx, session, unitNo, batch);
      const regionCode = sync.review.regionOf(unitNo);
      if (regionCode === null) throw forbidden('BATCH_SIGNER_NOT_AUTHORIZED');
      // Maintenance may have begun while the certificate was checked: refuse before writing.
      assertNotInMaintenance(ctx);
      const now = ctx.now();
      const applied = applyBatch(
        {
          db: ctx.db,
          archive: sync.archive,
          declarations: sync.declarations,
          roster: sync.roster,
          feed: sync.feed,
          tables: sync.tables,
        },
        {
          clientId: batch.clientId,
          unitNo,
          regionCode,
          mutations: batch.mutations,
          signerCertSha256: verified.signerCertSha256,
          signer: verified.signer,
          certificate: verified.certificate,
          origin: ctx.origin(),
          batchHash: batch.batchHash,
          signature: batch.signature,
          now,
          today: localTime(now, sync.offsetMinutes).date,
        },
      );
      sync.autoReview.submitted(applied.accepted);
      request.log.info(
        { unitNo, mutations: batch.mutations.length, accepted: applied.accepted.length },
        'push',
      );
      return { results: applied.results };
    },
  );

  app.get('/v1/units/:unitNo/changes', async (request, reply) => {
    const { session } = requireSession(ctx, request);
    const params = paramsSchema.safeParse(request.params);
    if (!params.success) throw badRequest();
    const { unitNo } = params.data;
    const identity = identityOfSubject(ctx.directory, session.subject);
    if (!identity) throw unauthorized('SESSION_INVALID');
    if (!identity.units.some((u) => u.unitNo === unitNo)) throw forbidden('UNIT_NOT_ALLOWED');

    const query = changesQuerySchema.safeParse(request.query);
    if (!query.success) throw badRequest();
    const cursorText = query.data.cursor ?? '0';
    if (!CURSOR.test(cursorText)) throw new ServiceError('CURSOR_INVALID', 400);
    const cursor = Number(cursorText);
    // A cursor from the future comes from another server or a reset database.
    if (cursor > sync.feed.lastSeq()) throw new ServiceError('CURSOR_INVALID', 400);

    const page = sync.feed.after(unitNo, cursor, query.data.limit ?? DEFAULT_CHANGES_LIMIT);
    const nextCursor = String(page.lastSeq ?? cursor);
    return reply
      .type('application/json; charset=utf-8')
      .send(
        `{"changes":[${page.json}],"nextCursor":${JSON.stringify(nextCursor)},"hasMore":${page.hasMore}}`,
      );
  });
}
