// Finds the bridge to the main side: the preload's `window.shebao` inside Electron, or in browser
// mode a loopback WebSocket whose secret arrives in the page's URL fragment. The secret is taken
// out of the address bar (and so out of history, bookmarks and screenshots) as soon as it is
// read; the tab keeps it in sessionStorage so a reload still connects.
import type { Bridge, CallResult } from '../../../electron/contract/api';
import {
  BRIDGE_ACCEPTED_EVENT,
  BRIDGE_BUSY_CLOSE,
  BRIDGE_PATH,
  bridgeServerMessageSchema,
} from '../../../electron/contract/bridge-wire';
import { describeError } from '../../../domain/errors';

declare global {
  interface Window {
    shebao?: Bridge;
  }
}

const SECRET_STORAGE_KEY = 'shebao.bridge';
/** A reload opens the new connection while the old page's may still be closing: try again. */
const BUSY_RETRIES = 20;
const BUSY_RETRY_MS = 250;

function webSocketBridge(secret: string): Bridge {
  const listeners = new Set<(name: string, payload: unknown) => void>();
  const pending = new Map<number, (result: CallResult) => void>();
  let nextId = 1;
  let busy = false;
  const url = new URL(BRIDGE_PATH, location.href);
  url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  url.hash = '';
  url.searchParams.set('secret', secret);

  const failAll = (result: CallResult) => {
    for (const resolve of pending.values()) resolve(result);
    pending.clear();
  };

  const open = (attempt: number): Promise<WebSocket> =>
    new Promise<WebSocket>((resolveSocket, rejectSocket) => {
      const socket = new WebSocket(url);
      let settled = false;
      socket.addEventListener('message', (event) => {
        const parsed = bridgeServerMessageSchema.safeParse(JSON.parse(String(event.data)));
        if (!parsed.success) return;
        const message = parsed.data;
        if ('id' in message) {
          pending.get(message.id)?.(message.result);
          pending.delete(message.id);
        } else if (message.event === BRIDGE_ACCEPTED_EVENT) {
          // Accepted: a refused (busy) connection is closed before this would arrive.
          settled = true;
          resolveSocket(socket);
        } else {
          for (const listener of listeners) listener(message.event, message.payload);
        }
      });
      socket.addEventListener('close', (event) => {
        if (!settled) {
          settled = true;
          if (event.code === BRIDGE_BUSY_CLOSE && attempt < BUSY_RETRIES) {
            setTimeout(() => open(attempt + 1).then(resolveSocket, rejectSocket), BUSY_RETRY_MS);
          } else {
            busy = event.code === BRIDGE_BUSY_CLOSE;
            rejectSocket(new Error('bridge unavailable'));
          }
          return;
        }
        busy = event.code === BRIDGE_BUSY_CLOSE;
        failAll({ ok: false, error: describeError(busy ? 'BRIDGE_BUSY' : 'INTERNAL') });
      });
    });
  const connection = open(0);
  connection.catch(() => undefined);

  return {
    async invoke(method, input) {
      let socket: WebSocket;
      try {
        socket = await connection;
      } catch {
        return { ok: false, error: describeError(busy ? 'BRIDGE_BUSY' : 'INTERNAL') };
      }
      if (socket.readyState !== WebSocket.OPEN) {
        return { ok: false, error: describeError(busy ? 'BRIDGE_BUSY' : 'INTERNAL') };
      }
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

/** Reads the secret from the fragment, then takes it out of the address bar for good. */
function takeSecret(): string | null {
  const fromUrl = new URLSearchParams(location.hash.slice(1)).get('bridge');
  if (fromUrl) {
    sessionStorage.setItem(SECRET_STORAGE_KEY, fromUrl);
    history.replaceState(history.state, '', `${location.pathname}${location.search}`);
    return fromUrl;
  }
  return sessionStorage.getItem(SECRET_STORAGE_KEY);
}

export function connectBridge(): Bridge {
  if (window.shebao) return window.shebao;
  const secret = takeSecret();
  if (!secret) throw new Error('No bridge: open this page from the Shebao Desk browser-mode link.');
  return webSocketBridge(secret);
}
