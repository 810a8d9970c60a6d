// Messages between SkfHost (main thread) and skf-worker (one worker per SKF library). Errors
// travel as {code, params} like the PKCS#11 worker's and are rebuilt as AppError on the main side.
import type { SkfDeviceEntry, SkfPinView, SkfPresence } from './skf-types';

export interface SkfOperations {
  init: { args: { path: string }; result: null };
  listDevices: { args: Record<string, never>; result: SkfDeviceEntry[] };
  poll: { args: Record<string, never>; result: SkfPresence[] };
  pinInfo: { args: { serial: string }; result: SkfPinView };
  /** The PIN crosses once, in this message, and is not kept by the worker after the call. */
  login: { args: { serial: string; pin: string }; result: null };
  sign: { args: { serial: string; keyRef: string; data: Uint8Array }; result: Uint8Array };
  logout: { args: { serial: string }; result: null };
  finalize: { args: Record<string, never>; result: null };
}

export type SkfOperationName = keyof SkfOperations;

export type SkfWorkerRequest = {
  [K in SkfOperationName]: { id: number; op: K; args: SkfOperations[K]['args'] };
}[SkfOperationName];
