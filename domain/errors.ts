import { z } from 'zod';
import { errorCatalogue, type ErrorCode, type ErrorParamsOf } from './error-catalogue';

export type ErrorParams = Record<string, string | number>;

/**
 * The parameters for code C: for one known code, every placeholder of its texts (more may ride
 * along for the log); for a code only known as "some ErrorCode", any parameters.
 */
export type ParamsFor<C extends ErrorCode> = [ErrorCode] extends [C]
  ? ErrorParams
  : ErrorParamsOf<C> & ErrorParams;

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

/** Parameters after the code: required when the code's texts have placeholders. */
type ParamsArg<C extends ErrorCode> = [ErrorCode] extends [C]
  ? [params?: ErrorParams]
  : [keyof ErrorParamsOf<C>] extends [never]
    ? [params?: ErrorParams]
    : [params: ParamsFor<C>];

export function describeError<C extends ErrorCode>(code: C, ...[params]: ParamsArg<C>): ErrorInfo {
  const entry: { message: string; action: string } = errorCatalogue[code];
  const values = params as ErrorParams | undefined;
  return { code, message: fill(entry.message, values), action: fill(entry.action, values) };
}

/** An error with a stable code whose text comes from the catalogue. */
export class AppError<C extends ErrorCode = ErrorCode> extends Error {
  readonly code: C;
  readonly params: ErrorParams | undefined;

  constructor(code: C, ...args: [...ParamsArg<C>, options?: { cause?: unknown }]) {
    const params = args[0] as ErrorParams | undefined;
    super(describeError<ErrorCode>(code, params).message, args[1] as { cause?: unknown });
    this.name = 'AppError';
    this.code = code;
    this.params = params;
  }

  toInfo(): ErrorInfo {
    return describeError<ErrorCode>(this.code, this.params);
  }
}

/** Turns anything thrown into what may be shown to a person; unknown errors never leak details. */
export function toErrorInfo(error: unknown): ErrorInfo {
  if (error instanceof AppError) return error.toInfo();
  return describeError('INTERNAL');
}
