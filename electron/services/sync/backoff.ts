// Exponential backoff with full jitter: many PCs of one office that lost the network together do
// not all come back to the service in the same second.

export interface BackoffOptions {
  /** The first retry waits up to this long. */
  baseMs: number;
  /** No retry waits longer than this. */
  maxMs: number;
}

export const defaultBackoff: Readonly<BackoffOptions> = Object.freeze({
  baseMs: 1_000,
  maxMs: 5 * 60_000,
});

/**
 * The wait before retry number `attempt` (1 = the first retry): a random point in the upper
 * half of min(max, base·2^(attempt−1)), so it grows but never collapses to zero.
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions,
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(attempt, 1) - 1, 30);
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** exponent);
  const r = Math.min(Math.max(random(), 0), 1);
  return Math.round(ceiling / 2 + (ceiling / 2) * r);
}
