// The SKF worker: owns one loaded SKF library and answers one request at a time, so calls to a
// library are serialised and the main thread's event loop never waits on a token.
import { AppError } from '../../domain/errors';
import { serveRequests } from '../worker-rpc/serve-requests';
import { SkfLibrary } from './skf-library';
import { SkfSession } from './skf-session';
import type { SkfOperations, SkfWorkerRequest } from './skf-worker-protocol';

let loaded: { lib: SkfLibrary; session: SkfSession } | null = null;

function session(): SkfSession {
  if (!loaded) throw new AppError('MODULE_LOAD_FAILED', { file: '' });
  return loaded.session;
}

function unload(): void {
  loaded?.session.close();
  loaded?.lib.unload();
  loaded = null;
}

function run(request: SkfWorkerRequest): SkfOperations[SkfWorkerRequest['op']]['result'] {
  switch (request.op) {
    case 'init': {
      unload();
      const lib = SkfLibrary.load(request.args.path);
      loaded = { lib, session: new SkfSession(lib) };
      return null;
    }
    case 'listDevices':
      return session().listDevices();
    case 'poll':
      return session().poll();
    case 'pinInfo':
      return session().pinInfo(request.args.serial);
    case 'login':
      session().login(request.args.serial, request.args.pin);
      return null;
    case 'sign':
      return session().sign(request.args.serial, request.args.keyRef, request.args.data);
    case 'logout':
      session().logout(request.args.serial);
      return null;
    case 'finalize':
      unload();
      return null;
  }
}

serveRequests<SkfWorkerRequest>('skf-worker', run);
