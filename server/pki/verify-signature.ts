// Checks a token's signature over a signed text: SHA-256 with RSA PKCS#1 v1.5, or ECDSA P-256 as
// raw r||s (what PKCS#11 CKM_ECDSA returns), never DER; SM2 in sm2-signature.ts.
import { constants, verify, type KeyObject } from 'node:crypto';
import type { Sm2PublicKey } from '../../domain/crypto/sm2';
import { verifySm2TokenSignature } from './sm2-signature';

export function verifyTokenSignature(
  publicKey: KeyObject | Sm2PublicKey,
  keyType: 'rsa' | 'ec' | 'sm2',
  signedText: string,
  signature: Uint8Array,
): boolean {
  if (publicKey instanceof Uint8Array) {
    return keyType === 'sm2' && verifySm2TokenSignature(publicKey, signedText, signature);
  }
  if (keyType === 'sm2') return false;
  const data = Buffer.from(signedText, 'utf8');
  try {
    if (keyType === 'ec') {
      if (signature.length !== 64) return false;
      return verify('sha256', data, { key: publicKey, dsaEncoding: 'ieee-p1363' }, signature);
    }
    return verify(
      'sha256',
      data,
      { key: publicKey, padding: constants.RSA_PKCS1_PADDING },
      signature,
    );
  } catch {
    return false;
  }
}
