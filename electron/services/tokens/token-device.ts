// What the login and signing flows need from a token, whether it is a PKCS#11 U-Key or the
// demo soft certificate.
import type { PinState } from '../../contract/views';

export interface TokenCertificate {
  ckaIdHex: string;
  der: Uint8Array;
  hasPrivateKey: boolean;
}

export interface TokenDevice {
  /** Stable while the same token stays plugged in: module path and serial number. */
  readonly id: string;
  readonly label: string;
  readonly serial: string;
  readonly vendor: string;
  readonly product: string;
  readonly moduleFile: string;
  /** How the app reaches the token; PKCS#11 when unset. */
  readonly api?: 'pkcs11' | 'skf' | 'soft';
  readonly isDemo: boolean;
  readonly pin: PinState;
  readonly certificates: readonly TokenCertificate[];
  /** Fresh PIN flags, read from the token right before a login. */
  readPinState(): Promise<PinState>;
  /** Logs in and keeps the token session for later signatures. Null PIN: the device's PIN pad. */
  login(pin: string | null): Promise<void>;
  /** Signature by the key paired with the certificate: SHA-256 RSA PKCS#1 v1.5, raw ECDSA r||s, or SM2 with SM3 as raw r||s. */
  sign(ckaIdHex: string, data: Buffer): Promise<Buffer>;
  logout(): Promise<void>;
}
