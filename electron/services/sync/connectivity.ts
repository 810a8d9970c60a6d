// Is the service reachable? Learned from failed requests; while offline, a cheap probe (any HTTP
// answer at all, even an error status, means the network is back) decides when to try again.

import type { HttpFetch } from '../net/http-fetch';

export interface ConnectivityOptions {
  probeTimeoutMs: number;
  /** The service client's fetch, so the probe takes the same way (and proxy) as real requests. */
  http: HttpFetch;
}

export class Connectivity {
  private offlineSince: Date | null = null;

  constructor(
    private readonly baseUrl: string,
    private readonly options: ConnectivityOptions,
  ) {}

  get online(): boolean {
    return this.offlineSince === null;
  }

  /** Returns true when this call changed the state. */
  markOffline(now: Date): boolean {
    if (this.offlineSince) return false;
    this.offlineSince = now;
    return true;
  }

  markOnline(): boolean {
    if (!this.offlineSince) return false;
    this.offlineSince = null;
    return true;
  }

  /** One small GET; it neither needs nor changes a session. */
  async probe(): Promise<boolean> {
    try {
      const response = await this.options.http(new URL('/v1/me', this.baseUrl), {
        method: 'GET',
        headers: { accept: 'application/json' },
        signal: AbortSignal.timeout(this.options.probeTimeoutMs),
      });
      await response.body?.cancel().catch(() => undefined);
      return true;
    } catch {
      return false;
    }
  }
}
