// HTTP to the social-insurance service: every answer is parsed with the protocol's zod schema,
// every failure becomes an AppError a person can read.
import { AppError } from '../../../domain/errors';
import { isErrorCode } from '../../../domain/error-catalogue';
import { z } from 'zod';
import { errorParamsSchema } from '../../../domain/protocol/accounts';
import { wireErrorSchema } from '../../../domain/protocol/auth';
import { globalFetch, type HttpFetch } from './http-fetch';

const wireErrorParamsSchema = z.object({ params: errorParamsSchema.optional() });

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  bearer?: string;
  timeoutMs?: number;
}

/** A 503 during a maintenance window: the caller waits `retryAfterMs` and tries again. */
export class MaintenanceError extends AppError {
  readonly retryAfterMs: number;
  constructor(retryAfterMs: number) {
    const at = new Date(Date.now() + retryAfterMs);
    super('MAINTENANCE', { time: at.toLocaleTimeString('zh-CN', { hour12: false }) });
    this.retryAfterMs = retryAfterMs;
  }
}

export function parseRetryAfter(header: string | null, now = Date.now()): number {
  if (!header) return 30_000;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, 6 * 3600_000);
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.max(0, Math.min(at - now, 6 * 3600_000)) : 30_000;
}

export class ServiceClient {
  private readonly expectedOrigin: string;
  /** Every request to the service goes through this (the shell's, in the Electron app). */
  readonly http: HttpFetch;

  /**
   * `serviceOrigin` is the origin the service signs for; it defaults to the server URL's and
   * differs only where the client reaches the service through a proxy.
   */
  constructor(
    private readonly baseUrl: string,
    options: { serviceOrigin?: string; http?: HttpFetch } = {},
  ) {
    this.expectedOrigin = options.serviceOrigin ?? new URL(baseUrl).origin;
    this.http = options.http ?? globalFetch;
  }

  get origin(): string {
    return new URL(this.baseUrl).origin;
  }

  /**
   * The origin a challenge names goes into what the U盾 signs; it must be the service we are
   * configured for, or a server in the middle could relay a real challenge and reuse our
   * signature at the real service.
   */
  assertServiceOrigin(origin: string): void {
    if (origin !== this.expectedOrigin) throw new AppError('SERVICE_ORIGIN_MISMATCH');
  }

  async request<S extends z.ZodType>(
    path: string,
    schema: S,
    options: RequestOptions = {},
  ): Promise<z.output<S>> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
    let response: Response;
    try {
      response = await this.http(new URL(path, this.baseUrl), {
        method: options.method ?? 'GET',
        headers,
        body: options.body === undefined ? undefined : JSON.stringify(options.body),
        signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
      });
    } catch (error) {
      throw new AppError('NETWORK_UNREACHABLE', undefined, { cause: error });
    }
    const text = await response.text().catch(() => '');
    if (response.status === 503)
      throw new MaintenanceError(parseRetryAfter(response.headers.get('retry-after')));
    if (!response.ok) throw errorFromResponse(response.status, text);
    const parsed = schema.safeParse(safeJson(text));
    if (!parsed.success) throw new AppError('PROTOCOL_ERROR');
    return parsed.data;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function errorFromResponse(status: number, text: string): AppError {
  const json = safeJson(text);
  const wire = wireErrorSchema.safeParse(json);
  if (wire.success && isErrorCode(wire.data.code)) {
    // Parameters (tries left, unlock time) fill our own catalogue text.
    const params = wireErrorParamsSchema.safeParse(json);
    return new AppError(wire.data.code, params.success ? params.data.params : undefined);
  }
  if (status >= 500) return new AppError('SERVER_ERROR');
  return new AppError('PROTOCOL_ERROR');
}
