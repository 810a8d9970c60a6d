// Electron entry. Only the Electron shell and the services are imported here: browser mode is a
// separate Node entry and never part of this bundle, so a packaged build cannot start it.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, session } from 'electron';
import electronUpdaterModule from 'electron-updater';
import { createAppServices } from '../services/app-services';
import { applyProxy, sessionFetch } from './proxy';
import { electronUpdater } from './updater';
import { startShell } from './lifecycle';

const here = dirname(fileURLToPath(import.meta.url));

const log = {
  info: (message: string) => console.info(`[shell] ${message}`),
  warn: (message: string) => console.warn(`[shell] ${message}`),
  error: (message: string) => console.error(`[shell] ${message}`),
};

startShell({
  createServices: async (config) => {
    await applyProxy(session.defaultSession, config.it?.proxy ?? 'system');
    const updater = electronUpdater(
      () => electronUpdaterModule.autoUpdater,
      config.it,
      app.isPackaged,
    );
    return createAppServices(config, { updater, http: sessionFetch(session.defaultSession) });
  },
  // electron-vite's layout: out/main/index.js, out/preload/index.cjs, out/renderer/index.html.
  preloadPath: join(here, '../preload/index.cjs'),
  rendererDir: join(here, '../renderer'),
  env: process.env,
  log,
});
