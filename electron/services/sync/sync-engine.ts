// The background sync of one user database: push the outbox in signed batches, then pull the
// unit's changes; again on a timer, when the outbox grows, after the network comes back, and when
// asked. Failures never lose anything: an outbox row stays pending until the service answered
// it, and the service answers a resent mutation with its first result.
import { AppError, describeError, toErrorInfo, type ErrorInfo } from '../../../domain/errors';
import type { ErrorCode } from '../../../domain/error-catalogue';
import { challengeResponseSchema } from '../../../domain/protocol/auth';
import { MAX_MUTATIONS_PER_BATCH } from '../../../domain/protocol/sync';
import { MaintenanceError, type ServiceClient } from '../net/service-client';
import type { SyncStatus, SyncWaitingReason } from '../../contract/views-sync';
import { backoffDelay, defaultBackoff, type BackoffOptions } from './backoff';
import { Connectivity } from './connectivity';
import { clientStoreOf } from '../store/client-store';
import type { BatchLimits, ClientStore } from '../store/interface';
import type { Db } from '../store/user-store';
import { pullPage } from './pull';
import { pushBatch, type BatchSigner } from './push';

/** Who may sync now, or why nobody can. */
export type SyncSession =
  { ok: true; unitNo: string; bearer: string } | { ok: false; reason: SyncWaitingReason };

export interface SyncSource {
  session(): SyncSession;
  /** The logged-in token's signer, or why it cannot sign now. Never prompts for a PIN. */
  signer(): { ok: true; signer: BatchSigner } | { ok: false; reason: SyncWaitingReason };
}

export interface SyncEngineOptions {
  batch: BatchLimits;
  /** Pull this often when nothing else wakes the engine. */
  pullIntervalMs: number;
  /**
   * Pulls soon after a push, then less often, so a review decision made within seconds is seen
   * within seconds; then back to pullIntervalMs.
   */
  followUpPullsMs: readonly number[];
  /** How often an idle engine looks for new outbox rows (a cheap count). */
  outboxWatchMs: number;
  pullPageSize: number;
  requestTimeoutMs: number;
  /** A push of a big batch may take longer than a pull. */
  pushTimeoutMs: number;
  backoff: BackoffOptions;
  /** Upper bound on a maintenance wait (Retry-After is honoured below it). */
  maxMaintenanceWaitMs: number;
  random: () => number;
  now: () => Date;
}

export const defaultSyncOptions: Readonly<SyncEngineOptions> = Object.freeze({
  // Full batches: each costs one signature, and a real U-Key takes 100–500 ms to sign.
  batch: { maxMutations: MAX_MUTATIONS_PER_BATCH, maxBytes: 8 * 1024 * 1024 },
  pullIntervalMs: 30_000,
  followUpPullsMs: [1_000, 2_000, 3_000, 5_000, 8_000, 13_000],
  outboxWatchMs: 2_000,
  pullPageSize: 1000,
  requestTimeoutMs: 15_000,
  pushTimeoutMs: 60_000,
  backoff: defaultBackoff,
  maxMaintenanceWaitMs: 6 * 3600_000,
  random: Math.random,
  now: () => new Date(),
});

/** Codes that mean the token cannot sign right now: wait for it, do not count as a failure. */
const TOKEN_GONE: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'TOKEN_REMOVED',
  'TOKEN_NOT_PRESENT',
  'TOKEN_SESSION_CLOSED',
  'CERT_NOT_FOUND',
]);
const SESSION_GONE: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'SESSION_EXPIRED',
  'SESSION_INVALID',
  'NOT_LOGGED_IN',
]);

type Listener = (status: SyncStatus) => void;

/** What a status no longer shows once the service has answered. */
const serviceAnswered = {
  maintenanceUntil: null,
  nextRetryAt: null,
  lastError: null,
} as const satisfies Partial<SyncStatus>;

/** A status with nothing known yet: no unit, nothing pending, no error. */
export function blankStatus(
  state: SyncStatus['state'],
  waitingReason: SyncStatus['waitingReason'],
): SyncStatus {
  return {
    state,
    unitNo: null,
    lastSyncAt: null,
    pendingCount: 0,
    progress: null,
    maintenanceUntil: null,
    nextRetryAt: null,
    waitingReason,
    lastError: null,
  };
}

export class SyncEngine {
  readonly store: ClientStore;
  private readonly options: SyncEngineOptions;
  private readonly connectivity: Connectivity;
  private readonly listeners = new Set<Listener>();
  private current: SyncStatus;
  private loop: Promise<void> | null = null;
  private stopped = true;
  /** Set by stop(): the running cycle finishes its current request and goes no further. */
  private halting = false;
  private wakeUp: (() => void) | null = null;
  private wakeRequested = false;
  private failures = 0;
  /** Index into followUpPullsMs after a push; past its end the interval is pullIntervalMs. */
  private followUp = Number.POSITIVE_INFINITY;
  /** The bearer the service refused; nothing is tried with it again. */
  private refusedBearer: string | null = null;
  private origin: { bearer: string; origin: string } | null = null;

  constructor(
    db: Db,
    private readonly client: ServiceClient,
    private readonly source: SyncSource,
    options: Partial<SyncEngineOptions> = {},
  ) {
    this.options = { ...defaultSyncOptions, ...options };
    this.store = clientStoreOf(db);
    this.connectivity = new Connectivity(client.origin, {
      probeTimeoutMs: Math.min(this.options.requestTimeoutMs, 5_000),
      http: client.http,
    });
    this.current = blankStatus('idle', null);
  }

  status(): SyncStatus {
    return this.current;
  }

  onStatus(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.halting = false;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.halting = true;
    this.wake();
    await this.loop;
    await this.cycleInFlight;
    this.loop = null;
    this.halting = false;
  }

  /** Sync as soon as possible (new outbox rows, the session or token changed, the user asked). */
  wake(options: { resetBackoff?: boolean } = {}): void {
    if (options.resetBackoff) this.failures = 0;
    this.wakeRequested = true;
    this.wakeUp?.();
  }

  /** Runs one full cycle now and resolves when it is done (for `sync.now` and tests). */
  async syncOnce(): Promise<SyncStatus> {
    await this.cycle();
    return this.current;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      const delay = await this.cycle().catch(() => this.options.backoff.maxMs);
      if (this.stopped) break;
      await this.sleep(delay);
    }
  }

  private cycleInFlight: Promise<number> | null = null;

  /** One push-then-pull; returns how long to wait before the next. Never runs twice at once. */
  private cycle(): Promise<number> {
    if (!this.cycleInFlight) {
      this.cycleInFlight = this.cycleOnce().finally(() => {
        this.cycleInFlight = null;
      });
    }
    return this.cycleInFlight;
  }

  private async cycleOnce(): Promise<number> {
    const session = this.source.session();
    if (!session.ok) {
      this.update({ state: 'waiting', waitingReason: session.reason, progress: null });
      return this.options.pullIntervalMs;
    }
    const { unitNo, bearer } = session;
    if (bearer === this.refusedBearer) {
      this.update({ state: 'waiting', waitingReason: 'session-expired', unitNo, progress: null });
      return this.options.pullIntervalMs;
    }
    if (this.current.unitNo !== unitNo) {
      const saved = this.store.syncState(unitNo);
      this.update({ unitNo, lastSyncAt: saved.lastSyncAt });
    }
    this.update({ pendingCount: this.store.pendingCount(unitNo) });

    if (!this.connectivity.online) {
      if (!(await this.connectivity.probe()))
        return this.failed(unitNo, new AppError('NETWORK_UNREACHABLE'));
      this.connectivity.markOnline();
    }

    try {
      this.update({ state: 'syncing', waitingReason: null });
      const pendingBefore = this.store.pendingCount(unitNo);
      const signerWaiting = await this.pushAll(unitNo, bearer);
      if (this.store.pendingCount(unitNo) < pendingBefore) this.followUp = 0;
      await this.pullAll(unitNo, bearer);
      const lastSyncAt = this.store.markSynced(unitNo);
      this.failures = 0;
      const pendingCount = this.store.pendingCount(unitNo);
      const waiting = signerWaiting !== null && pendingCount > 0;
      this.update({
        state: waiting ? 'waiting' : 'idle',
        waitingReason: waiting ? signerWaiting : null,
        lastSyncAt,
        pendingCount,
        progress: null,
        maintenanceUntil: null,
        nextRetryAt: null,
        lastError: null,
      });
      // More arrived while pushing (and the token can sign): go again right away.
      if (pendingCount > 0 && !waiting) return 0;
      return this.options.followUpPullsMs[this.followUp++] ?? this.options.pullIntervalMs;
    } catch (error) {
      return this.failed(unitNo, error, bearer);
    }
  }

  /** Pushes every pending mutation of the unit; returns why the outbox waits, if it does. */
  private async pushAll(unitNo: string, bearer: string): Promise<SyncWaitingReason | null> {
    let pending = this.store.pendingCount(unitNo);
    if (pending === 0) return null;
    const available = this.source.signer();
    if (!available.ok) return available.reason;
    const signer = available.signer;
    const clientId = this.store.clientId();
    const origin = await this.serviceOrigin(bearer);
    let done = 0;
    this.update({ progress: { done, total: pending } });
    // Bounded: every round settles at least one mutation or throws.
    for (let round = 0; round <= pending + 1 && !this.halting; round++) {
      const batch = this.store.nextBatch(unitNo, this.options.batch);
      done += batch.unreadable;
      if (batch.mutations.length === 0) break;
      let results;
      try {
        results = await pushBatch(this.client, {
          bearer,
          origin,
          unitNo,
          clientId,
          mutations: batch.mutations,
          signer,
          timeoutMs: this.options.pushTimeoutMs,
        });
      } catch (error) {
        const code = error instanceof AppError ? error.code : 'INTERNAL';
        if (error instanceof AppError && TOKEN_GONE.has(error.code)) return 'token-removed';
        this.store.recordAttempt(
          batch.mutations.map((m) => m.id),
          code,
        );
        throw error;
      }
      const outcome = this.store.applyPushResults(results);
      done += outcome.accepted + outcome.rejected;
      pending = this.store.pendingCount(unitNo);
      // The service answered: any maintenance or failure shown before is over. Stored state and
      // status change in this one synchronous step, so nobody sees 已上传 beside 维护中.
      this.update({
        pendingCount: pending,
        progress: { done, total: done + pending },
        ...serviceAnswered,
      });
      if (outcome.accepted + outcome.rejected === 0) {
        // The service answered none of them: do not spin on the same batch.
        throw new AppError('PROTOCOL_ERROR');
      }
      if (pending === 0) break;
    }
    return null;
  }

  private async pullAll(unitNo: string, bearer: string): Promise<void> {
    // Bounded; a feed longer than this continues in the next cycle.
    for (let page = 0; page < 1000 && !this.halting; page++) {
      const cursor = this.store.syncState(unitNo).cursor;
      let response;
      try {
        response = await pullPage(this.client, {
          bearer,
          unitNo,
          cursor,
          limit: this.options.pullPageSize,
          timeoutMs: this.options.requestTimeoutMs,
        });
      } catch (error) {
        if (error instanceof AppError && error.code === 'CURSOR_INVALID' && cursor) {
          this.store.resetCursor(unitNo);
          continue;
        }
        throw error;
      }
      this.store.applyChanges(unitNo, response.changes, response.nextCursor);
      this.update(serviceAnswered);
      if (!response.hasMore) return;
    }
  }

  private async serviceOrigin(bearer: string): Promise<string> {
    if (this.origin?.bearer === bearer) return this.origin.origin;
    const challenge = await this.client.request('/v1/auth/challenge', challengeResponseSchema, {
      timeoutMs: this.options.requestTimeoutMs,
    });
    this.client.assertServiceOrigin(challenge.origin);
    this.origin = { bearer, origin: challenge.origin };
    return challenge.origin;
  }

  private failed(unitNo: string, error: unknown, bearer?: string): number {
    const now = this.options.now();
    const info: ErrorInfo = toErrorInfo(error);
    if (error instanceof MaintenanceError) {
      const wait = Math.min(error.retryAfterMs, this.options.maxMaintenanceWaitMs);
      const until = new Date(now.getTime() + wait);
      this.store.markSyncFailed(unitNo, 'MAINTENANCE', until);
      this.update({
        state: 'maintenance',
        progress: null,
        maintenanceUntil: until.toISOString(),
        nextRetryAt: until.toISOString(),
        lastError: info,
      });
      return wait;
    }
    if (error instanceof AppError && SESSION_GONE.has(error.code) && bearer) {
      this.refusedBearer = bearer;
      this.update({
        state: 'waiting',
        waitingReason: 'session-expired',
        progress: null,
        lastError: info,
      });
      return this.options.pullIntervalMs;
    }
    this.failures++;
    const offline = error instanceof AppError && error.code === 'NETWORK_UNREACHABLE';
    // Offline, the service is not under load from us: look again at least every pull interval,
    // so a clerk whose network comes back after an hour does not wait minutes more.
    const backoff = backoffDelay(this.failures, this.options.backoff, this.options.random);
    const wait = offline ? Math.min(backoff, this.options.pullIntervalMs) : backoff;
    const retryAt = new Date(now.getTime() + wait);
    if (offline) this.connectivity.markOffline(now);
    this.store.markSyncFailed(unitNo, info.code, retryAt);
    this.update({
      state: offline ? 'offline' : 'error',
      progress: null,
      maintenanceUntil: null,
      nextRetryAt: retryAt.toISOString(),
      lastError: offline ? describeError('NETWORK_UNREACHABLE') : info,
    });
    return wait;
  }

  private sleep(ms: number): Promise<void> {
    if (this.wakeRequested || this.stopped) {
      this.wakeRequested = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      let watch: NodeJS.Timeout | null = null;
      const done = (): void => {
        clearTimeout(timer);
        if (watch) clearInterval(watch);
        this.wakeUp = null;
        this.wakeRequested = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      // New outbox rows (a submit) wake an idle engine without the workspace knowing about sync.
      // Offline or waiting, the count the clerk sees still follows the outbox; the retry keeps
      // its time.
      if (this.current.unitNo) {
        const unitNo = this.current.unitNo;
        const wakeOnNew = this.current.state === 'idle';
        watch = setInterval(() => {
          if (this.stopped) return done();
          const pendingCount = this.store.pendingCount(unitNo);
          if (pendingCount !== this.current.pendingCount) {
            this.update({ pendingCount });
            if (wakeOnNew && pendingCount > 0) done();
          }
        }, this.options.outboxWatchMs);
      }
      this.wakeUp = done;
    });
  }

  private update(patch: Partial<SyncStatus>): void {
    const next = { ...this.current, ...patch };
    if (JSON.stringify(next) === JSON.stringify(this.current)) return;
    this.current = next;
    for (const listener of this.listeners) listener(next);
  }
}
