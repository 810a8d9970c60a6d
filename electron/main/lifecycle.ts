// The app's life: one instance, sandbox everywhere, services up before the window, and an orderly
// shutdown that lets calls in flight finish (a token mid-sign) before the services close.
import { app, dialog, type BrowserWindow } from 'electron';
import { describeError } from '../../domain/errors';
import type { AppConfig, AppServices } from '../services/app-services-types';
import { handleAppScheme, registerAppScheme } from './app-protocol';
import { loadConfig, machineConfigDir, readMachineSources } from './config';
import { bindIpc, type IpcBinding } from './ipc';
import { safeStorageSealer } from './safe-storage-sealer';
import { withShellMethods } from './print';
import { forbiddenSwitches, hardenWebContents } from './security';
import { createWindowFactory, PRODUCT_NAME, type WindowFactory } from './window-factory';

export interface ShellLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface ShellOptions {
  createServices(config: AppConfig): Promise<AppServices>;
  preloadPath: string;
  rendererDir: string;
  env: Readonly<Record<string, string | undefined>>;
  log: ShellLogger;
  /** How long shutdown waits for calls in flight, then for the services to close. */
  shutdownTimeoutMs?: number;
  /** The command line the app was started with (default process.argv). */
  argv?: readonly string[];
  /** Where IT's machine-wide config.json is; the platform's place unless a test says otherwise. */
  machineConfigDir?: string;
}

export interface ShellHandle {
  /** Settles once the main window exists (or start-up failed and the app is quitting). */
  readonly ready: Promise<void>;
  mainWindow(): BrowserWindow | null;
  /** Settles when services are disposed and `app.quit()` has been called for good. */
  readonly stopped: Promise<void>;
}

/**
 * Starts the shell. Returns null when another instance already runs: that one is asked to come to
 * the front (via 'second-instance') and this one quits.
 */
export function startShell(options: ShellOptions): ShellHandle | null {
  const timeoutMs = options.shutdownTimeoutMs ?? 5000;
  const { log } = options;

  // An installed build never runs with a debugging port, an inspector or weakened security.
  if (app.isPackaged) {
    const nodeOptions = (options.env.NODE_OPTIONS ?? '').split(/\s+/).filter(Boolean);
    const refused = [
      ...forbiddenSwitches(options.argv ?? process.argv),
      ...forbiddenSwitches(['node', ...nodeOptions]),
    ];
    if (refused.length > 0) {
      log.error(`Refusing to start with ${refused.join(', ')}.`);
      const info = describeError('DEBUG_SWITCH_REFUSED', { switches: refused.join(' ') });
      dialog.showErrorBox(PRODUCT_NAME, `${info.message}\n${info.action ?? ''}`);
      app.exit(1);
      return null;
    }
  }

  // Both must happen before 'ready'.
  app.enableSandbox();
  registerAppScheme();

  if (!app.requestSingleInstanceLock()) {
    log.info('Another Shebao Desk is already running; bringing it to the front.');
    app.quit();
    return null;
  }

  let factory: WindowFactory | null = null;
  let mainWindow: BrowserWindow | null = null;
  let services: AppServices | null = null;
  let ipc: IpcBinding | null = null;
  let unsubscribe: (() => void) | null = null;
  let phase: 'running' | 'stopping' | 'stopped' = 'running';
  let markStopped: () => void = () => undefined;
  const stopped = new Promise<void>((resolveStopped) => (markStopped = resolveStopped));

  const focusMain = (): void => {
    const win = mainWindow;
    if (!win || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    if (!win.isVisible()) win.show();
    win.focus();
  };

  app.on('second-instance', focusMain);

  // Any web contents that ever appears, not only the ones our factory made, gets the same rules.
  app.on('web-contents-created', (_event, contents) => {
    if (factory) hardenWebContents(contents, { isAppUrl: factory.isAppUrl, externalOrigins: [] });
  });

  const openMainWindow = (): void => {
    if (!factory) return;
    mainWindow = factory.create();
    mainWindow.on('closed', () => (mainWindow = null));
  };

  const start = async (): Promise<void> => {
    await app.whenReady();
    factory = createWindowFactory({
      preloadPath: options.preloadPath,
      devServerUrl: options.env.ELECTRON_RENDERER_URL,
      isPackaged: app.isPackaged,
      log,
    });
    if (!factory.entryUrl.startsWith('http')) handleAppScheme(options.rendererDir, factory.csp);

    const config = loadConfig(app.getPath('userData'), {
      env: options.env,
      version: app.getVersion(),
      isPackaged: app.isPackaged,
      log,
      machine: readMachineSources(
        options.machineConfigDir ?? machineConfigDir(process.platform, options.env, app.isPackaged),
        log,
      ),
    });
    // Each person's database key is sealed by the OS keystore (DPAPI on Windows) where there is one.
    const keySealer = safeStorageSealer();
    if (!keySealer) log.warn('No OS keystore: database keys are protected by file permissions.');
    services = await options.createServices(keySealer ? { ...config, keySealer } : config);
    if (phase !== 'running') return;
    const currentFactory = factory;
    const running = services;
    ipc = bindIpc({
      call: withShellMethods((m, p, c) => running.call(m, p, c), {
        window: () => mainWindow,
        dialog,
      }),
      isAppUrl: currentFactory.isAppUrl,
      isOurWindow: currentFactory.isOurWindow,
      windows: currentFactory.windows,
      log,
    });
    const binding = ipc;
    unsubscribe = services.onEvent((name, payload) => binding.sendEvent(name, payload));
    openMainWindow();
  };

  const stop = async (): Promise<void> => {
    phase = 'stopping';
    try {
      // Services still starting are let finish, so they can be closed rather than abandoned.
      await withTimeout(
        startup.then(
          () => undefined,
          () => undefined,
        ),
        timeoutMs,
      ).catch(() => log.warn(`Quitting while services are still starting (${timeoutMs} ms).`));
      if (ipc && !(await ipc.drain(timeoutMs))) {
        log.warn(`Quitting with ${ipc.inFlight()} call(s) still running after ${timeoutMs} ms.`);
      }
      unsubscribe?.();
      ipc?.unbind();
      if (services) await withTimeout(services.dispose(), timeoutMs);
    } catch (error) {
      log.error(`Services did not close cleanly: ${errorText(error)}`);
    } finally {
      phase = 'stopped';
      app.quit();
      markStopped();
    }
  };

  // Quitting is held until services are disposed, then asked for again.
  app.on('before-quit', (event) => {
    if (phase === 'stopped') return;
    event.preventDefault();
    if (phase === 'running') void stop();
  });

  // Windows and Linux: closing the last window ends the app.
  app.on('window-all-closed', () => {
    if (phase === 'running') void stop();
  });

  app.on('activate', () => {
    if (phase === 'running' && services && (!mainWindow || mainWindow.isDestroyed())) {
      openMainWindow();
    }
  });

  const startup = start();
  const ready = startup.catch((error: unknown) => {
    log.error(`Shebao Desk could not start: ${errorText(error)}`);
    const info = describeError('INTERNAL');
    dialog.showErrorBox(PRODUCT_NAME, `${info.message}\n${info.action ?? ''}`);
    void stop();
  });

  return { ready, stopped, mainWindow: () => mainWindow };
}

function withTimeout(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function errorText(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
