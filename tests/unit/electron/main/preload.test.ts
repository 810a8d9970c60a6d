// The page sees exactly one object, `window.shebao`, with `invoke` and `onEvent`, and nothing
// that would let it talk IPC freely.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Bridge } from '../../../../electron/contract/api';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../../../electron/contract/api';

type Mock = typeof import('../../../support/electron-mock');

let electron: Mock;
let bridge: Bridge;

beforeEach(async () => {
  // The preload exposes its bridge when loaded, so each test loads it afresh.
  vi.resetModules();
  electron = await import('../../../support/electron-mock');
  electron.resetElectronMock();
  await import('../../../../electron/preload/index');
  bridge = electron.contextBridge.exposed.get('shebao') as Bridge;
});

describe('preload bridge', () => {
  it('exposes only window.shebao, with invoke and onEvent and nothing else', () => {
    expect([...electron.contextBridge.exposed.keys()]).toEqual(['shebao']);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'onEvent']);
    for (const value of Object.values(bridge)) {
      expect(typeof value).toBe('function');
      expect(value).not.toBe(electron.ipcRenderer);
      expect(value).not.toBe(electron.ipcRenderer.invoke);
      expect(value).not.toBe(electron.ipcRenderer.on);
    }
  });

  it('carries a call over the one invoke channel and hands back main’s answer', async () => {
    const answer = { ok: true, value: { loggedOut: true } };
    electron.ipcRenderer.respond = async () => answer;
    await expect(bridge.invoke('auth.logout', {})).resolves.toEqual(answer);
    expect(electron.ipcRenderer.invocations).toEqual([
      { channel: IPC_INVOKE_CHANNEL, args: ['auth.logout', {}] },
    ]);
  });

  it('passes events to a listener without the IPC event object, until unsubscribed', () => {
    const seen: Array<[string, unknown]> = [];
    const off = bridge.onEvent((name, payload) => seen.push([name, payload]));
    const ipcEvent = { sender: electron.ipcRenderer, senderId: 0 };
    electron.ipcRenderer.emit(IPC_EVENT_CHANNEL, ipcEvent, 'auth.progress', { stage: 'signing' });
    expect(seen).toEqual([['auth.progress', { stage: 'signing' }]]);

    off();
    electron.ipcRenderer.emit(IPC_EVENT_CHANNEL, ipcEvent, 'auth.progress', { stage: 'done' });
    expect(seen).toHaveLength(1);
    expect(electron.ipcRenderer.listenerCount(IPC_EVENT_CHANNEL)).toBe(0);
  });

  it('listens on the event channel only', () => {
    bridge.onEvent(() => undefined);
    expect(electron.ipcRenderer.eventNames()).toEqual([IPC_EVENT_CHANNEL]);
  });
});
