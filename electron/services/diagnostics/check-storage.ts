// This PC's own data: every per-user database passes SQLite's integrity check (read-only, so a
// check never changes a file), its size, and the free space on the data folder's disk.
import { existsSync, readdirSync, statSync, statfsSync } from 'node:fs';
import { join } from 'node:path';
import { databaseIntact } from '../store/integrity';
import type { KeySealer } from '../store/key-vault';
import { finding, formatBytes, type Finding } from './finding';

const DATABASE_FILE = 'workspace.sqlite';
/** Below this a day's imports and the logs may not fit. */
const LOW_DISK_BYTES = 1024 ** 3;

export interface StorageCheckInputs {
  dataDir: string;
  /** How each person's database key is sealed (the OS keystore in the app). */
  keySealer?: KeySealer;
  /** Free bytes on the data folder's disk (tests give a figure; statfs otherwise). */
  freeBytes?: (dir: string) => number;
}

function databases(dataDir: string): string[] {
  const usersDir = join(dataDir, 'users');
  if (!existsSync(usersDir)) return [];
  return readdirSync(usersDir)
    .map((person) => join(usersDir, person, DATABASE_FILE))
    .filter((file) => existsSync(file));
}

function statfsFree(dir: string): number {
  const stats = statfsSync(dir);
  return stats.bavail * stats.bsize;
}

export function checkStorage(inputs: StorageCheckInputs): Finding[] {
  const findings: Finding[] = [];
  const files = databases(inputs.dataDir);
  if (files.length === 0) {
    findings.push(finding('storage', 'ok', 'DB_NONE', 'DB_NONE'));
  } else {
    let size = 0;
    let damaged = 0;
    for (const [index, file] of files.entries()) {
      size += statSync(file).size;
      if (!databaseIntact(file, inputs.keySealer)) {
        damaged += 1;
        // The folder is named for the person's key: only its position is shown.
        findings.push(
          finding('storage', 'error', 'DB_DAMAGED', 'DB_DAMAGED', { file: `#${index + 1}` }),
        );
      }
    }
    if (damaged === 0) {
      findings.push(
        finding('storage', 'ok', 'DB_OK', 'DB_OK', {
          count: files.length,
          size: formatBytes(size),
        }),
      );
    }
  }
  const dir = existsSync(inputs.dataDir) ? inputs.dataDir : '.';
  const free = (inputs.freeBytes ?? statfsFree)(dir);
  findings.push(
    free < LOW_DISK_BYTES
      ? finding('storage', 'warning', 'DISK_LOW', 'DISK_LOW', { free: formatBytes(free) })
      : finding('storage', 'ok', 'DISK_OK', 'DISK_OK', { free: formatBytes(free) }),
  );
  return findings;
}
