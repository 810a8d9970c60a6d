// The U-Keys of every installed SKF (GM/T 0016) library, as devices for the token service, so
// nothing above knows whether a token answers through PKCS#11 or SKF. Libraries come from the
// Windows registry, the vendor table and the config file; each is polled cheaply (present
// devices and PIN counters) and read in full only when that changes.
import { basename } from 'node:path';
import { AppError, toErrorInfo, type ErrorInfo } from '../../../domain/errors';
import { identifyVendor, type VendorModule } from '../../../native/pkcs11/vendor-registry';
import { SkfHost } from '../../../native/skf/skf-host';
import type { SkfDeviceEntry, SkfPinView } from '../../../native/skf/skf-types';
import { skfVendorModules } from '../../../native/skf/skf-vendors';
import type { PinState } from '../../contract/views';
import { discoverModules } from './module-discovery';
import { readSkfRegistry, type RegQuery } from './skf-registry';
import type { TokenCertificate, TokenDevice } from './token-device';
import type { DeviceSource } from './token-service';

export interface SkfSourceOptions {
  platform: NodeJS.Platform;
  extraPaths: readonly string[];
  scanRegistry: boolean;
  env: Readonly<Record<string, string | undefined>>;
  pollMs?: number;
  /** Test seam for the Windows registry. */
  regQuery?: RegQuery;
}

/** GM/T 0016 gives retry counts, not flags: the same PIN flow reads them as PKCS#11's flags. */
export function skfPinState(pin: SkfPinView): PinState {
  return {
    countLow: pin.retriesLeft > 0 && pin.retriesLeft < pin.maxRetries,
    finalTry: pin.retriesLeft === 1,
    locked: pin.retriesLeft === 0,
    pinPad: false,
    minLength: 6,
    maxLength: 16,
  };
}

interface Library {
  path: string;
  file: string;
  vendor: VendorModule | null;
  host: SkfHost | null;
  error: ErrorInfo | undefined;
  devices: SkfDeviceEntry[];
  presence: string;
  busy: boolean;
  nextOpenAt: number;
}

const RETRY_OPEN_MS = 5_000;

class SkfDevice implements TokenDevice {
  readonly isDemo = false;
  readonly id: string;
  readonly label: string;
  readonly serial: string;
  readonly vendor: string;
  readonly product: string;
  readonly moduleFile: string;
  readonly pin: PinState;
  readonly certificates: readonly TokenCertificate[];
  readonly api = 'skf' as const;

  constructor(
    private readonly source: SkfDeviceSource,
    private readonly library: Library,
    entry: SkfDeviceEntry,
  ) {
    this.id = `skf:${library.path}::${entry.serialNumber}`;
    this.label = entry.label || entry.name;
    this.serial = entry.serialNumber;
    this.vendor = library.vendor?.vendor ?? entry.manufacturer;
    this.product = library.vendor?.product ?? entry.name;
    this.moduleFile = library.file;
    this.pin = skfPinState(entry.pin);
    // Only a container's signing certificate may log in and sign (not the encryption one).
    this.certificates = entry.certificates
      .filter((c) => c.signing)
      .map((c) => ({ ckaIdHex: c.keyRef, der: c.der, hasPrivateKey: true }));
  }

  private host(): SkfHost {
    const host = this.source.present(this.library.path, this.serial);
    if (!host) throw new AppError('TOKEN_REMOVED');
    return host;
  }

  async readPinState(): Promise<PinState> {
    return skfPinState(await this.host().pinInfo(this.serial));
  }

  async login(pin: string | null): Promise<void> {
    // SKF has no PIN pad path: a PIN is always typed in the app.
    if (!pin) throw new AppError('PIN_EMPTY');
    await this.host().login(this.serial, pin);
  }

  /** SM2 with SM3 over data, Z with the default ID, as raw r ‖ s. */
  sign(keyRef: string, data: Buffer): Promise<Buffer> {
    return this.host().sign(this.serial, keyRef, data);
  }

  async logout(): Promise<void> {
    await this.source.present(this.library.path, this.serial)?.logout(this.serial);
  }
}

export class SkfDeviceSource implements DeviceSource {
  private libraries: Library[] = [];
  private readonly listeners = new Set<() => void>();
  private timer: NodeJS.Timeout | null = null;
  private cached: { key: string; devices: TokenDevice[] } | null = null;
  private version = 0;
  private readonly pollMs: number;

  constructor(private readonly options: SkfSourceOptions) {
    this.pollMs = options.pollMs ?? 250;
    // The vendor table and configured paths are known at once; the registry joins at start().
    this.libraries = this.discover([]);
  }

  private discover(registered: readonly { path: string; name: string }[]): Library[] {
    const modules = discoverModules({
      platform: this.options.platform,
      extraPaths: [...registered.map((r) => r.path), ...this.options.extraPaths],
      env: this.options.env,
      registry: this.options.scanRegistry ? skfVendorModules : [],
    });
    return modules.map((m) => ({
      path: m.path,
      file: basename(m.path.replace(/\\/g, '/')),
      vendor: m.vendor ?? identifyVendor(m.path, skfVendorModules),
      host: null,
      error: undefined,
      devices: [],
      presence: '',
      busy: false,
      nextOpenAt: 0,
    }));
  }

  hasModules(): boolean {
    return this.libraries.length > 0;
  }

  async start(): Promise<void> {
    if (this.timer) return;
    if (this.options.scanRegistry) {
      const registered = await readSkfRegistry(
        this.options.platform,
        this.options.env,
        this.options.regQuery,
      );
      if (registered.length > 0) this.libraries = this.discover(registered);
    }
    await Promise.all(this.libraries.map((l) => this.tick(l, true)));
    this.timer = setInterval(() => {
      for (const l of this.libraries) void this.tick(l, false);
    }, this.pollMs);
    this.timer.unref?.();
    this.changed();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await Promise.all(this.libraries.map((l) => l.host?.close()));
    for (const l of this.libraries) l.host = null;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  moduleErrors(): ErrorInfo[] {
    return this.libraries.flatMap((l) => (l.error ? [l.error] : []));
  }

  devices(): TokenDevice[] {
    const key = String(this.version);
    if (this.cached?.key !== key) {
      this.cached = {
        key,
        devices: this.libraries.flatMap((l) => l.devices.map((d) => new SkfDevice(this, l, d))),
      };
    }
    return this.cached.devices;
  }

  /** The host of the library a device sits in, while it is plugged in. */
  present(path: string, serial: string): SkfHost | null {
    const library = this.libraries.find((l) => l.path === path);
    if (!library?.host || !library.devices.some((d) => d.serialNumber === serial)) return null;
    return library.host;
  }

  private changed(): void {
    this.version++;
    for (const listener of this.listeners) listener();
  }

  private async tick(library: Library, first: boolean): Promise<void> {
    if (library.busy || library.host?.busy) return;
    library.busy = true;
    try {
      if (!library.host) {
        if (!first && Date.now() < library.nextOpenAt) return;
        try {
          library.host = await SkfHost.open(library.path);
          library.error = undefined;
        } catch (error) {
          library.nextOpenAt = Date.now() + RETRY_OPEN_MS;
          const info = toErrorInfo(error);
          if (info.message !== library.error?.message) {
            library.error = info;
            if (!first) this.changed();
          }
          return;
        }
      }
      const presence = await library.host.poll();
      const key = JSON.stringify(presence);
      if (key === library.presence && !first) return;
      library.devices = await library.host.listDevices();
      library.presence = key;
      if (!first) this.changed();
    } catch (error) {
      // A crashed or hung library: its devices are gone until the next poll restarts it.
      if (library.devices.length > 0) {
        library.devices = [];
        library.presence = '';
        if (!first) this.changed();
      }
      library.error = error instanceof AppError ? undefined : toErrorInfo(error);
    } finally {
      library.busy = false;
    }
  }
}
