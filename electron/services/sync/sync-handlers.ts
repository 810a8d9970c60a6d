// The sync section of the contract: status, sync now, and 业务记录 for the current unit.
import { AppError } from '../../../domain/errors';
import type { Handlers } from '../app-services-types';
import type { AuthService } from '../auth/auth-service';
import type { SyncService } from './sync-service';

type SyncHandlers = Pick<
  Handlers,
  | 'sync.status'
  | 'sync.now'
  | 'records.list'
  | 'records.detail'
  | 'records.resolveConflict'
  | 'records.reopen'
>;

export function syncHandlers(deps: { sync: SyncService; auth: AuthService }): SyncHandlers {
  const unitNo = (): string => {
    const unit = deps.auth.current()?.currentUnit;
    if (!unit) throw new AppError('NOT_LOGGED_IN');
    return unit.unitNo;
  };
  return {
    'sync.status': async () => deps.sync.status(),
    'sync.now': async () => {
      const engine = deps.sync.engine();
      engine.wake({ resetBackoff: true });
      return engine.syncOnce();
    },
    'records.list': async (input) => deps.sync.records().listRecords(unitNo(), input),
    'records.detail': async ({ id }) => deps.sync.records().recordDetail(unitNo(), id),
    'records.resolveConflict': async ({ id, rowNo, choice }) => {
      const records = deps.sync.records();
      const unit = unitNo();
      records.resolveConflict(unit, id, rowNo, choice);
      return records.recordDetail(unit, id);
    },
    'records.reopen': async ({ id }) => {
      const records = deps.sync.records();
      const unit = unitNo();
      records.reopenDeclaration(unit, id);
      return records.recordDetail(unit, id);
    },
  };
}
