// Binds the contract to one IPC channel. Main trusts nothing the renderer sends: the sender must
// be a frame of one of our windows showing our own page, and every payload is parsed by the
// contract (in dispatch) before a handler sees it. Payloads are never logged: PINs pass here.
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import {
  events,
  IPC_EVENT_CHANNEL,
  IPC_INVOKE_CHANNEL,
  type CallResult,
  type EventName,
  type EventPayload,
} from '../contract/api';
import { describeError } from '../../domain/errors';
import type { AppServices, CallContext } from '../services/app-services-types';

export interface IpcOptions {
  /** The services' checked entry point (contract lookup, zod in and out, error mapping). */
  call: AppServices['call'];
  isAppUrl(url: string): boolean;
  isOurWindow(contents: WebContents): boolean;
  /** Live windows to push events to. */
  windows(): ReadonlyArray<{ readonly webContents: WebContents; isDestroyed(): boolean }>;
  log: { warn(message: string): void };
}

export interface IpcBinding {
  /** Calls being handled right now. */
  inFlight(): number;
  /** Sends a service event to our windows, after checking it against the contract. */
  sendEvent<E extends EventName>(name: E, payload: EventPayload<E>): void;
  /**
   * Stops taking new calls (they answer APP_CLOSING) and waits for the ones in flight, at most
   * `timeoutMs`. Resolves true when all finished in time.
   */
  drain(timeoutMs: number): Promise<boolean>;
  /** Removes the handler; safe to call twice. */
  unbind(): void;
}

const CTX: CallContext = { transport: 'ipc' };

export function bindIpc(options: IpcOptions): IpcBinding {
  let active = 0;
  let closing = false;
  let bound = true;
  const idleWaiters = new Set<() => void>();

  const trustedSender = (event: IpcMainInvokeEvent): boolean => {
    try {
      const frame = event.senderFrame;
      if (frame === null) return false;
      // Only the top frame: the app has no iframes, so anything else is an intruder.
      if (frame.parent !== null) return false;
      return options.isOurWindow(event.sender) && options.isAppUrl(frame.url);
    } catch {
      // A frame that navigated away or was destroyed mid-call.
      return false;
    }
  };

  ipcMain.handle(
    IPC_INVOKE_CHANNEL,
    async (event: IpcMainInvokeEvent, method: unknown, payload: unknown): Promise<CallResult> => {
      if (!trustedSender(event)) {
        options.log.warn(
          `Rejected an IPC call from an untrusted sender (method ${describeMethod(method)}).`,
        );
        return { ok: false, error: describeError('CALLER_NOT_TRUSTED') };
      }
      if (closing) return { ok: false, error: describeError('APP_CLOSING') };
      active += 1;
      try {
        return await options.call(method, payload, CTX);
      } catch {
        // call() answers errors itself; this is the last guard, and says nothing of the payload.
        return { ok: false, error: describeError('INTERNAL') };
      } finally {
        active -= 1;
        if (active === 0) for (const wake of [...idleWaiters]) wake();
      }
    },
  );

  const sendEvent = <E extends EventName>(name: E, payload: EventPayload<E>): void => {
    const schema = events[name] as (typeof events)[EventName] | undefined;
    const parsed = schema?.safeParse(payload);
    if (!parsed?.success) {
      options.log.warn(`Dropped event ${describeMethod(name)}: it does not match the contract.`);
      return;
    }
    for (const win of options.windows()) {
      if (win.isDestroyed()) continue;
      const contents = win.webContents;
      // Never hand our data to a page that is not ours (e.g. mid-navigation).
      if (contents.isDestroyed() || !options.isAppUrl(contents.getURL())) continue;
      contents.send(IPC_EVENT_CHANNEL, name, parsed.data);
    }
  };

  const drain = (timeoutMs: number): Promise<boolean> => {
    closing = true;
    if (active === 0) return Promise.resolve(true);
    return new Promise<boolean>((resolveDrain) => {
      const finish = (done: boolean): void => {
        clearTimeout(timer);
        idleWaiters.delete(onIdle);
        resolveDrain(done);
      };
      const onIdle = (): void => finish(true);
      const timer = setTimeout(() => finish(false), timeoutMs);
      idleWaiters.add(onIdle);
    });
  };

  return {
    inFlight: () => active,
    sendEvent,
    drain,
    unbind: () => {
      if (!bound) return;
      bound = false;
      ipcMain.removeHandler(IPC_INVOKE_CHANNEL);
    },
  };
}

function describeMethod(method: unknown): string {
  return typeof method === 'string' ? JSON.stringify(method.slice(0, 64)) : `<${typeof method}>`;
}
