// Messages between Pkcs11ModuleHost (main thread) and token-worker (one worker per module).
// Errors travel as {code, params} and are rebuilt as AppError on the main side.
import { z } from 'zod';
import { AppError, type ErrorParams } from '../../domain/errors';
import { isErrorCode } from '../../domain/error-catalogue';
import type { ModuleInfoView, PollResult, SlotState, TokenEntry, TokenInfoView } from './types';

export interface Operations {
  init: { args: { path: string }; result: ModuleInfoView };
  listTokens: { args: Record<string, never>; result: TokenEntry[] };
  poll: { args: Record<string, never>; result: PollResult };
  tokenInfo: { args: { slotId: string }; result: TokenInfoView };
  /** The PIN crosses once, in this message, and is not kept by the worker after the call. */
  login: { args: { slotId: string; pin: string | null }; result: null };
  sign: { args: { slotId: string; ckaIdHex: string; data: Uint8Array }; result: Uint8Array };
  logout: { args: { slotId: string }; result: null };
  /** C_Finalize + C_Initialize: the only way some modules (SoftHSM2) see newly made tokens. */
  rescan: { args: Record<string, never>; result: SlotState[] };
  finalize: { args: Record<string, never>; result: null };
}

export type OperationName = keyof Operations;

export type WorkerRequest = {
  [K in OperationName]: { id: number; op: K; args: Operations[K]['args'] };
}[OperationName];

const paramsSchema = z.record(z.string(), z.union([z.string(), z.number()]));

export const wireErrorSchema = z.object({
  code: z.string().min(1).max(64),
  params: paramsSchema.optional(),
});
export type WireError = z.infer<typeof wireErrorSchema>;

/** The envelope is checked; the value's shape is fixed by the operation that was asked. */
export const workerResponseSchema = z.discriminatedUnion('ok', [
  z.object({ id: z.number().int(), ok: z.literal(true), value: z.unknown() }),
  z.object({ id: z.number().int(), ok: z.literal(false), error: wireErrorSchema }),
]);
export type WorkerResponse = z.infer<typeof workerResponseSchema>;

export function toWireError(error: unknown): WireError {
  if (error instanceof AppError) {
    return error.params ? { code: error.code, params: error.params } : { code: error.code };
  }
  // Unknown failures never carry their text across: it could contain anything, even input.
  return {
    code: 'TOKEN_FAILED',
    params: { detail: error instanceof Error ? error.name : 'unknown' },
  };
}

export function fromWireError(wire: WireError): AppError {
  const params: ErrorParams | undefined = wire.params;
  return isErrorCode(wire.code)
    ? new AppError(wire.code, params)
    : new AppError('TOKEN_FAILED', params);
}
