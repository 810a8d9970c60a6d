// The one place a call from the renderer enters the services, whichever shell carried it.
// Payloads are never logged: the PIN travels through here once, on its way to the token.
import { api, isMethodName, type CallResult } from '../contract/api';
import { AppError, describeError, toErrorInfo } from '../../domain/errors';
import type { CallContext, Handlers } from './app-services-types';

export interface DispatchTrace {
  /** Method name, outcome and duration only — never the input or the output. */
  (entry: { method: string; ok: boolean; code?: string; ms: number }): void;
}

export async function dispatch(
  handlers: Handlers,
  method: unknown,
  payload: unknown,
  ctx: CallContext,
  trace?: DispatchTrace,
): Promise<CallResult> {
  const started = performance.now();
  const done = (result: CallResult): CallResult => {
    trace?.({
      method: typeof method === 'string' ? method.slice(0, 64) : '?',
      ok: result.ok,
      ...(result.ok ? {} : { code: result.error.code }),
      ms: Math.round(performance.now() - started),
    });
    return result;
  };
  if (!isMethodName(method)) {
    return done({ ok: false, error: describeError('INVALID_INPUT') });
  }
  const spec = api[method];
  const input = spec.input.safeParse(payload ?? {});
  if (!input.success) {
    return done({ ok: false, error: describeError('INVALID_INPUT') });
  }
  try {
    const handler = handlers[method] as (input: unknown, ctx: CallContext) => Promise<unknown>;
    const raw = await handler(input.data, ctx);
    const output = spec.output.safeParse(raw);
    if (!output.success) {
      // Our own bug: say so plainly rather than hand the renderer something unchecked. The log
      // names the fields that broke the contract, never their values.
      const where = output.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.code}`);
      reportUnexpected(method, new Error(`output breaks the contract at ${where.join('; ')}`));
      return done({ ok: false, error: describeError('INTERNAL') });
    }
    return done({ ok: true, value: output.data });
  } catch (error) {
    if (!(error instanceof AppError)) reportUnexpected(method, error);
    return done({ ok: false, error: toErrorInfo(error) });
  }
}

function reportUnexpected(method: string, error: unknown): void {
  // Only the error's own message and stack: handler inputs (PINs) are never part of them.
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  console.error(`[dispatch] ${method} failed unexpectedly: ${text}`);
}
