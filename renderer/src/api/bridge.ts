// Finds the bridge to the main side: the preload's `window.shebao` inside Electron, or in browser
// mode a loopback WebSocket whose secret arrives in the page's URL fragment.
import type { Bridge, CallResult } from '../../../electron/contract/api';
import { BRIDGE_PATH, bridgeServerMessageSchema } from '../../../electron/contract/bridge-wire';
import { describeError } from '../../../domain/errors';

declare global {
  interface Window {
    shebao?: Bridge;
  }
}

function webSocketBridge(secret: string): Bridge {
  const listeners = new Set<(name: string, payload: unknown) => void>();
  const pending = new Map<number, (result: CallResult) => void>();
  let nextId = 1;
  const url = new URL(BRIDGE_PATH, location.href);
  url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  url.hash = '';
  url.searchParams.set('secret', secret);
  const socket = new WebSocket(url);
  const opened = new Promise<void>((resolve, reject) => {
    socket.addEventListener('open', () => resolve(), { once: true });
    socket.addEventListener('error', () => reject(new Error('bridge unavailable')), { once: true });
  });
  socket.addEventListener('message', (event) => {
    const parsed = bridgeServerMessageSchema.safeParse(JSON.parse(String(event.data)));
    if (!parsed.success) return;
    const message = parsed.data;
    if ('id' in message) {
      pending.get(message.id)?.(message.result);
      pending.delete(message.id);
    } else {
      for (const listener of listeners) listener(message.event, message.payload);
    }
  });
  socket.addEventListener('close', () => {
    for (const resolve of pending.values()) {
      resolve({ ok: false, error: describeError('INTERNAL') });
    }
    pending.clear();
  });
  return {
    async invoke(method, input) {
      await opened;
      const id = nextId++;
      return new Promise<CallResult>((resolve) => {
        pending.set(id, resolve);
        socket.send(JSON.stringify({ id, method, input }));
      });
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export function connectBridge(): Bridge {
  if (window.shebao) return window.shebao;
  const secret = new URLSearchParams(location.hash.slice(1)).get('bridge');
  if (!secret) throw new Error('No bridge: open this page from the Shebao Desk browser-mode link.');
  return webSocketBridge(secret);
}
