import { z } from 'zod';
import { errorCatalogue, isErrorCode, type ErrorCode } from './error-catalogue';

export type ErrorParams = Record<string, string | number>;

/** What crosses a boundary (IPC, network) when something went wrong. */
export const errorInfoSchema = z.object({
  code: z.string().min(1).max(64),
  message: z.string().max(2000),
  action: z.string().max(2000).optional(),
});
export type ErrorInfo = z.infer<typeof errorInfoSchema>;

function fill(template: string, params: ErrorParams | undefined): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    key in params ? String(params[key]) : whole,
  );
}

export function describeError(code: ErrorCode, params?: ErrorParams): ErrorInfo {
  const entry = errorCatalogue[code];
  return { code, message: fill(entry.message, params), action: fill(entry.action, params) };
}

/** An error with a stable code whose text comes from the catalogue. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly params: ErrorParams | undefined;

  constructor(code: ErrorCode, params?: ErrorParams, options?: { cause?: unknown }) {
    super(describeError(code, params).message, options);
    this.name = 'AppError';
    this.code = code;
    this.params = params;
  }

  toInfo(): ErrorInfo {
    return describeError(this.code, this.params);
  }
}

/** Turns anything thrown into what may be shown to a person; unknown errors never leak details. */
export function toErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof AppError) return error.toInfo();
  return describeError('INTERNAL');
}

/** Maps a code received from elsewhere (the server) to our catalogue, keeping its text if unknown. */
export function errorInfoFromWire(code: string, message: string): ErrorInfo {
  if (isErrorCode(code)) return describeError(code);
  return { code, message };
}
