// Messages of the browser-mode bridge (a loopback WebSocket carrying the same contract as IPC).
import { z } from 'zod';
import { resultSchema } from './api';

export const bridgeCallSchema = z.object({
  id: z.number().int().nonnegative(),
  method: z.string().min(1).max(64),
  input: z.unknown(),
});
export type BridgeCall = z.infer<typeof bridgeCallSchema>;

export const bridgeServerMessageSchema = z.union([
  z.object({ id: z.number().int().nonnegative(), result: resultSchema }),
  z.object({ event: z.string().min(1).max(64), payload: z.unknown() }),
]);
export type BridgeServerMessage = z.infer<typeof bridgeServerMessageSchema>;

export const BRIDGE_PATH = '/bridge';

/** WebSocket close code: another browser connection is already open (one at a time). */
export const BRIDGE_BUSY_CLOSE = 4409;

/** The first message of an accepted connection, before any answer or event. */
export const BRIDGE_ACCEPTED_EVENT = 'bridge.accepted';
