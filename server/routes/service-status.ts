// The service's clock and whether it is in maintenance (until when), for a PC's 自检. Outside the
// maintenance guard on purpose: it is how a client learns that maintenance is on.
import type { FastifyInstance } from 'fastify';
import type { ServiceStatus } from '../../domain/protocol/service-status';
import type { ServiceContext } from '../context';
import type { Maintenance } from '../sync/maintenance';

const MINUTE = 60_000;
/** Month-end windows can be a month away. */
const LOOK_AHEAD_MINUTES = 32 * 24 * 60;

/** The next scheduled window after `now`, found minute by minute (a few ms for a month). */
export function nextWindow(
  maintenance: Maintenance,
  now: Date,
): { from: Date; until: Date } | null {
  const start = Math.ceil(now.getTime() / MINUTE) * MINUTE;
  for (let i = 0; i <= LOOK_AHEAD_MINUTES; i++) {
    const at = new Date(start + i * MINUTE);
    const status = maintenance.status(at);
    if (status.on)
      return { from: at, until: new Date(at.getTime() + status.retryAfterSeconds * 1000) };
  }
  return null;
}

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
        : withNext(nextWindow(ctx.sync.maintenance, now)),
    };
  });
}

function withNext(next: { from: Date; until: Date } | null): ServiceStatus['maintenance'] {
  return next
    ? { on: false, next: { from: next.from.toISOString(), until: next.until.toISOString() } }
    : { on: false };
}
