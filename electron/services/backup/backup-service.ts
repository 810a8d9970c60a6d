// 备份 / 恢复: the logged-in person's whole database as one password-encrypted file (./backup-file),
// and its restore on this or another PC. A backup is checked whole (password, integrity, owner,
// version) before anything on this PC changes; the swap itself is one rename.
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '../../../domain/errors';
import { ui } from '../../../domain/ui-text';
import type { FileOutput } from '../../contract/views-workspace';
import type { AuditService } from '../audit/audit-service';
import { localIso } from '../audit/audit-service';
import { fsyncFile } from '../store/key-vault';
import { latestVersion, schemaVersion } from '../store/migrate';
import {
  businessCounts,
  databaseWhole,
  rekeyRestored,
  snapshotInto,
} from '../store/backup-snapshot';
import { openCipherConnection, type Db } from '../store/sqlcipher';
import type { UserStore } from '../store/user-store';
import { deliverFile } from '../workspace/file-io';
import { MIN_BACKUP_PASSWORD, openBackup, sealBackup } from './backup-file';

export interface RestoreOutcome {
  createdAt: string;
  declarations: number;
  rosterPeople: number;
}

export class BackupService {
  constructor(
    private readonly deps: {
      store: UserStore;
      audit: AuditService;
      person: () => string;
      now?: () => Date;
    },
  ) {}

  async create(password: string): Promise<FileOutput> {
    if (password.length < MIN_BACKUP_PASSWORD) throw new AppError('BACKUP_PASSWORD_WEAK');
    const { store } = this.deps;
    const db = store.db();
    const personKey = store.personKey()!;
    const dir = store.personDir(personKey);
    const key = store.vault.read(dir);
    if (!key) throw new AppError('STORE_KEY_MISSING');
    const createdAt = localIso(this.deps.now?.() ?? new Date());
    const fileName = ui.trust.backup.fileName(createdAt.slice(0, 19).replace(/[-:T]/g, ''));
    try {
      // A consistent snapshot, written encrypted with the same key (never plain on disk).
      const tmp = join(dir, `backup-${randomBytes(6).toString('hex')}.tmp`);
      let database: Buffer;
      try {
        snapshotInto(db, tmp);
        database = readFileSync(tmp);
      } finally {
        rmSync(tmp, { force: true });
      }
      const sealed = await sealBackup(
        password,
        {
          personKey,
          person: this.deps.person(),
          createdAt,
          schemaVersion: schemaVersion(db),
          databaseKey: key.toString('base64'),
          ...businessCounts(db),
        },
        database,
      );
      this.deps.audit.record('backup', 'ok', fileName);
      return deliverFile(fileName, sealed);
    } catch (error) {
      this.deps.audit.record('backup', 'failed', codeOf(error));
      if (error instanceof AppError) throw error;
      throw new AppError('BACKUP_WRITE_FAILED', undefined, { cause: error });
    }
  }

  async restore(password: string, file: Buffer): Promise<RestoreOutcome> {
    const { store, audit } = this.deps;
    try {
      const personKey = store.personKey();
      if (!personKey) throw new AppError('NOT_LOGGED_IN');
      const { manifest, database } = await openBackup(password, file);
      if (manifest.personKey !== personKey) {
        throw new AppError('BACKUP_OTHER_PERSON', { holder: manifest.person });
      }
      if (manifest.schemaVersion > latestVersion()) {
        throw new AppError('STORE_TOO_NEW', {
          found: manifest.schemaVersion,
          known: latestVersion(),
        });
      }
      const backupKey = Buffer.from(manifest.databaseKey, 'base64');
      let restored = { declarations: 0, rosterPeople: 0 };
      store.replaceDatabase((tmp, key) => {
        writeFileSync(tmp, database, { mode: 0o600 });
        let db: Db;
        try {
          db = openCipherConnection(tmp, backupKey);
        } catch (error) {
          throw new AppError('BACKUP_FILE_DAMAGED', undefined, { cause: error });
        }
        try {
          if (!databaseWhole(db)) {
            throw new AppError('BACKUP_FILE_DAMAGED');
          }
          restored = businessCounts(db);
          // Re-keyed to this PC's key for this person: the backup's key stays in the backup.
          rekeyRestored(db, key);
        } finally {
          db.close();
        }
        fsyncFile(tmp);
      });
      audit.log().reanchor();
      audit.record('restore', 'ok', ui.trust.backup.restoredDetail(manifest.createdAt));
      return { createdAt: manifest.createdAt, ...restored };
    } catch (error) {
      audit.record('restore', 'failed', codeOf(error));
      throw error;
    }
  }
}

function codeOf(error: unknown): string {
  return error instanceof AppError ? error.code : 'INTERNAL';
}
