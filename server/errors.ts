// The service's refusals: a stable code from the catalogue and the HTTP status it travels with.
import { describeError, type ErrorParams } from '../domain/errors';
import type { ErrorCode } from '../domain/error-catalogue';

export interface WireErrorBody {
  code: ErrorCode;
  message: string;
  /** What to do next; clients that know the code use their own catalogue text instead. */
  action: string;
}

/** Thrown anywhere inside a request; the error handler turns it into `{ code, message }`. */
export class ServiceError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    readonly params?: ErrorParams,
  ) {
    super(code);
    this.name = 'ServiceError';
  }

  body(): WireErrorBody {
    const info = describeError(this.code, this.params);
    return { code: this.code, message: info.message, action: info.action ?? '' };
  }
}

export const badRequest = (): ServiceError => new ServiceError('BAD_REQUEST', 400);
/** Authentication failures: the caller is not who it needs to be. */
export const unauthorized = (code: ErrorCode): ServiceError => new ServiceError(code, 401);
/** Known caller, but not allowed to do this. */
export const forbidden = (code: ErrorCode): ServiceError => new ServiceError(code, 403);

/** A refusal that tells the caller when to come back; the error handler adds Retry-After. */
export class RetryLaterError extends ServiceError {
  constructor(
    code: ErrorCode,
    status: number,
    readonly retryAfterSeconds: number,
    params?: ErrorParams,
  ) {
    super(code, status, params);
    this.name = 'RetryLaterError';
  }
}

/** 503 during maintenance, with Retry-After. */
export class MaintenanceError extends RetryLaterError {
  constructor(retryAfterSeconds: number, retryAt: string) {
    super('MAINTENANCE', 503, retryAfterSeconds, { time: retryAt });
    this.name = 'MaintenanceError';
  }
}
