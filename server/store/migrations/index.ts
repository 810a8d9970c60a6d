// Every schema change, in order. Add a file NNNN-what-it-does.ts and append it here.
import { migration0001 } from './0001-initial';
import { migration0002 } from './0002-signed-sync';
import { migration0020 } from './0020-accounts';
import type { Migration } from './migration';

export type { Migration } from './migration';

export const migrations: readonly Migration[] = [migration0001, migration0002, migration0020];
