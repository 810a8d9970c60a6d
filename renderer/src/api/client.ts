// The renderer's typed view of the contract: call a method, get its parsed output or an
// ApiError carrying the zh-CN message and what to do.
import {
  api,
  events,
  type EventName,
  type EventPayload,
  type MethodInput,
  type MethodName,
  type MethodOutput,
} from '../../../electron/contract/api';
import { describeError, type ErrorInfo } from '../../../domain/errors';
import { connectBridge } from './bridge';

export class ApiError extends Error {
  constructor(readonly info: ErrorInfo) {
    super(info.message);
  }
}

const bridge = connectBridge();

/**
 * Settles once the locked session is unlocked (true) or ended (false). The services refuse data
 * calls while the U盾 is out; a call made then (an edit committed as the lock took the focus)
 * waits for the unlock and is made again, so nothing typed is lost.
 */
function untilUnlocked(): Promise<boolean> {
  return new Promise((resolve) => {
    const settle = (session: { lock: unknown } | null | undefined) => {
      if (session === undefined || session?.lock) return;
      off();
      resolve(session !== null);
    };
    const off = bridge.onEvent((name, payload) => {
      if (name !== 'session.changed') return;
      const parsed = events['session.changed'].safeParse(payload);
      if (parsed.success) settle(parsed.data);
    });
    // It may have been unlocked between the refusal and this subscription.
    void bridge.invoke('auth.session', {}).then((current) => {
      if (!current.ok) return;
      const parsed = api['auth.session'].output.safeParse(current.value);
      if (parsed.success) settle(parsed.data);
    });
  });
}

export async function call<M extends MethodName>(
  method: M,
  input: MethodInput<M>,
): Promise<MethodOutput<M>> {
  let result = await bridge.invoke(method, input);
  if (!result.ok && result.error.code === 'SESSION_LOCKED' && (await untilUnlocked())) {
    result = await bridge.invoke(method, input);
  }
  if (!result.ok) throw new ApiError(result.error);
  const parsed = api[method].output.safeParse(result.value);
  if (!parsed.success) {
    throw new ApiError(describeError('PROTOCOL_ERROR'));
  }
  return parsed.data as MethodOutput<M>;
}

export function subscribe<E extends EventName>(
  name: E,
  listener: (payload: EventPayload<E>) => void,
): () => void {
  return bridge.onEvent((eventName, payload) => {
    if (eventName !== name) return;
    const parsed = events[name].safeParse(payload);
    if (parsed.success) listener(parsed.data as EventPayload<E>);
  });
}

export function errorOf(error: unknown): ErrorInfo {
  if (error instanceof ApiError) return error.info;
  return describeError('INTERNAL');
}
