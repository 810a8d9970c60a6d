// Updates from IT's intranet folder: look now and then, take only what the policy allows, download
// in the background and tell the clerk with a notice. Nothing here quits, restarts or installs:
// the installer runs when the app is closed, so a declaration being typed is never interrupted.
import { AppError, describeError, type ErrorInfo } from '../../../domain/errors';
import { decideUpdate } from './update-policy';

export interface UpdateOffer {
  version: string;
}

/** electron-updater in the packaged app, GenericFeed under Node. */
export interface Updater {
  check(): Promise<UpdateOffer | null>;
  /** Downloads the offered version and verifies its sha512; resolves when it is ready to install. */
  download(): Promise<unknown>;
}

export type UpdateState =
  'disabled' | 'idle' | 'checking' | 'downloading' | 'up-to-date' | 'held' | 'ready' | 'failed';

export interface UpdateStatus {
  state: UpdateState;
  currentVersion: string;
  /** The version found in the folder (also when not offered). */
  latestVersion: string | null;
  pinnedVersion: string | null;
  /** What the clerk is told, when there is something to tell. */
  notice: ErrorInfo | null;
  checkedAt: string | null;
}

export interface UpdateServiceOptions {
  updater: Updater | null;
  currentVersion: string;
  pinnedVersion: string | null;
  onStatus?: (status: UpdateStatus) => void;
  now?: () => Date;
}

export class UpdateService {
  private current: UpdateStatus;
  private running: Promise<UpdateStatus> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly options: UpdateServiceOptions) {
    this.current = {
      state: options.updater ? 'idle' : 'disabled',
      currentVersion: options.currentVersion,
      latestVersion: null,
      pinnedVersion: options.pinnedVersion,
      notice: null,
      checkedAt: null,
    };
  }

  status(): UpdateStatus {
    return this.current;
  }

  /** Checks every `intervalMs` (first after `firstDelayMs`); the timer never keeps the app alive. */
  schedule(firstDelayMs: number, intervalMs: number): void {
    if (!this.options.updater || this.timer) return;
    const tick = () => {
      void this.checkNow();
      this.timer = setTimeout(tick, intervalMs);
      this.timer.unref();
    };
    this.timer = setTimeout(tick, firstDelayMs);
    this.timer.unref();
  }

  /** One check (and download when allowed); concurrent callers share it. */
  checkNow(): Promise<UpdateStatus> {
    if (!this.running) {
      this.running = this.run().finally(() => (this.running = null));
    }
    return this.running;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private set(patch: Partial<UpdateStatus>): UpdateStatus {
    this.current = { ...this.current, ...patch };
    this.options.onStatus?.(this.current);
    return this.current;
  }

  private async run(): Promise<UpdateStatus> {
    const updater = this.options.updater;
    if (!updater) return this.current;
    // A downloaded version waits for the app to close; there is nothing more to do until then.
    if (this.current.state === 'ready') return this.current;
    const checkedAt = () => (this.options.now?.() ?? new Date()).toISOString();
    this.set({ state: 'checking' });
    try {
      const offer = await updater.check();
      if (!offer) return this.set({ state: 'up-to-date', checkedAt: checkedAt(), notice: null });
      const decision = decideUpdate(
        this.options.currentVersion,
        offer.version,
        this.options.pinnedVersion,
      );
      if (!decision.offer) {
        return this.set({
          state: decision.reason === 'pinned' ? 'held' : 'up-to-date',
          latestVersion: offer.version,
          checkedAt: checkedAt(),
          notice: null,
        });
      }
      this.set({ state: 'downloading', latestVersion: offer.version });
      await updater.download();
      return this.set({
        state: 'ready',
        checkedAt: checkedAt(),
        notice: describeError('UPDATE_READY', { version: offer.version }),
      });
    } catch (error) {
      const code =
        error instanceof AppError && error.code === 'UPDATE_CHECKSUM_MISMATCH'
          ? 'UPDATE_CHECKSUM_MISMATCH'
          : 'UPDATE_FAILED';
      return this.set({ state: 'failed', checkedAt: checkedAt(), notice: describeError(code) });
    }
  }
}
