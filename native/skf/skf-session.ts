// The SKF devices of one loaded library, as the worker keeps them: a connection and open
// application per device (a login lives on the application handle), re-made when a key is
// pulled out and put back. Devices are known by serial number: SKF names can follow the port.
import { AppError } from '../../domain/errors';
import { sm2Digest } from '../../domain/crypto/sm2';
import { publicKeyBlobToPoint, signatureBlobToRaw } from './ecc-blob';
import { CONTAINER_TYPE_ECC, type SkfHandle, SkfLibrary } from './skf-library';
import type { SkfCertificateEntry, SkfDeviceEntry, SkfPinView, SkfPresence } from './skf-types';

interface Connected {
  name: string;
  serial: string;
  dev: SkfHandle;
  apps: Map<string, SkfHandle>;
  /** The application the PIN was verified on; null: not logged in. */
  loggedIn: string | null;
}

const isGone = (error: unknown) =>
  error instanceof AppError &&
  (error.code === 'TOKEN_REMOVED' || error.code === 'TOKEN_SESSION_CLOSED');

export class SkfSession {
  private readonly devices = new Map<string, Connected>();

  constructor(private readonly lib: SkfLibrary) {}

  /** Present devices with their PIN counters; forgets the connections of devices gone. */
  poll(): SkfPresence[] {
    const names = this.lib.enumDevices(true);
    const present: SkfPresence[] = [];
    for (const name of names) {
      // A handle from before a removal is dead even when the key is back: connect again once.
      for (let attempt = 0; attempt < 2; attempt++) {
        try {
          const c = this.connection(name);
          present.push({ name, serialNumber: c.serial, pin: this.pinOf(c) });
          break;
        } catch (error) {
          this.drop(name);
          if (!isGone(error)) throw error;
        }
      }
    }
    for (const [name] of this.devices) if (!names.includes(name)) this.drop(name);
    return present;
  }

  listDevices(): SkfDeviceEntry[] {
    const entries: SkfDeviceEntry[] = [];
    for (const presence of this.poll()) {
      const c = this.devices.get(presence.name);
      if (!c) continue;
      const info = this.lib.deviceInfo(c.dev);
      entries.push({
        name: c.name,
        label: info.label,
        serialNumber: c.serial,
        manufacturer: info.manufacturer,
        pin: presence.pin,
        certificates: this.certificatesOf(c),
      });
    }
    return entries;
  }

  pinInfo(serial: string): SkfPinView {
    return this.pinOf(this.bySerial(serial));
  }

  login(serial: string, pin: string): void {
    const c = this.bySerial(serial);
    const [appName] = [...c.apps.keys()];
    if (appName === undefined) throw new AppError('SKF_NO_APPLICATION');
    c.loggedIn = null;
    this.lib.verifyPin(c.apps.get(appName)!, pin);
    c.loggedIn = appName;
  }

  sign(serial: string, keyRef: string, data: Uint8Array): Uint8Array {
    const c = this.bySerial(serial);
    const [appName, containerName] = keyRef.split('/');
    const app = appName === undefined ? undefined : c.apps.get(appName);
    if (!app || containerName === undefined) throw new AppError('TOKEN_KEY_NOT_FOUND');
    if (c.loggedIn !== appName) throw new AppError('TOKEN_SESSION_CLOSED');
    const con = this.lib.openContainer(app, containerName);
    try {
      if (this.lib.containerType(con) !== CONTAINER_TYPE_ECC) throw new AppError('SKF_KEY_NOT_SM2');
      const point = publicKeyBlobToPoint(this.lib.publicKeyBlob(con));
      // e = SM3(Z ‖ M) with the default ID, computed here: vendors' SKF_DigestInit differ.
      const e = Buffer.from(sm2Digest(point, data));
      return signatureBlobToRaw(this.lib.signDigest(con, e));
    } finally {
      this.lib.closeContainer(con);
    }
  }

  logout(serial: string): void {
    const c = [...this.devices.values()].find((d) => d.serial === serial);
    if (!c) return;
    // Closing the application ends its login on every SKF library; open it again for the PIN
    // counter and the next login.
    c.loggedIn = null;
    for (const [name, app] of c.apps) {
      this.lib.closeApplication(app);
      c.apps.set(name, this.lib.openApplication(c.dev, name));
    }
  }

  close(): void {
    for (const name of [...this.devices.keys()]) this.drop(name);
  }

  private bySerial(serial: string): Connected {
    const c = [...this.devices.values()].find((d) => d.serial === serial);
    if (!c) throw new AppError('TOKEN_REMOVED');
    return c;
  }

  private connection(name: string): Connected {
    const known = this.devices.get(name);
    if (known) return known;
    const dev = this.lib.connect(name);
    try {
      const serial = this.lib.deviceInfo(dev).serialNumber || name;
      const apps = new Map<string, SkfHandle>();
      for (const appName of this.lib.applications(dev))
        apps.set(appName, this.lib.openApplication(dev, appName));
      const c: Connected = { name, serial, dev, apps, loggedIn: null };
      this.devices.set(name, c);
      return c;
    } catch (error) {
      this.lib.disconnect(dev);
      throw error;
    }
  }

  private pinOf(c: Connected): SkfPinView {
    const [app] = c.apps.values();
    if (app === undefined) return { maxRetries: 0, retriesLeft: 0 };
    const { maxRetries, retriesLeft } = this.lib.pinInfo(app);
    return { maxRetries, retriesLeft };
  }

  private certificatesOf(c: Connected): SkfCertificateEntry[] {
    const out: SkfCertificateEntry[] = [];
    for (const [appName, app] of c.apps) {
      for (const containerName of this.lib.containers(app)) {
        const con = this.lib.openContainer(app, containerName);
        try {
          const keyRef = `${appName}/${containerName}`;
          const signing = this.lib.certificate(con, true);
          if (signing) out.push({ keyRef, der: signing, signing: true });
          const encryption = this.lib.certificate(con, false);
          if (encryption) out.push({ keyRef, der: encryption, signing: false });
        } finally {
          this.lib.closeContainer(con);
        }
      }
    }
    return out;
  }

  private drop(name: string): void {
    const c = this.devices.get(name);
    if (!c) return;
    this.devices.delete(name);
    for (const app of c.apps.values()) this.lib.closeApplication(app);
    this.lib.disconnect(c.dev);
  }
}
