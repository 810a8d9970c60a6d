// Main-side handle on one PKCS#11 module. Every call goes to the module's own worker thread,
// which serialises them; the main thread only awaits, so a 500 ms signature never blocks it.
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../domain/errors';
import type { ModuleInfoView, PollResult, SlotState, TokenEntry, TokenInfoView } from './types';
import {
  fromWireError,
  workerResponseSchema,
  type OperationName,
  type Operations,
  type WorkerRequest,
} from './worker-protocol';

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

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: AppError) => void;
  timer: NodeJS.Timeout;
}

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
  private worker: Worker | null = null;
  private starting: Promise<void> | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;
  private moduleInfo: ModuleInfoView | null = null;
  private readonly options: Required<ModuleHostOptions>;

  private constructor(
    readonly path: string,
    options: ModuleHostOptions,
  ) {
    this.file = basename(path);
    this.options = { ...DEFAULTS, ...options };
  }

  /** Loads the module in a new worker. Rejects with MODULE_NOT_FOUND / _WRONG_ARCH / _LOAD_FAILED. */
  static async open(path: string, options: ModuleHostOptions = {}): Promise<Pkcs11ModuleHost> {
    const host = new Pkcs11ModuleHost(path, options);
    if (!existsSync(path)) throw new AppError('MODULE_NOT_FOUND', { file: host.file });
    await host.ensureWorker();
    return host;
  }

  get info(): ModuleInfoView | null {
    return this.moduleInfo;
  }

  /** Calls are in flight (or the worker is starting): a new call would wait behind them. */
  get busy(): boolean {
    return this.pending.size > 0 || this.starting !== null;
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
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const worker = this.worker;
    if (worker) {
      try {
        await this.send('finalize', {}, this.options.callTimeoutMs);
      } catch {
        // A module that cannot finalise is ended with its worker all the same.
      }
      // A worker stuck inside a driver call cannot be stopped; do not wait on it forever.
      await Promise.race([worker.terminate(), new Promise((r) => setTimeout(r, 2_000).unref())]);
    }
    this.worker = null;
    this.rejectAll(new AppError('TOKEN_SESSION_CLOSED'));
  }

  /** Test seam: ends the worker the way a crash would (pending calls fail, next call restarts). */
  async simulateCrash(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.lost(worker, 'MODULE_CRASHED');
    await worker.terminate();
  }

  private async request<K extends OperationName>(
    op: K,
    args: Operations[K]['args'],
    timeoutMs = this.options.callTimeoutMs,
  ): Promise<Operations[K]['result']> {
    if (this.closed) throw new AppError('TOKEN_SESSION_CLOSED', { file: this.file });
    await this.ensureWorker();
    return this.send(op, args, timeoutMs);
  }

  /** Starts (or restarts, after a crash or a timeout) the worker and loads the module in it. */
  private ensureWorker(): Promise<void> {
    if (this.worker) return Promise.resolve();
    if (!this.starting) {
      this.starting = this.startWorker().finally(() => {
        this.starting = null;
      });
    }
    return this.starting;
  }

  private async startWorker(): Promise<void> {
    const worker = spawnWorker();
    this.worker = worker;
    worker.on('message', (message: unknown) => this.receive(message));
    worker.on('error', () => this.lost(worker, 'MODULE_CRASHED'));
    worker.on('exit', () => this.lost(worker, 'MODULE_CRASHED'));
    try {
      this.moduleInfo = await this.send('init', { path: this.path }, INIT_TIMEOUT_MS);
    } catch (error) {
      this.worker = null;
      void worker.terminate();
      throw error;
    }
  }

  private send<K extends OperationName>(
    op: K,
    args: Operations[K]['args'],
    timeoutMs: number,
  ): Promise<Operations[K]['result']> {
    const worker = this.worker;
    if (!worker) return Promise.reject(new AppError('MODULE_CRASHED', { file: this.file }));
    const id = this.nextId++;
    return new Promise<Operations[K]['result']>((resolve, reject) => {
      const timer = setTimeout(() => this.timedOut(worker, id), timeoutMs);
      this.pending.set(id, {
        resolve: (value) => resolve(value as Operations[K]['result']),
        reject,
        timer,
      });
      worker.postMessage({ id, op, args } as WorkerRequest);
    });
  }

  private receive(message: unknown): void {
    const parsed = workerResponseSchema.safeParse(message);
    if (!parsed.success) return;
    const response = parsed.data;
    const pending = this.pending.get(response.id);
    if (!pending) return;
    this.pending.delete(response.id);
    clearTimeout(pending.timer);
    if (response.ok) pending.resolve(response.value);
    else pending.reject(fromWireError(response.error));
  }

  /**
   * A call that never returns leaves the worker stuck inside the driver. Give up on that
   * worker (and what is queued behind it); the next call starts a fresh one.
   */
  private timedOut(worker: Worker, id: number): void {
    if (!this.pending.has(id)) return;
    if (this.worker === worker) this.worker = null;
    this.rejectAll(new AppError('TOKEN_TIMEOUT', { file: this.file }));
    void worker.terminate();
  }

  private lost(worker: Worker, code: 'MODULE_CRASHED'): void {
    if (this.worker !== worker) return;
    this.worker = null;
    if (this.closed) return;
    this.rejectAll(new AppError(code, { file: this.file }));
  }

  private rejectAll(error: AppError): void {
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      this.pending.delete(id);
      pending.reject(error);
    }
  }
}
