// Where each person's database key lives: a small file beside the database, written only by
// this user (mode 0600), holding the key sealed by a `KeySealer`. Inside Electron the sealer is
// the OS keystore (DPAPI on Windows, via safeStorage), so the file is useless to another Windows
// account or on another PC; in browser mode and tests the file's permissions are the protection.
// Services never import electron: the shell hands its sealer in.
import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../../domain/errors';

export interface KeySealer {
  /** Written into the key file, so a key sealed one way is never unsealed another. */
  readonly kind: 'safe-storage' | 'user-file';
  seal(secret: Buffer): Buffer;
  unseal(sealed: Buffer): Buffer;
}

/** No sealing: the key file's owner-only permissions are all that protects it. */
export const userFileSealer: KeySealer = {
  kind: 'user-file',
  seal: (secret) => Buffer.from(secret),
  unseal: (sealed) => Buffer.from(sealed),
};

export const KEY_FILE = 'database.key';
const KEY_BYTES = 32;

const keyFileSchema = z.object({
  version: z.literal(1),
  sealer: z.enum(['safe-storage', 'user-file']),
  sealed: z.string().min(1).max(4096),
});

export class KeyVault {
  constructor(private readonly sealer: KeySealer = userFileSealer) {}

  /** The key kept in `dir`, or null when there is none yet. */
  read(dir: string): Buffer | null {
    let text: string;
    try {
      text = readFileSync(join(dir, KEY_FILE), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new AppError('STORE_KEY_UNREADABLE', undefined, { cause: error });
    }
    let key: Buffer;
    try {
      const parsed = keyFileSchema.parse(JSON.parse(text));
      if (parsed.sealer !== this.sealer.kind) throw new Error(`sealed by ${parsed.sealer}`);
      key = this.sealer.unseal(Buffer.from(parsed.sealed, 'base64'));
    } catch (error) {
      throw new AppError('STORE_KEY_UNREADABLE', undefined, { cause: error });
    }
    if (key.length !== KEY_BYTES) throw new AppError('STORE_KEY_UNREADABLE');
    return key;
  }

  /** Makes a new random key and keeps it in `dir` (durably, before anything is encrypted). */
  create(dir: string): Buffer {
    const key = randomBytes(KEY_BYTES);
    this.write(dir, key);
    return key;
  }

  /** Keeps `key` in `dir`, replacing any key there (a restore brings its own database). */
  write(dir: string, key: Buffer): void {
    const body = JSON.stringify({
      version: 1,
      sealer: this.sealer.kind,
      sealed: this.sealer.seal(key).toString('base64'),
    });
    writeFileDurably(join(dir, KEY_FILE), body, 0o600);
  }
}

/** Writes a file whole or not at all: a temp file, fsync, rename over, fsync the folder. */
export function writeFileDurably(file: string, data: string | Buffer, mode = 0o600): void {
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w', mode);
  try {
    writeSync(fd, typeof data === 'string' ? Buffer.from(data) : data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  syncFolder(join(file, '..'));
}

/** Flushes a file's content to the disk. */
export function fsyncFile(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Makes a rename in `dir` durable; a no-op where folders cannot be opened (Windows). */
export function syncFolder(dir: string): void {
  let fd: number;
  try {
    fd = openSync(dir, 'r');
  } catch {
    return;
  }
  try {
    fsyncSync(fd);
  } catch {
    // Windows refuses fsync on a folder; NTFS journals the rename itself.
  } finally {
    closeSync(fd);
  }
}
