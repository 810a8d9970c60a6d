// Worker entry: checks a spreadsheet's declared size, then reads it, away from the main thread
// (where a slow or hostile file would freeze the window and the token watch).
import { parentPort } from 'node:worker_threads';
import { AppError } from '../../../../domain/errors';
import { formatOf, readTable } from '../import/read-table';
import { checkDeclaredSize, IMPORT_LIMITS } from './sheet-limits';
import type { WorkerReply, WorkerRequest } from './read-protocol';

const port = parentPort;
if (!port) throw new Error('read-worker must run in a worker thread');

port.once('message', (request: WorkerRequest) => {
  void (async () => {
    const send = (reply: WorkerReply) => port.postMessage(reply);
    try {
      const bytes = new Uint8Array(request.bytes);
      const format = formatOf(request.fileName, bytes);
      if (format === 'xls') await checkDeclaredSize(format, bytes);
      const table = await readTable(request.fileName, bytes, (rows) => {
        // A sheet whose declared size lied is stopped as soon as it passes the limit.
        if (rows > request.maxRows) {
          throw new AppError('IMPORT_RANGE_TOO_LARGE', {
            rows: `${rows}+`,
            columns: '?',
            maxRows: request.maxRows,
            maxColumns: IMPORT_LIMITS.maxColumns,
          });
        }
        send({ progress: rows });
      });
      send({ table });
    } catch (error) {
      send({
        error:
          error instanceof AppError
            ? { code: error.code, params: error.params ?? null }
            : { code: 'IMPORT_FILE_UNREADABLE', params: { file: request.fileName } },
      });
    }
  })();
});
