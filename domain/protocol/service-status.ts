// GET /v1/service/status: the service's clock and maintenance state, open to anyone (no login)
// and answered during maintenance too, so a PC can check itself before it logs in.
import { z } from 'zod';

const iso = z.iso.datetime({ offset: true });

export const serviceStatusSchema = z.object({
  serverTime: iso,
  maintenance: z.discriminatedUnion('on', [
    z.object({
      on: z.literal(false),
      /** The next scheduled window, when one is set within a month. */
      next: z.object({ from: iso, until: iso }).optional(),
    }),
    z.object({ on: z.literal(true), until: iso }),
  ]),
});
export type ServiceStatus = z.infer<typeof serviceStatusSchema>;
