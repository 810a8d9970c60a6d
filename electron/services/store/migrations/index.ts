// Every migration of the per-user database, in order. Versions 1–9 belong to the workspace,
// 10 and up to sync.
import { migration0001 } from './0001-initial';
import { migration0002 } from './0002-edit-log';
import { migration0003 } from './0003-imports';
import { migration0004 } from './0004-roster-version';
import { migration0010 } from './0010-sync-client-and-history';
import { migration0020 } from './0020-audit-log';
import type { Migration } from './migration';

export type { Migration };

export const migrations: readonly Migration[] = [
  migration0001,
  migration0002,
  migration0003,
  migration0004,
  migration0010,
  migration0020,
];
