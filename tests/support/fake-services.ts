// A small but real AppServices for shell tests: real dispatch, handlers that record their calls.
import { dispatch } from '../../electron/services/api-dispatch';
import type {
  AppServices,
  EventListener,
  Handlers,
} from '../../electron/services/app-services-types';
import { AppError } from '../../domain/errors';
import { handlersWith } from './handlers';

export function recordingServices(overrides: Partial<Handlers> = {}) {
  const calls: { method: string; input: unknown }[] = [];
  const listeners = new Set<EventListener>();
  const base: Partial<Handlers> = {
    'app.info': async (input) => {
      calls.push({ method: 'app.info', input });
      return {
        mode: 'browser',
        version: '0.0.0-test',
        serverOrigin: 'http://127.0.0.1:1',
        testMode: true,
      };
    },
    'tokens.snapshot': async () => ({
      tokens: [],
      moduleErrors: [],
      clock: { skewed: false, offsetMinutes: 0 },
    }),
    'auth.login': async (input) => {
      calls.push({ method: 'auth.login', input });
      throw new AppError('PIN_INCORRECT');
    },
    'auth.chooseUnit': async () => {
      throw new AppError('NOT_LOGGED_IN');
    },
    'auth.session': async () => null,
    'auth.logout': async () => ({ loggedOut: true as const }),
  };
  const handlers: Handlers = handlersWith({ ...base, ...overrides });
  const services: AppServices = {
    handlers,
    call: (method, payload, ctx) => dispatch(handlers, method, payload, ctx),
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async dispose() {
      listeners.clear();
    },
  };
  const emit: EventListener = (name, payload) => {
    for (const l of listeners) l(name, payload);
  };
  return { services, calls, emit };
}
