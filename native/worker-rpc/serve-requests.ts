// Worker-side end of a driver worker: answers each {id, op, args} request with the result of
// `run`, or with the error as {code, params}, one at a time in the order they arrive.
import { parentPort } from 'node:worker_threads';
import { toWireError, type WorkerResponse } from '../pkcs11/worker-protocol';

export function serveRequests<Request extends { id: number }>(
  name: string,
  run: (request: Request) => unknown,
): void {
  const port = parentPort;
  if (!port) throw new Error(`${name} must run as a worker thread`);
  port.on('message', (request: Request) => {
    let response: WorkerResponse;
    try {
      response = { id: request.id, ok: true, value: run(request) };
    } catch (error) {
      response = { id: request.id, ok: false, error: toWireError(error) };
    }
    port.postMessage(response);
  });
}
