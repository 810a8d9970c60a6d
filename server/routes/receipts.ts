// 回执: the service's receipt for a declaration it accepted. The receipt number is the service's
// own (the day it was taken and its place in the service's table), so it is the same each time.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ReceiptResponse } from '../../domain/protocol/receipt';
import { declarationIdSchema, unitNoSchema } from '../../domain/protocol/sync';
import { identityOfSubject } from '../auth/identity';
import type { ServiceContext } from '../context';
import { badRequest, forbidden, ServiceError, unauthorized } from '../errors';
import { receiptLookup } from '../store/declarations';
import { localTime } from '../sync/service-time';
import { requireSession } from './session-guard';

const paramsSchema = z.object({ unitNo: unitNoSchema, id: declarationIdSchema });

const rowSchema = z.object({
  seq: z.number().int(),
  id: z.string(),
  unit_no: z.string(),
  state: z.enum(['submitted', 'reviewing', 'approved', 'returned']),
  signer_cert_sha256: z.string(),
  batch_hash: z.string(),
  submitted_at: z.number().int(),
});

export function registerReceiptRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  const select = receiptLookup(ctx.db);
  app.get(
    '/v1/units/:unitNo/declarations/:id/receipt',
    async (request): Promise<ReceiptResponse> => {
      const { session } = requireSession(ctx, request);
      const params = paramsSchema.safeParse(request.params);
      if (!params.success) throw badRequest();
      const { unitNo, id } = params.data;
      const identity = identityOfSubject(ctx.directory, session.subject);
      if (!identity) throw unauthorized('SESSION_INVALID');
      if (!identity.units.some((u) => u.unitNo === unitNo)) throw forbidden('UNIT_NOT_ALLOWED');
      const row = rowSchema.safeParse(select(unitNo, id));
      if (!row.success) throw new ServiceError('NOT_FOUND', 404);
      const acceptedAt = new Date(row.data.submitted_at);
      const day = localTime(acceptedAt).date.replace(/-/g, '');
      return {
        receiptNo: `SB${day}${String(row.data.seq).padStart(8, '0')}`,
        declarationId: row.data.id,
        unitNo: row.data.unit_no,
        acceptedAt: acceptedAt.toISOString(),
        batchHash: row.data.batch_hash,
        signerCertSha256: row.data.signer_cert_sha256,
        state: row.data.state,
      };
    },
  );
}
