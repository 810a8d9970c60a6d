// Complete Handlers for shell tests, where the shell's job (carrying calls) is what is tested:
// every method not given answers INTERNAL, as a broken service would.
import { methodNames } from '../../electron/contract/api';
import type { Handlers } from '../../electron/services/app-services-types';
import { AppError } from '../../domain/errors';

export function handlersWith(given: Partial<Handlers>): Handlers {
  const all: Record<string, unknown> = {};
  for (const name of methodNames) {
    all[name] = async () => {
      throw new AppError('INTERNAL');
    };
  }
  return { ...(all as Handlers), ...given };
}
