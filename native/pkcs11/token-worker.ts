// The token worker: owns one loaded PKCS#11 module and answers one request at a time, so calls
// to a module are serialised and the main thread's event loop never waits on a token.
import { AppError } from '../../domain/errors';
import { serveRequests } from '../worker-rpc/serve-requests';
import { LoadedModule } from './loaded-module';
import type { Operations, WorkerRequest } from './worker-protocol';

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

serveRequests<WorkerRequest>('token-worker', run);
