// Every token the PC can see right now (U-Keys through their vendors' modules, and the demo
// soft certificate when no module is installed), as views for the picker and as devices for
// the login and signing flows.
import { certificateTimeStatus } from '../../../domain/certificate-status';
import type { ErrorInfo } from '../../../domain/errors';
import { AppError } from '../../../domain/errors';
import type { CertificateView, TokenSnapshot, TokenView } from '../../contract/views';
import {
  holderSummary,
  readCertificate,
  type CertificateDetails,
} from '../certificates/certificate-details';
import type { ServerClock } from '../net/server-clock';
import type { TokenCertificate, TokenDevice } from './token-device';

/** A family of devices that can come and go (all tokens of the installed PKCS#11 modules). */
export interface DeviceSource {
  devices(): readonly TokenDevice[];
  moduleErrors(): readonly ErrorInfo[];
  /** Whether any PKCS#11 module is installed (loaded or failing); none means: offer the demo. */
  hasModules(): boolean;
  onChange(listener: () => void): () => void;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface ResolvedCertificate {
  device: TokenDevice;
  certificate: TokenCertificate;
  details: CertificateDetails;
  view: CertificateView;
}

export function certificateId(device: TokenDevice, ckaIdHex: string): string {
  return `${device.id}#${ckaIdHex}`;
}

export class TokenService {
  private readonly details = new Map<string, CertificateDetails>();
  private readonly listeners = new Set<(snapshot: TokenSnapshot) => void>();
  private readonly unsubscribe: (() => void)[] = [];

  constructor(
    private readonly sources: readonly DeviceSource[],
    private readonly fallback: TokenDevice | null,
    private readonly clock: ServerClock,
  ) {}

  async start(): Promise<void> {
    for (const source of this.sources) {
      this.unsubscribe.push(source.onChange(() => this.changed()));
      await source.start();
    }
  }

  async stop(): Promise<void> {
    for (const off of this.unsubscribe.splice(0)) off();
    await Promise.all(this.sources.map((s) => s.stop()));
  }

  onChange(listener: (snapshot: TokenSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tells listeners again, e.g. after the server's clock changed how certificates stand. */
  changed(): void {
    const snapshot = this.snapshot();
    for (const listener of this.listeners) listener(snapshot);
  }

  devices(): TokenDevice[] {
    const hardware = this.sources.flatMap((s) => s.devices());
    // The demo soft certificate stands in only where no U-Key module is installed at all.
    const noModule = this.sources.every((s) => !s.hasModules());
    return this.fallback && noModule ? [...hardware, this.fallback] : hardware;
  }

  snapshot(): TokenSnapshot {
    const clock = this.clock.now();
    return {
      // A stable order (label, then serial) whatever slots the keys sit in today.
      tokens: this.devices()
        .map((device) => this.tokenView(device, clock.now))
        .sort(
          (a, b) => a.label.localeCompare(b.label, 'zh-CN') || a.serial.localeCompare(b.serial),
        ),
      moduleErrors: this.sources.flatMap((s) => s.moduleErrors()),
      clock: { skewed: clock.skewed, offsetMinutes: clock.offsetMinutes },
    };
  }

  resolve(id: string): ResolvedCertificate {
    const now = this.clock.now().now;
    for (const device of this.devices()) {
      for (const certificate of device.certificates) {
        if (certificateId(device, certificate.ckaIdHex) !== id) continue;
        const details = this.read(certificate.der);
        return {
          device,
          certificate,
          details,
          view: this.certificateView(device, certificate, details, now),
        };
      }
    }
    throw new AppError('CERT_NOT_FOUND');
  }

  private read(der: Uint8Array): CertificateDetails {
    const key = Buffer.from(der).toString('base64');
    let details = this.details.get(key);
    if (!details) {
      details = readCertificate(der);
      this.details.set(key, details);
    }
    return details;
  }

  private tokenView(device: TokenDevice, now: Date): TokenView {
    return {
      id: device.id,
      label: device.label,
      serial: device.serial,
      vendor: device.vendor,
      product: device.product,
      moduleFile: device.moduleFile,
      api: device.api ?? 'pkcs11',
      isDemo: device.isDemo,
      pin: device.pin,
      certificates: device.certificates
        // A dual-certificate U盾's encryption certificate cannot log in or sign: not offered.
        .filter((c) => c.hasPrivateKey && this.read(c.der).canSign)
        .map((c) => this.certificateView(device, c, this.read(c.der), now)),
    };
  }

  private certificateView(
    device: TokenDevice,
    certificate: TokenCertificate,
    details: CertificateDetails,
    now: Date,
  ): CertificateView {
    return {
      id: certificateId(device, certificate.ckaIdHex),
      tokenId: device.id,
      ...holderSummary(details.holder),
      holderName: details.holderName,
      issuer: details.issuer,
      notBefore: details.notBefore.toISOString(),
      notAfter: details.notAfter.toISOString(),
      keyAlgorithm: details.keyAlgorithm,
      algorithm: details.algorithm,
      sha256: details.sha256,
      status: certificateTimeStatus(details.notBefore, details.notAfter, now),
    };
  }
}
