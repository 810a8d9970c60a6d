// 备份 / 恢复 in the contract: the backup file goes to the renderer to be saved where the person
// says; a restore brings the chosen file's bytes.
import type { Handlers } from '../app-services-types';
import { readFileInput } from '../workspace/file-io';
import type { BackupService } from './backup-service';

export function backupHandlers(
  backup: BackupService,
): Pick<Handlers, 'backup.create' | 'backup.restore'> {
  return {
    'backup.create': async ({ password }) => backup.create(password),
    'backup.restore': async ({ password, file }) =>
      backup.restore(password, Buffer.from(readFileInput(file).bytes)),
  };
}
