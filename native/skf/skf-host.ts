// Main-side handle on one SKF library. Every call goes to the library's own worker thread, which
// serialises them; the main thread only awaits. A call that hangs ends its worker (the next call
// starts a fresh one), as for PKCS#11 modules.
import { existsSync } from 'node:fs';
import { basename } from 'node:path';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../domain/errors';
import { WorkerClient } from '../worker-rpc/worker-client';
import type { SkfDeviceEntry, SkfPinView, SkfPresence } from './skf-types';
import type { SkfOperationName, SkfOperations } from './skf-worker-protocol';

const CALL_TIMEOUT_MS = 15_000;
const SIGN_TIMEOUT_MS = 30_000;
const INIT_TIMEOUT_MS = 30_000;

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
  private readonly rpc: WorkerClient<SkfOperations>;

  private constructor(readonly path: string) {
    this.file = basename(path);
    this.rpc = new WorkerClient<SkfOperations>({
      file: this.file,
      path,
      spawn: spawnWorker,
      callTimeoutMs: CALL_TIMEOUT_MS,
      initTimeoutMs: INIT_TIMEOUT_MS,
    });
  }

  /** Loads the library in a new worker. Rejects with MODULE_NOT_FOUND / _WRONG_ARCH / … */
  static async open(path: string): Promise<SkfHost> {
    const host = new SkfHost(path);
    if (!existsSync(path)) throw new AppError('MODULE_NOT_FOUND', { file: host.file });
    await host.rpc.start();
    return host;
  }

  get busy(): boolean {
    return this.rpc.busy;
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

  close(): Promise<void> {
    return this.rpc.close();
  }

  private request<K extends SkfOperationName>(
    op: K,
    args: SkfOperations[K]['args'],
    timeoutMs = CALL_TIMEOUT_MS,
  ): Promise<SkfOperations[K]['result']> {
    return this.rpc.call(op, args, timeoutMs);
  }
}
