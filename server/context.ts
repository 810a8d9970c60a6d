// What every route needs, built once by buildServer and handed to each route module.
import type { Db } from './store/database';
import type { Directory } from './store/directory';
import type { NonceStore } from './store/nonces';
import type { SessionStore } from './store/sessions';
import type { RevocationPolicy } from './pki/revocation';
import type { TrustStore } from './pki/trust-store';
import type { SyncContext } from './sync/sync-context';

export interface ServiceContext {
  db: Db;
  directory: Directory;
  nonces: NonceStore;
  sessions: SessionStore;
  trust: TrustStore;
  /** 'fail-open' accepts certificates whose issuer's CRL is missing or stale: the demo only. */
  revocation: RevocationPolicy;
  /** The service's clock; tests move it. */
  now(): Date;
  /** The origin string signed texts carry (default http://127.0.0.1:<bound port>). */
  origin(): string;
  sessionTtlMs: number;
  /** Signed sync, review and maintenance. */
  sync: SyncContext;
}
