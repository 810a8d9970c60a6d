// The page's only door to main: `window.shebao`, with `invoke` and `onEvent`. ipcRenderer itself
// never reaches the page, and the IPC event object (which names the sender) is not passed on.
// Built as CommonJS: a sandboxed preload cannot load ES modules.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  IPC_EVENT_CHANNEL,
  IPC_INVOKE_CHANNEL,
  type Bridge,
  type CallResult,
} from '../contract/channels';

const bridge: Bridge = {
  invoke(method: string, input: unknown): Promise<CallResult> {
    return ipcRenderer.invoke(IPC_INVOKE_CHANNEL, method, input) as Promise<CallResult>;
  },
  onEvent(listener: (name: string, payload: unknown) => void): () => void {
    if (typeof listener !== 'function') return () => undefined;
    const relay = (_event: IpcRendererEvent, name: unknown, payload: unknown): void => {
      if (typeof name === 'string') listener(name, payload);
    };
    ipcRenderer.on(IPC_EVENT_CHANNEL, relay);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, relay);
    };
  },
};

contextBridge.exposeInMainWorld('shebao', bridge);
