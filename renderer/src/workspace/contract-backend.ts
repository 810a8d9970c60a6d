// The workspace backend of the app: every call goes through the typed contract client.
import { call, subscribe } from '../api/client';
import type { WorkspaceBackend } from './model';

export const contractBackend: WorkspaceBackend = {
  call: (method, input) => call(method, input),
  onImportProgress: (listener) => subscribe('workspace.importProgress', listener),
  onSynced: (listener) =>
    subscribe('sync.status', (status) => {
      if (status.state === 'idle' || status.state === 'waiting') listener();
    }),
};
