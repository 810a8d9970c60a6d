// Sync for whoever is logged in: one engine per open user database, started when the database
// opens and stopped before it closes; its status goes to the renderer as `sync.status`.
import type { Db, UserStore } from '../store/user-store';
import type { ServiceClient } from '../net/service-client';
import type { SyncStatus } from '../../contract/views-sync';
import { clientStoreOf } from '../store/client-store';
import type { ClientStore } from '../store/interface';
import { blankStatus, SyncEngine, type SyncEngineOptions, type SyncSource } from './sync-engine';

export interface SyncServiceDeps {
  store: UserStore;
  client: ServiceClient;
  source: SyncSource;
  onStatus(status: SyncStatus): void;
  options?: Partial<SyncEngineOptions>;
}

const idleStatus = (waiting: SyncStatus['waitingReason']): SyncStatus =>
  blankStatus('waiting', waiting);

export class SyncService {
  private running: { db: Db; engine: SyncEngine; off: () => void } | null = null;
  private readonly offStore: () => void;
  private stopping: Promise<void> = Promise.resolve();

  constructor(private readonly deps: SyncServiceDeps) {
    this.offStore = deps.store.onChange((db) => this.follow(db));
    if (deps.store.isOpen()) this.follow(deps.store.db());
  }

  status(): SyncStatus {
    return this.running?.engine.status() ?? idleStatus('not-logged-in');
  }

  /** The engine of the open database (throws NOT_LOGGED_IN via the store when none is open). */
  engine(): SyncEngine {
    this.deps.store.db();
    return this.running!.engine;
  }

  /** The open database's store, where 业务记录 reads and decides. */
  records(): ClientStore {
    return clientStoreOf(this.deps.store.db());
  }

  /** Session or token changed, or new work: look again now. */
  wake(): void {
    this.running?.engine.wake();
  }

  async dispose(): Promise<void> {
    this.offStore();
    await this.stopCurrent();
  }

  private follow(db: Db | null): void {
    if (this.running?.db === db) return;
    // The store closes the database right after telling us; the engine must not touch it after.
    const previous = this.running;
    this.running = null;
    if (previous) {
      previous.off();
      this.stopping = previous.engine.stop();
    }
    if (!db) {
      this.deps.onStatus(idleStatus('not-logged-in'));
      return;
    }
    const engine = new SyncEngine(db, this.deps.client, this.deps.source, this.deps.options);
    const off = engine.onStatus((status) => this.deps.onStatus(status));
    this.running = { db, engine, off };
    void this.stopping.then(() => {
      if (this.running?.engine === engine) engine.start();
    });
  }

  private async stopCurrent(): Promise<void> {
    const current = this.running;
    this.running = null;
    current?.off();
    await current?.engine.stop();
    await this.stopping;
  }
}
