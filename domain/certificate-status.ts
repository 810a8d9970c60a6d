/** How a certificate stands on a given day, judged with the best clock available. */
export type CertificateTimeStatus =
  | { kind: 'valid'; daysLeft: number }
  | { kind: 'expiring'; daysLeft: number }
  | { kind: 'expired'; since: string }
  | { kind: 'not-yet-valid'; from: string };

export const EXPIRY_WARNING_DAYS = 30;
/** Beyond this the PC clock is called wrong and the server's time is used instead. */
export const CLOCK_SKEW_TOLERANCE_MS = 5 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

export function certificateTimeStatus(
  notBefore: Date,
  notAfter: Date,
  now: Date,
): CertificateTimeStatus {
  if (now.getTime() < notBefore.getTime()) {
    return { kind: 'not-yet-valid', from: notBefore.toISOString() };
  }
  if (now.getTime() > notAfter.getTime()) {
    return { kind: 'expired', since: notAfter.toISOString() };
  }
  const daysLeft = Math.floor((notAfter.getTime() - now.getTime()) / DAY_MS);
  return daysLeft <= EXPIRY_WARNING_DAYS
    ? { kind: 'expiring', daysLeft }
    : { kind: 'valid', daysLeft };
}

/** The clock to trust: the PC's, unless it is off from the server's by more than the tolerance. */
export function trustedNow(
  pcNow: Date,
  serverOffsetMs: number | null,
): { now: Date; skewed: boolean } {
  if (serverOffsetMs === null || Math.abs(serverOffsetMs) <= CLOCK_SKEW_TOLERANCE_MS) {
    return { now: pcNow, skewed: false };
  }
  return { now: new Date(pcNow.getTime() + serverOffsetMs), skewed: true };
}

/** 2026-11-23 style, the way dates are written on the portals. */
export function formatDay(iso: string | Date): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
