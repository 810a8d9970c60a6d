// An SM2 signature from a token, whichever way its vendor numbers and computes it: the message
// mechanism when the token hashes SM3(Z ‖ M) itself, else e = SM3(Z ‖ M) computed here (Z from
// the key's public point and the ID 1234567812345678) for its digest mechanism. The result is
// always raw r‖s, 64 bytes, as the service wants it; tokens that answer DER are converted.
import { AppError } from '../../domain/errors';
import { sm2DerToRaw, sm2Digest, isSm2PublicKey } from '../../domain/crypto/sm2';
import { chooseSm2Mechanism } from './sm2-mechanisms';

export interface Sm2TokenKey {
  /** The key's CKA_KEY_TYPE, or null when the token files SM2 as CKK_EC with the SM2 curve. */
  keyType: number | null;
  /** Whether the module offers this mechanism with CKF_SIGN. */
  canSign(mechanism: number): boolean;
  /** C_SignInit + C_Sign with this mechanism. */
  sign(mechanism: number, input: Buffer): Buffer;
  /** The key's public point (04 ‖ x ‖ y), from its public key object or its certificate. */
  publicPoint(): Uint8Array | null;
}

/** PKCS#11 keeps CKA_EC_POINT DER-wrapped (04 41 04 x y); some tokens store it bare. */
export function unwrapEcPoint(value: Uint8Array): Uint8Array {
  if (value.length === 67 && value[0] === 0x04 && value[1] === 0x41) return value.subarray(2);
  return value;
}

export function signSm2(key: Sm2TokenKey, data: Buffer): Buffer {
  const choice = chooseSm2Mechanism(key.keyType, (m) => key.canSign(m));
  if (!choice) throw new AppError('SM2_MECHANISM_UNSUPPORTED');
  let input = data;
  if (choice.input === 'digest') {
    const point = key.publicPoint();
    if (!point || !isSm2PublicKey(point)) throw new AppError('TOKEN_KEY_NOT_FOUND');
    input = Buffer.from(sm2Digest(point, data));
  }
  const signature = key.sign(choice.mechanism, input);
  if (signature.length === 64) return signature;
  const raw = sm2DerToRaw(signature);
  if (!raw) throw new AppError('TOKEN_FAILED', { fn: 'C_Sign' });
  return Buffer.from(raw);
}
