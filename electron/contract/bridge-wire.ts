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
