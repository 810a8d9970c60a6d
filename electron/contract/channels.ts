// The IPC channel names and the bridge shape, apart from the schemas, so the sandboxed preload
// stays a few lines of code instead of bundling zod.
import type { ErrorInfo } from '../../domain/errors';

export const IPC_INVOKE_CHANNEL = 'shebao:invoke';
export const IPC_EVENT_CHANNEL = 'shebao:event';

export type CallResult = { ok: true; value: unknown } | { ok: false; error: ErrorInfo };

/** The narrow object preload exposes as `window.shebao`, and the browser bridge imitates. */
export interface Bridge {
  invoke(method: string, input: unknown): Promise<CallResult>;
  onEvent(listener: (name: string, payload: unknown) => void): () => void;
}
