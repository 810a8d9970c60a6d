// The service's clock as seen from here. Certificates are judged by it when the PC's clock is
// off by more than the tolerance, so a wrong PC clock neither blocks a valid certificate nor admits
// an expired one.
import { trustedNow } from '../../../domain/certificate-status';

export class ServerClock {
  private offsetMs: number | null = null;

  /** Call with the server's time (ISO or an HTTP Date) and the local send/receive instants. */
  observe(serverTime: string, sentAt: number, receivedAt: number): void {
    const server = Date.parse(serverTime);
    if (!Number.isFinite(server)) return;
    this.offsetMs = server - (sentAt + receivedAt) / 2;
  }

  now(): { now: Date; skewed: boolean; offsetMinutes: number } {
    const { now, skewed } = trustedNow(new Date(), this.offsetMs);
    return { now, skewed, offsetMinutes: Math.round((this.offsetMs ?? 0) / 60_000) };
  }
}
