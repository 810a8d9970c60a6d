// The demo soft certificate (演示软证书): a .p12 with its public certificate beside it (.cer), so
// a new user without any U-Key can reach the login screen and log in. Behaves like a token whose
// PIN is the .p12 password; nothing of it is ever written back.
import { readFileSync, existsSync } from 'node:fs';
import { createPrivateKey, sign as cryptoSign, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { AppError } from '../../../domain/errors';
import type { PinState } from '../../contract/views';
import type { TokenCertificate, TokenDevice } from './token-device';

const SOFT_PIN_STATE: PinState = {
  countLow: false,
  finalTry: false,
  locked: false,
  pinPad: false,
  minLength: 1,
  maxLength: 64,
};

export const DEMO_TOKEN_LABEL = '演示软证书';

export class SoftToken implements TokenDevice {
  readonly label = DEMO_TOKEN_LABEL;
  readonly serial = 'DEMO';
  readonly vendor = DEMO_TOKEN_LABEL;
  readonly product = 'PKCS#12';
  readonly isDemo = true;
  readonly api = 'soft';
  readonly pin = SOFT_PIN_STATE;
  readonly id: string;
  readonly moduleFile: string;
  readonly certificates: readonly TokenCertificate[];
  private key: KeyObject | null = null;

  private constructor(
    private readonly p12Path: string,
    certificateDer: Uint8Array,
  ) {
    this.id = `soft::${p12Path}`;
    this.moduleFile = p12Path;
    this.certificates = [{ ckaIdHex: '01', der: certificateDer, hasPrivateKey: true }];
  }

  /** Null when the files are not there; a damaged file is an error a person can act on. */
  static open(p12Path: string): SoftToken | null {
    const cerPath = p12Path.replace(/\.p12$/i, '.cer');
    if (!existsSync(p12Path) || !existsSync(cerPath)) return null;
    try {
      return new SoftToken(p12Path, new Uint8Array(readFileSync(cerPath)));
    } catch (error) {
      throw new AppError('SOFT_CERT_FILE_INVALID', undefined, { cause: error });
    }
  }

  async readPinState(): Promise<PinState> {
    return this.pin;
  }

  async login(pin: string | null): Promise<void> {
    if (!pin) throw new AppError('PIN_EMPTY');
    let p12: forge.pkcs12.Pkcs12Pfx;
    try {
      const asn1 = forge.asn1.fromDer(
        forge.util.createBuffer(readFileSync(this.p12Path).toString('binary')),
      );
      p12 = forge.pkcs12.pkcs12FromAsn1(asn1, pin);
    } catch {
      // node-forge reports a wrong password as a failed MAC check.
      throw new AppError('PIN_INCORRECT');
    }
    const bagType = forge.pki.oids.pkcs8ShroudedKeyBag as string;
    const key = p12.getBags({ bagType })[bagType]?.[0]?.key;
    if (!key) throw new AppError('TOKEN_KEY_NOT_FOUND');
    this.key = createPrivateKey(forge.pki.privateKeyToPem(key));
  }

  async sign(ckaIdHex: string, data: Buffer): Promise<Buffer> {
    if (ckaIdHex !== '01') throw new AppError('TOKEN_KEY_NOT_FOUND');
    if (!this.key) throw new AppError('TOKEN_SESSION_CLOSED');
    return cryptoSign('sha256', data, this.key);
  }

  async logout(): Promise<void> {
    this.key = null;
  }
}
