// Update status for the notice in the window, and a check on request.
import type { Handlers } from '../app-services-types';
import type { UpdateService } from './update-service';

export function updatesHandlers(
  updates: UpdateService,
): Pick<Handlers, 'updates.status' | 'updates.check'> {
  return {
    'updates.status': async () => updates.status(),
    'updates.check': async () => updates.checkNow(),
  };
}
