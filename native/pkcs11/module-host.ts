// Main-side handle on one PKCS#11 module. Every call goes to the module's own worker thread,
// which serialises them; the main thread only awaits, so a 500 ms signature never blocks it.
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../domain/errors';
import { WorkerClient } from '../worker-rpc/worker-client';
import type { ModuleInfoView, PollResult, SlotState, TokenEntry, TokenInfoView } from './types';
import type { OperationName, Operations } from './worker-protocol';

export interface ModuleHostOptions {
  /** Per-call limit for ordinary calls. */
  callTimeoutMs?: number;
  /** Limit for a signature (a real key takes 100–500 ms; some ask for a button press). */
  signTimeoutMs?: number;
  /** Limit for a login on a PIN pad, where the person types on the device. */
  pinPadTimeoutMs?: number;
}

const DEFAULTS: Required<ModuleHostOptions> = {
  callTimeoutMs: 15_000,
  signTimeoutMs: 30_000,
  pinPadTimeoutMs: 120_000,
};
const INIT_TIMEOUT_MS = 30_000;

/**
 * From source (tsx, vitest) the worker is a .ts file started through a JS bootstrap; in the
 * Electron build it is compiled to token-worker.js next to the main bundle.
 */
function spawnWorker(): Worker {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    const entry = new URL('./token-worker.ts', here).href;
    return new Worker(new URL('./worker-bootstrap.mjs', here), { workerData: { entry } });
  }
  // A computed name keeps bundlers from treating this as an asset to inline.
  const compiled = ['token-worker', 'js'].join('.');
  return new Worker(new URL(compiled, here));
}

/**
 * Open a module once per process (TokenWatch does, and hands its hosts out): modules keep one
 * state per process, so one host's close() (C_Finalize) ends the module for every user of it.
 */
export class Pkcs11ModuleHost {
  readonly file: string;
  private moduleInfo: ModuleInfoView | null = null;
  private readonly options: Required<ModuleHostOptions>;
  private readonly rpc: WorkerClient<Operations>;

  private constructor(
    readonly path: string,
    options: ModuleHostOptions,
  ) {
    this.file = basename(path);
    this.options = { ...DEFAULTS, ...options };
    this.rpc = new WorkerClient<Operations>({
      file: this.file,
      path,
      spawn: spawnWorker,
      callTimeoutMs: this.options.callTimeoutMs,
      initTimeoutMs: INIT_TIMEOUT_MS,
      onInit: (info) => {
        this.moduleInfo = info;
      },
    });
  }

  /** Loads the module in a new worker. Rejects with MODULE_NOT_FOUND / _WRONG_ARCH / _LOAD_FAILED. */
  static async open(path: string, options: ModuleHostOptions = {}): Promise<Pkcs11ModuleHost> {
    const host = new Pkcs11ModuleHost(path, options);
    if (!existsSync(path)) throw new AppError('MODULE_NOT_FOUND', { file: host.file });
    await host.rpc.start();
    return host;
  }

  get info(): ModuleInfoView | null {
    return this.moduleInfo;
  }

  /** Calls are in flight (or the worker is starting): a new call would wait behind them. */
  get busy(): boolean {
    return this.rpc.busy;
  }

  listTokens(): Promise<TokenEntry[]> {
    return this.request('listTokens', {}).then((tokens) =>
      tokens.map((t) => ({
        ...t,
        certificates: t.certificates.map((c) => ({ ...c, der: Buffer.from(c.der) })),
      })),
    );
  }

  /** Cheap: present initialised tokens with fresh flags, plus slot events since the last poll. */
  poll(): Promise<PollResult> {
    return this.request('poll', {});
  }

  tokenInfo(slotId: string): Promise<TokenInfoView> {
    return this.request('tokenInfo', { slotId });
  }

  /**
   * Logs in and keeps the session for later signatures. A null PIN logs in on the token's own
   * PIN pad (CKF_PROTECTED_AUTHENTICATION_PATH). The PIN only passes through.
   */
  async login(slotId: string, pin: string | null): Promise<void> {
    const timeout = pin === null ? this.options.pinPadTimeoutMs : this.options.callTimeoutMs;
    await this.request('login', { slotId, pin }, timeout);
  }

  /** SHA-256 signature with the key whose CKA_ID is given (RSA PKCS#1 v1.5 or ECDSA r||s). */
  async sign(slotId: string, ckaIdHex: string, data: Uint8Array): Promise<Buffer> {
    const signature = await this.request(
      'sign',
      { slotId, ckaIdHex, data: new Uint8Array(data) },
      this.options.signTimeoutMs,
    );
    return Buffer.from(signature);
  }

  async logout(slotId: string): Promise<void> {
    await this.request('logout', { slotId });
  }

  /** Re-reads the module's slots from scratch (C_Finalize + C_Initialize); ends all logins. */
  rescan(): Promise<SlotState[]> {
    return this.request('rescan', {});
  }

  /** C_Finalize and end the worker. Pending calls are rejected. */
  close(): Promise<void> {
    return this.rpc.close();
  }

  /** Test seam: ends the worker the way a crash would (pending calls fail, next call restarts). */
  simulateCrash(): Promise<void> {
    return this.rpc.simulateCrash();
  }

  private request<K extends OperationName>(
    op: K,
    args: Operations[K]['args'],
    timeoutMs = this.options.callTimeoutMs,
  ): Promise<Operations[K]['result']> {
    return this.rpc.call(op, args, timeoutMs);
  }
}
