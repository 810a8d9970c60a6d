// Main-side end of one driver worker thread: requests go out as {id, op, args} and come back as
// {id, ok, value | error}. Every call has a time limit; a call that hangs, or a worker that dies,
// rejects everything in flight and the next call starts a fresh worker (loaded again by `init`).
import type { Worker } from 'node:worker_threads';
import { AppError } from '../../domain/errors';
import { fromWireError, workerResponseSchema } from '../pkcs11/worker-protocol';

interface Operation {
  args: unknown;
  result: unknown;
}

/** Every worker loads its driver with `init` and unloads it with `finalize`. */
interface Lifecycle {
  init: { args: { path: string }; result: unknown };
  finalize: { args: Record<string, never>; result: null };
}

export type OperationTable<Ops> = { [K in keyof Ops]: Operation } & Lifecycle;

export interface WorkerClientOptions<Ops extends OperationTable<Ops>> {
  /** The driver file's name, as errors show it. */
  file: string;
  /** The driver's path, sent with `init` to every new worker. */
  path: string;
  spawn: () => Worker;
  /** Default limit for a call; also the limit for `finalize` on close. */
  callTimeoutMs: number;
  initTimeoutMs: number;
  /** Receives what `init` answered, each time a worker is (re)started. */
  onInit?: (result: Ops['init']['result']) => void;
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: AppError) => void;
  timer: NodeJS.Timeout;
}

export class WorkerClient<Ops extends OperationTable<Ops>> {
  private worker: Worker | null = null;
  private starting: Promise<void> | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: WorkerClientOptions<Ops>) {}

  /** Calls are in flight (or the worker is starting): a new call would wait behind them. */
  get busy(): boolean {
    return this.pending.size > 0 || this.starting !== null;
  }

  async call<K extends keyof Ops & string>(
    op: K,
    args: Ops[K]['args'],
    timeoutMs = this.options.callTimeoutMs,
  ): Promise<Ops[K]['result']> {
    if (this.closed) throw new AppError('TOKEN_SESSION_CLOSED', { file: this.options.file });
    await this.start();
    return this.send(op, args, timeoutMs);
  }

  /** Starts (or restarts, after a crash or a timeout) the worker and loads the driver in it. */
  start(): Promise<void> {
    if (this.worker) return Promise.resolve();
    this.starting ??= this.startWorker().finally(() => {
      this.starting = null;
    });
    return this.starting;
  }

  /** `finalize` and end the worker. Pending calls are rejected. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const worker = this.worker;
    if (worker) {
      // A driver that cannot finalise is ended with its worker all the same.
      await this.send('finalize', {}, this.options.callTimeoutMs).catch(() => undefined);
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
    this.lost(worker);
    await worker.terminate();
  }

  private async startWorker(): Promise<void> {
    const worker = this.options.spawn();
    this.worker = worker;
    worker.on('message', (message: unknown) => this.receive(message));
    worker.on('error', () => this.lost(worker));
    worker.on('exit', () => this.lost(worker));
    try {
      const info = await this.send('init', { path: this.options.path }, this.options.initTimeoutMs);
      this.options.onInit?.(info);
    } catch (error) {
      this.worker = null;
      void worker.terminate();
      throw error;
    }
  }

  private send<K extends keyof Ops & string>(
    op: K,
    args: Ops[K]['args'],
    timeoutMs: number,
  ): Promise<Ops[K]['result']> {
    const worker = this.worker;
    if (!worker) {
      return Promise.reject(new AppError('MODULE_CRASHED', { file: this.options.file }));
    }
    const id = this.nextId++;
    return new Promise<Ops[K]['result']>((resolve, reject) => {
      const timer = setTimeout(() => this.timedOut(worker, id), timeoutMs);
      this.pending.set(id, {
        resolve: (value) => resolve(value as Ops[K]['result']),
        reject,
        timer,
      });
      worker.postMessage({ id, op, args });
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
    this.rejectAll(new AppError('TOKEN_TIMEOUT', { file: this.options.file }));
    void worker.terminate();
  }

  private lost(worker: Worker): void {
    if (this.worker !== worker) return;
    this.worker = null;
    if (!this.closed) this.rejectAll(new AppError('MODULE_CRASHED', { file: this.options.file }));
  }

  private rejectAll(error: AppError): void {
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      this.pending.delete(id);
      pending.reject(error);
    }
  }
}
