// Reads a spreadsheet in a worker thread with a time budget and a heap limit: the main thread
// (the window's calls, the token watch) keeps answering whatever the file does, and a file that
// takes too long or too much memory ends its worker and is refused with a clear message.
import { Worker } from 'node:worker_threads';
import { AppError } from '../../../../domain/errors';
import { isErrorCode } from '../../../../domain/error-catalogue';
import { formatOf, type RawTable, type ReadProgress } from '../import/read-table';
import { checkDeclaredSizeQuickly, IMPORT_LIMITS } from './sheet-limits';
import type { WorkerReply, WorkerRequest } from './read-protocol';

/**
 * From source (tsx, vitest) the worker is a .ts file started through the JS bootstrap the token
 * worker uses; in the Electron build it is compiled to import-worker.js beside the main bundle.
 */
function spawnWorker(): Worker {
  const here = import.meta.url;
  const resourceLimits = { maxOldGenerationSizeMb: IMPORT_LIMITS.workerHeapMb };
  if (here.endsWith('.ts')) {
    const entry = new URL('./read-worker.ts', here).href;
    const bootstrap = new URL('../../../../native/pkcs11/worker-bootstrap.mjs', here);
    return new Worker(bootstrap, { workerData: { entry }, resourceLimits });
  }
  const compiled = ['import-worker', 'js'].join('.');
  return new Worker(new URL(compiled, here), { resourceLimits });
}

/**
 * A worker booted ahead of the next file (unref'd while it waits, so it never keeps the process
 * alive): after the first import of a session, an import does not wait for a worker to start.
 */
let standby: Worker | null = null;

function takeWorker(): Worker {
  const worker = standby ?? spawnWorker();
  standby = null;
  worker.ref();
  return worker;
}

function bootStandby(): void {
  if (standby) return;
  const worker = spawnWorker();
  worker.unref();
  const forget = (): void => {
    if (standby === worker) standby = null;
  };
  worker.on('error', forget);
  worker.on('exit', forget);
  standby = worker;
}

export async function readTableOffThread(
  fileName: string,
  bytes: Uint8Array,
  onProgress: ReadProgress = () => undefined,
  options: { budgetMs?: number; maxRows?: number } = {},
): Promise<RawTable> {
  const budgetMs = options.budgetMs ?? IMPORT_LIMITS.budgetMs;
  // Refused before a worker even starts when the file says it is too big.
  checkDeclaredSizeQuickly(formatOf(fileName, bytes), bytes);
  const worker = takeWorker();
  try {
    return await new Promise<RawTable>((resolve, reject) => {
      const timer = setTimeout(() => reject(new AppError('IMPORT_TOO_SLOW')), budgetMs);
      const settle = (fn: () => void) => {
        clearTimeout(timer);
        fn();
      };
      worker.on('message', (reply: WorkerReply) => {
        if ('progress' in reply) onProgress(reply.progress);
        else if ('table' in reply) settle(() => resolve(reply.table));
        else {
          const { code, params } = reply.error;
          settle(() =>
            reject(
              isErrorCode(code)
                ? new AppError(code, params ?? undefined)
                : new AppError('IMPORT_FILE_UNREADABLE', { file: fileName }),
            ),
          );
        }
      });
      worker.on('error', (error: Error & { code?: string }) =>
        settle(() =>
          reject(
            error.code === 'ERR_WORKER_OUT_OF_MEMORY'
              ? new AppError('IMPORT_TOO_LARGE', { max: `${IMPORT_LIMITS.workerHeapMb} MB` })
              : new AppError('IMPORT_FILE_UNREADABLE', { file: fileName }, { cause: error }),
          ),
        ),
      );
      worker.on('exit', () =>
        settle(() => reject(new AppError('IMPORT_FILE_UNREADABLE', { file: fileName }))),
      );
      const copy = new Uint8Array(bytes).buffer;
      const request: WorkerRequest = {
        fileName,
        bytes: copy,
        maxRows: options.maxRows ?? IMPORT_LIMITS.maxRows,
      };
      worker.postMessage(request, [copy]);
    });
  } finally {
    await worker.terminate();
    bootStandby();
  }
}
