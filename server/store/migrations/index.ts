// Every schema change, in order. Add a file NNNN-what-it-does.ts and append it here.
import { migration0001 } from './0001-initial';
import { migration0002 } from './0002-signed-sync';
import { migration0010 } from './0010-idempotency-binding';
import { migration0011 } from './0011-batch-archive';
import { migration0020 } from './0020-accounts';
import type { Migration } from './migration';

export type { Migration } from './migration';

export const migrations: readonly Migration[] = [
  migration0001,
  migration0002,
  migration0010,
  migration0011,
  migration0020,
];
