// Refusals of the accounts endpoints. They carry their parameters (tries left, unlock time,
// seconds to wait) on the wire too, so a client can show its own catalogue text with them.
import type { ErrorCode } from '../../domain/error-catalogue';
import type { ErrorParams } from '../../domain/errors';
import { localClock, localTime } from '../sync/service-time';
import { ServiceError, type WireErrorBody } from '../errors';

export class AccountError extends ServiceError {
  constructor(code: ErrorCode, status: number, params?: ErrorParams) {
    super(code, status, params);
    this.name = 'AccountError';
  }

  override body(): WireErrorBody & { params?: ErrorParams } {
    return this.params ? { ...super.body(), params: this.params } : super.body();
  }
}

export const invalid = (code: ErrorCode, params?: ErrorParams): AccountError =>
  new AccountError(code, 400, params);

/** "12月2日 07:35" in service time (Beijing), for unlock times. */
export function serviceDateTime(at: Date): string {
  const { date } = localTime(at);
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日 ${localClock(at)}`;
}

/** The 5.3 message shows numbers the way the portal does: the start, then asterisks. */
export function maskForCounter(value: string): string {
  return value.slice(0, 10) + '*'.repeat(Math.max(0, value.length - 10));
}
