// The token worker: owns one loaded PKCS#11 module and answers one request at a time, so calls
// to a module are serialised and the main thread's event loop never waits on a token.
import { parentPort } from 'node:worker_threads';
import { AppError } from '../../domain/errors';
import { LoadedModule } from './loaded-module';
import {
  toWireError,
  type Operations,
  type WorkerRequest,
  type WorkerResponse,
} from './worker-protocol';

const port = parentPort;
if (!port) throw new Error('token-worker must run as a worker thread');

let loaded: LoadedModule | null = null;

function module(): LoadedModule {
  if (!loaded) throw new AppError('MODULE_LOAD_FAILED', { file: '' });
  return loaded;
}

function run(request: WorkerRequest): Operations[WorkerRequest['op']]['result'] {
  switch (request.op) {
    case 'init': {
      loaded?.finalize();
      loaded = null;
      loaded = LoadedModule.load(request.args.path);
      return loaded.info();
    }
    case 'listTokens':
      return module().listTokens();
    case 'poll':
      return module().poll();
    case 'tokenInfo':
      return module().tokenInfo(request.args.slotId);
    case 'login':
      module().login(request.args.slotId, request.args.pin);
      return null;
    case 'sign':
      return module().sign(
        request.args.slotId,
        request.args.ckaIdHex,
        Buffer.from(request.args.data),
      );
    case 'logout':
      module().logout(request.args.slotId);
      return null;
    case 'rescan':
      return module().rescan();
    case 'finalize':
      loaded?.finalize();
      loaded = null;
      return null;
  }
}

port.on('message', (request: WorkerRequest) => {
  let response: WorkerResponse;
  try {
    response = { id: request.id, ok: true, value: run(request) };
  } catch (error) {
    response = { id: request.id, ok: false, error: toWireError(error) };
  }
  port.postMessage(response);
});
