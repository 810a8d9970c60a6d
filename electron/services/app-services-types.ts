// The shape every shell (Electron main, browser mode) binds to: handlers for each contract
// method, an event stream, and an orderly shutdown.
import type { z } from 'zod';
import type { Api, CallResult, EventName, EventPayload, MethodName } from '../contract/api';
import type { KeySealer } from './store/key-vault';
import type { ItSettings } from './it-settings';

export interface CallContext {
  /** Which shell carried the call; used only for traces, never for authority. */
  readonly transport: 'ipc' | 'browser';
}

export type Handlers = {
  [M in MethodName]: (
    input: z.output<Api[M]['input']>,
    ctx: CallContext,
  ) => Promise<z.input<Api[M]['output']>>;
};

export type EventListener = <E extends EventName>(name: E, payload: EventPayload<E>) => void;

export interface AppServices {
  readonly handlers: Handlers;
  /** Checks and runs one call from a shell; logs the method and outcome, never the payload. */
  call(method: unknown, payload: unknown, ctx: CallContext): Promise<CallResult>;
  onEvent(listener: EventListener): () => void;
  dispose(): Promise<void>;
}

export interface AppConfig {
  /** Base URL of the social-insurance service, e.g. http://127.0.0.1:8443. */
  serverUrl: string;
  /** Where the per-user database and logs live. */
  dataDir: string;
  /** The app's resources folder (region tables, templates): process.resourcesPath when packaged. */
  resourcesDir: string;
  /** Extra PKCS#11 module paths added by the user or IT. */
  extraModules: string[];
  /** Extra SKF (GM/T 0016) library paths added by the user or IT. */
  extraSkfModules?: string[];
  /** Also try every vendor module of resources/vendor-modules.json installed on this PC. */
  scanRegistry: boolean;
  /** The demo soft certificate (.p12), used when no token module is installed. */
  demoSoftCert: { path: string } | null;
  mode: 'electron' | 'browser';
  /** Seals each person's database key (the OS keystore in Electron); default an owner-only file. */
  keySealer?: KeySealer;
  testMode: boolean;
  version: string;
  /** IT's machine-wide settings (updates, proxy, SKF drivers); absent in browser mode. */
  it?: ItSettings;
}
