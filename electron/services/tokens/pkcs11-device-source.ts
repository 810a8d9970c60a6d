// The U-Keys of every installed PKCS#11 module, as devices for the token service. A device is
// named by its module and serial number, so the same key stays the same device when it is
// pulled out and put back into another USB port (and gets another slot).
import type { ErrorInfo } from '../../../domain/errors';
import { AppError } from '../../../domain/errors';
import type { TokenInfoView } from '../../../native/pkcs11/types';
import type { Pkcs11ModuleHost } from '../../../native/pkcs11/module-host';
import type { PinState } from '../../contract/views';
import { discoverModules } from './module-discovery';
import type { DeviceSource } from './token-service';
import type { TokenCertificate, TokenDevice } from './token-device';
import { TokenWatch, type TokenWatchState, type WatchedModuleState } from './token-watch';

export interface Pkcs11SourceOptions {
  platform: NodeJS.Platform;
  extraPaths: readonly string[];
  scanRegistry: boolean;
  env: Readonly<Record<string, string | undefined>>;
}

export function pinStateOf(info: TokenInfoView): PinState {
  return {
    countLow: info.userPinCountLow,
    finalTry: info.userPinFinalTry,
    locked: info.userPinLocked,
    pinPad: info.protectedAuthenticationPath,
    minLength: info.minPinLen,
    maxLength: info.maxPinLen,
  };
}

class Pkcs11Device implements TokenDevice {
  readonly isDemo = false;

  constructor(
    private readonly source: Pkcs11DeviceSource,
    private readonly modulePath: string,
    readonly id: string,
    readonly serial: string,
    readonly label: string,
    readonly vendor: string,
    readonly product: string,
    readonly moduleFile: string,
    readonly pin: PinState,
    readonly certificates: readonly TokenCertificate[],
  ) {}

  /** The slot this token sits in now; gone means it was pulled out. */
  private where(): { host: Pkcs11ModuleHost; slotId: string } {
    const found = this.source.locate(this.modulePath, this.serial);
    if (!found) throw new AppError('TOKEN_REMOVED');
    return found;
  }

  async readPinState(): Promise<PinState> {
    const { host, slotId } = this.where();
    return pinStateOf(await host.tokenInfo(slotId));
  }

  async login(pin: string | null): Promise<void> {
    const { host, slotId } = this.where();
    await host.login(slotId, pin);
  }

  async sign(ckaIdHex: string, data: Buffer): Promise<Buffer> {
    const { host, slotId } = this.where();
    return host.sign(slotId, ckaIdHex, data);
  }

  async logout(): Promise<void> {
    const found = this.source.locate(this.modulePath, this.serial);
    if (found) await found.host.logout(found.slotId);
  }
}

export class Pkcs11DeviceSource implements DeviceSource {
  private readonly watch: TokenWatch;
  private readonly paths: string[];
  private cached: { state: TokenWatchState; devices: TokenDevice[] } | null = null;

  constructor(options: Pkcs11SourceOptions) {
    const modules = discoverModules({
      platform: options.platform,
      extraPaths: options.extraPaths,
      env: options.env,
      ...(options.scanRegistry ? {} : { registry: [] }),
    });
    this.paths = modules.map((m) => m.path);
    this.watch = new TokenWatch({ modules });
  }

  hasModules(): boolean {
    return this.paths.length > 0;
  }

  start(): Promise<void> {
    return this.watch.start();
  }

  stop(): Promise<void> {
    return this.watch.stop();
  }

  onChange(listener: () => void): () => void {
    return this.watch.onChange(() => listener());
  }

  moduleErrors(): ErrorInfo[] {
    return this.watch.current().modules.flatMap((m) => (m.error ? [m.error] : []));
  }

  devices(): TokenDevice[] {
    const state = this.watch.current();
    if (this.cached?.state !== state) {
      this.cached = { state, devices: state.modules.flatMap((m) => this.devicesOf(m)) };
    }
    return this.cached.devices;
  }

  locate(modulePath: string, serial: string): { host: Pkcs11ModuleHost; slotId: string } | null {
    const module = this.watch.current().modules.find((m) => m.path === modulePath);
    const entry = module?.tokens.find((t) => t.token.serialNumber === serial);
    const host = this.watch.host(modulePath);
    return entry && host ? { host, slotId: entry.slotId } : null;
  }

  private devicesOf(module: WatchedModuleState): TokenDevice[] {
    return module.tokens.map((entry) => {
      const info = entry.token;
      return new Pkcs11Device(
        this,
        module.path,
        `${module.path}::${info.serialNumber || entry.slotId}`,
        info.serialNumber,
        info.label,
        module.vendor?.vendor ?? info.manufacturerId,
        module.vendor?.product ?? info.model,
        module.file,
        pinStateOf(info),
        entry.certificates.map((c) => ({
          ckaIdHex: c.ckaIdHex,
          der: c.der,
          hasPrivateKey: c.hasPrivateKey,
        })),
      );
    });
  }
}
