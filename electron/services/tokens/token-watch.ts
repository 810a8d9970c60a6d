// Watches every configured PKCS#11 module for tokens coming and going. Each module is polled
// cheaply (slot list + token info, and C_WaitForSlotEvent where the module has it); the full
// certificate listing is read only when the set of tokens changes. Changes are debounced and
// emitted as the whole state, so a listener never has to merge.
import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { toErrorInfo, type ErrorInfo } from '../../../domain/errors';
import { Pkcs11ModuleHost, type ModuleHostOptions } from '../../../native/pkcs11/module-host';
import type { SlotState, TokenEntry } from '../../../native/pkcs11/types';
import {
  identifyVendor,
  moduleFileName,
  type VendorModule,
} from '../../../native/pkcs11/vendor-registry';

export interface WatchedModuleState {
  path: string;
  file: string;
  vendor: { vendor: string; product: string } | null;
  /** Why the module cannot be used (not found, wrong architecture, crashed…). */
  error?: ErrorInfo;
  tokens: TokenEntry[];
}

export interface TokenWatchState {
  modules: WatchedModuleState[];
}

export interface TokenWatchOptions {
  modules: readonly (string | { path: string; vendor?: VendorModule | null })[];
  pollMs?: number;
  debounceMs?: number;
  /** How often a module that failed to load is tried again (a driver may be installed meanwhile). */
  retryOpenMs?: number;
  /**
   * After the set of tokens changes, how long to keep re-reading certificates: middleware often
   * lists a freshly inserted token before its objects are readable.
   */
  settleMs?: number;
  hostOptions?: ModuleHostOptions;
}

interface Watched {
  path: string;
  file: string;
  vendor: WatchedModuleState['vendor'];
  host: Pkcs11ModuleHost | null;
  error: ErrorInfo | undefined;
  tokens: TokenEntry[];
  presence: string;
  busy: boolean;
  nextOpenAt: number;
  /** Until then the full listing is read on every poll: a token just inserted may still be settling. */
  settleUntil: number;
}

type Events = { change: [TokenWatchState] };

function presenceKey(slots: readonly SlotState[]): string {
  return slots
    .map((s) => `${s.slotId}|${s.token.serialNumber}|${s.token.label}`)
    .sort()
    .join('\n');
}

function stateKey(state: TokenWatchState): string {
  return JSON.stringify(
    state.modules.map((m) => [
      m.path,
      m.error?.code ?? '',
      m.error?.message ?? '',
      m.tokens.map((t) => [
        t.slotId,
        t.slotDescription,
        t.token,
        t.error?.code ?? '',
        t.certificates.map((c) => [
          c.ckaIdHex,
          c.label,
          c.hasPrivateKey,
          createHash('sha256').update(c.der).digest('hex'),
        ]),
      ]),
    ]),
  );
}

export class TokenWatch extends EventEmitter<Events> {
  private readonly watched: Watched[];
  private readonly pollMs: number;
  private readonly debounceMs: number;
  private readonly retryOpenMs: number;
  private readonly settleMs: number;
  private readonly hostOptions: ModuleHostOptions;
  private timer: NodeJS.Timeout | null = null;
  private debounce: NodeJS.Timeout | null = null;
  private firstPendingAt = 0;
  private lastEmittedKey = '';
  private snapshot: { state: TokenWatchState; key: string };
  private running = false;
  /** Set once the first full reading is done; before that, nothing is emitted piecemeal. */
  private started = false;

  constructor(options: TokenWatchOptions) {
    super();
    this.pollMs = options.pollMs ?? 250;
    this.debounceMs = options.debounceMs ?? 150;
    this.retryOpenMs = options.retryOpenMs ?? 5_000;
    this.settleMs = options.settleMs ?? 2_000;
    this.hostOptions = options.hostOptions ?? {};
    this.watched = options.modules.map((m) => {
      const path = typeof m === 'string' ? m : m.path;
      const entry =
        typeof m === 'string' ? identifyVendor(path) : (m.vendor ?? identifyVendor(path));
      return {
        path,
        file: moduleFileName(path),
        vendor: entry ? { vendor: entry.vendor, product: entry.product } : null,
        host: null,
        error: undefined,
        tokens: [],
        presence: '',
        busy: false,
        nextOpenAt: 0,
        settleUntil: 0,
      };
    });
    const initial = this.build();
    this.snapshot = { state: initial, key: stateKey(initial) };
  }

  /** Opens every module and reads its tokens once; a module that fails becomes an error entry. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await Promise.all(this.watched.map((w) => this.tick(w, true)));
    this.started = true;
    this.emitNow();
    this.timer = setInterval(() => {
      for (const w of this.watched) void this.tick(w, false);
    }, this.pollMs);
  }

  async stop(): Promise<void> {
    this.running = false;
    this.started = false;
    if (this.timer) clearInterval(this.timer);
    if (this.debounce) clearTimeout(this.debounce);
    this.timer = null;
    this.debounce = null;
    const hosts = this.watched.flatMap((w) => (w.host ? [w.host] : []));
    for (const w of this.watched) w.host = null;
    await Promise.all(hosts.map((h) => h.close()));
  }

  /** The latest state; the same object until something in it changes. */
  current(): TokenWatchState {
    return this.snapshot.state;
  }

  private build(): TokenWatchState {
    return {
      modules: this.watched.map((w) => ({
        path: w.path,
        file: w.file,
        vendor: w.vendor,
        ...(w.error ? { error: w.error } : {}),
        tokens: w.tokens,
      })),
    };
  }

  /** The host of a loaded module, for login and signing; null if it is not loaded. */
  host(path: string): Pkcs11ModuleHost | null {
    return this.watched.find((w) => w.path === path)?.host ?? null;
  }

  onChange(listener: (state: TokenWatchState) => void): () => void {
    this.on('change', listener);
    return () => this.off('change', listener);
  }

  /**
   * Makes a module look at its slots from scratch (C_Finalize + C_Initialize): some modules,
   * SoftHSM2 among them, only see tokens created by another process after this. Ends logins.
   */
  async reload(path: string): Promise<void> {
    const w = this.watched.find((m) => m.path === path);
    if (!w?.host) return;
    await w.host.rescan();
    w.presence = '';
    await this.tick(w, true);
  }

  private async tick(w: Watched, force: boolean): Promise<void> {
    if (w.busy || (!force && !this.running)) return;
    // Never queue a poll behind a login or a signature: it would only delay them.
    if (!force && w.host?.busy) return;
    w.busy = true;
    try {
      if (!w.host) {
        if (!force && Date.now() < w.nextOpenAt) return;
        await this.open(w);
        if (!w.host) return;
      }
      const host: Pkcs11ModuleHost = w.host;
      const poll = await host.poll();
      const presence = presenceKey(poll.slots);
      let tokens: TokenEntry[];
      const now = Date.now();
      if (presence !== w.presence || poll.events.length > 0 || w.error) {
        w.settleUntil = now + this.settleMs;
      }
      if (now < w.settleUntil) {
        tokens = await host.listTokens();
        w.presence = presence;
      } else {
        // Same tokens: only their flags (PIN count low, locked…) can have changed.
        const fresh = new Map(poll.slots.map((s) => [s.slotId, s.token]));
        tokens = w.tokens.map((t) => ({ ...t, token: fresh.get(t.slotId) ?? t.token }));
      }
      this.update(w, tokens, undefined);
    } catch (error) {
      this.update(w, [], toErrorInfo(error));
      w.presence = '';
    } finally {
      w.busy = false;
    }
  }

  private async open(w: Watched): Promise<void> {
    try {
      w.host = await Pkcs11ModuleHost.open(w.path, this.hostOptions);
      if (!this.running) {
        const host = w.host;
        w.host = null;
        await host.close();
      }
    } catch (error) {
      w.nextOpenAt = Date.now() + this.retryOpenMs;
      this.update(w, [], toErrorInfo(error));
    }
  }

  private update(w: Watched, tokens: TokenEntry[], error: ErrorInfo | undefined): void {
    w.tokens = tokens;
    w.error = error;
    const state = this.build();
    const key = stateKey(state);
    if (key !== this.snapshot.key) this.snapshot = { state, key };
    if (this.running && this.started) this.scheduleEmit();
  }

  private scheduleEmit(): void {
    if (this.snapshot.key === this.lastEmittedKey) {
      if (this.debounce) clearTimeout(this.debounce);
      this.debounce = null;
      return;
    }
    const now = Date.now();
    if (!this.debounce) this.firstPendingAt = now;
    else clearTimeout(this.debounce);
    // Keep settling while changes keep coming, but never hold a change back for long.
    const wait = Math.max(
      0,
      Math.min(this.debounceMs, this.firstPendingAt + 3 * this.debounceMs - now),
    );
    this.debounce = setTimeout(() => {
      this.debounce = null;
      this.emitNow();
    }, wait);
  }

  private emitNow(): void {
    const { state, key } = this.snapshot;
    if (key === this.lastEmittedKey) return;
    this.lastEmittedKey = key;
    this.emit('change', state);
  }
}
