// During maintenance every /v1/units/* and /v1/auth/* request is answered 503 with Retry-After
// before its body is even read, so nothing can be half-applied.
import type { FastifyInstance } from 'fastify';
import type { ServiceContext } from '../context';
import { MaintenanceError } from '../errors';
import { localClock } from '../sync/service-time';
import { routeOf } from './route-of';

const GUARDED = /^\/v1\/(units|auth)\//;

/** Throws MaintenanceError while maintenance is on; routes call it again right before writing. */
export function assertNotInMaintenance(ctx: ServiceContext): void {
  const now = ctx.now();
  const status = ctx.sync.maintenance.status(now);
  if (!status.on) return;
  const retryAt = new Date(now.getTime() + status.retryAfterSeconds * 1000);
  throw new MaintenanceError(status.retryAfterSeconds, localClock(retryAt, ctx.sync.offsetMinutes));
}

export function registerMaintenanceGuard(app: FastifyInstance, ctx: ServiceContext): void {
  app.addHook('onRequest', async (request) => {
    if (GUARDED.test(routeOf(request) ?? '')) assertNotInMaintenance(ctx);
  });
}
