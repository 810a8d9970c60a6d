// While the session is locked (its U盾 pulled out) nothing touches the person's data: every
// workspace, sync, records, audit and backup call is refused here, whatever the screen shows.
import { AppError } from '../../../domain/errors';
import type { Handlers } from '../app-services-types';

const GUARDED = ['workspace.', 'sync.', 'records.', 'audit.', 'backup.'];

export function isGuardedWhileLocked(method: string): boolean {
  return GUARDED.some((prefix) => method.startsWith(prefix));
}

export function refuseWhileLocked(handlers: Handlers, isLocked: () => boolean): Handlers {
  const guarded: Record<string, unknown> = { ...handlers };
  for (const [method, handler] of Object.entries(handlers)) {
    if (!isGuardedWhileLocked(method)) continue;
    const inner = handler as (input: unknown, ctx: unknown) => Promise<unknown>;
    guarded[method] = async (input: unknown, ctx: unknown) => {
      if (isLocked()) throw new AppError('SESSION_LOCKED');
      return inner(input, ctx);
    };
  }
  return guarded as Handlers;
}
