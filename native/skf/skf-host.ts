// Main-side handle on one SKF library. Every call goes to the library's own worker thread, which
// serialises them; the main thread only awaits. A call that hangs ends its worker (the next call
// starts a fresh one), as for PKCS#11 modules.
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../domain/errors';
import { fromWireError, workerResponseSchema } from '../pkcs11/worker-protocol';
import type { SkfDeviceEntry, SkfPinView, SkfPresence } from './skf-types';
import type { SkfOperationName, SkfOperations, SkfWorkerRequest } from './skf-worker-protocol';

const CALL_TIMEOUT_MS = 15_000;
const SIGN_TIMEOUT_MS = 30_000;
const INIT_TIMEOUT_MS = 30_000;

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: AppError) => void;
  timer: NodeJS.Timeout;
}

/** From source (tsx, vitest) through the JS bootstrap; in the Electron build, skf-worker.js. */
function spawnWorker(): Worker {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    const entry = new URL('./skf-worker.ts', here).href;
    return new Worker(new URL('../pkcs11/worker-bootstrap.mjs', here), { workerData: { entry } });
  }
  // A computed name keeps bundlers from treating this as an asset to inline.
  return new Worker(new URL(['skf-worker', 'js'].join('.'), here));
}

export class SkfHost {
  readonly file: string;
  private worker: Worker | null = null;
  private starting: Promise<void> | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;

  private constructor(readonly path: string) {
    this.file = basename(path);
  }

  /** Loads the library in a new worker. Rejects with MODULE_NOT_FOUND / _WRONG_ARCH / … */
  static async open(path: string): Promise<SkfHost> {
    const host = new SkfHost(path);
    if (!existsSync(path)) throw new AppError('MODULE_NOT_FOUND', { file: host.file });
    await host.ensureWorker();
    return host;
  }

  get busy(): boolean {
    return this.pending.size > 0 || this.starting !== null;
  }

  listDevices(): Promise<SkfDeviceEntry[]> {
    return this.request('listDevices', {});
  }

  poll(): Promise<SkfPresence[]> {
    return this.request('poll', {});
  }

  pinInfo(serial: string): Promise<SkfPinView> {
    return this.request('pinInfo', { serial });
  }

  async login(serial: string, pin: string): Promise<void> {
    await this.request('login', { serial, pin });
  }

  /** SM2 with SM3 over data (Z with the default ID), as raw r ‖ s. */
  async sign(serial: string, keyRef: string, data: Uint8Array): Promise<Buffer> {
    const signature = await this.request(
      'sign',
      { serial, keyRef, data: new Uint8Array(data) },
      SIGN_TIMEOUT_MS,
    );
    return Buffer.from(signature);
  }

  async logout(serial: string): Promise<void> {
    await this.request('logout', { serial });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const worker = this.worker;
    if (worker) {
      await this.send('finalize', {}, CALL_TIMEOUT_MS).catch(() => undefined);
      // A worker stuck inside a driver call cannot be stopped; do not wait on it forever.
      await Promise.race([worker.terminate(), new Promise((r) => setTimeout(r, 2_000).unref())]);
    }
    this.worker = null;
    this.rejectAll(new AppError('TOKEN_SESSION_CLOSED'));
  }

  private async request<K extends SkfOperationName>(
    op: K,
    args: SkfOperations[K]['args'],
    timeoutMs = CALL_TIMEOUT_MS,
  ): Promise<SkfOperations[K]['result']> {
    if (this.closed) throw new AppError('TOKEN_SESSION_CLOSED', { file: this.file });
    await this.ensureWorker();
    return this.send(op, args, timeoutMs);
  }

  private ensureWorker(): Promise<void> {
    if (this.worker) return Promise.resolve();
    this.starting ??= this.startWorker().finally(() => {
      this.starting = null;
    });
    return this.starting;
  }

  private async startWorker(): Promise<void> {
    const worker = spawnWorker();
    this.worker = worker;
    worker.on('message', (message: unknown) => this.receive(message));
    worker.on('error', () => this.lost(worker));
    worker.on('exit', () => this.lost(worker));
    try {
      await this.send('init', { path: this.path }, INIT_TIMEOUT_MS);
    } catch (error) {
      this.worker = null;
      void worker.terminate();
      throw error;
    }
  }

  private send<K extends SkfOperationName>(
    op: K,
    args: SkfOperations[K]['args'],
    timeoutMs: number,
  ): Promise<SkfOperations[K]['result']> {
    const worker = this.worker;
    if (!worker) return Promise.reject(new AppError('MODULE_CRASHED', { file: this.file }));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.timedOut(worker, id), timeoutMs);
      this.pending.set(id, {
        resolve: (value) => resolve(value as SkfOperations[K]['result']),
        reject,
        timer,
      });
      worker.postMessage({ id, op, args } as SkfWorkerRequest);
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

  private timedOut(worker: Worker, id: number): void {
    if (!this.pending.has(id)) return;
    if (this.worker === worker) this.worker = null;
    this.rejectAll(new AppError('TOKEN_TIMEOUT', { file: this.file }));
    void worker.terminate();
  }

  private lost(worker: Worker): void {
    if (this.worker !== worker) return;
    this.worker = null;
    if (!this.closed) this.rejectAll(new AppError('MODULE_CRASHED', { file: this.file }));
  }

  private rejectAll(error: AppError): void {
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      this.pending.delete(id);
      pending.reject(error);
    }
  }
}
