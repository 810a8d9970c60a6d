// The service's clock and whether it is in maintenance (until when), for a PC's 自检. Outside the
// maintenance guard on purpose: it is how a client learns that maintenance is on.
import type { FastifyInstance } from 'fastify';
import type { ServiceStatus } from '../../domain/protocol/service-status';
import type { ServiceContext } from '../context';

export function registerServiceStatusRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  app.get('/v1/service/status', async (): Promise<ServiceStatus> => {
    const now = ctx.now();
    const status = ctx.sync.maintenance.status(now);
    return {
      serverTime: now.toISOString(),
      maintenance: status.on
        ? {
            on: true,
            until: new Date(now.getTime() + status.retryAfterSeconds * 1000).toISOString(),
          }
        : { on: false },
    };
  });
}
