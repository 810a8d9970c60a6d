// Checks a token's signature over a signed text: SHA-256 with RSA PKCS#1 v1.5, or ECDSA P-256 as
// raw r||s (what PKCS#11 CKM_ECDSA returns), never DER.
import { constants, verify, type KeyObject } from 'node:crypto';

export function verifyTokenSignature(
  publicKey: KeyObject,
  keyType: 'rsa' | 'ec',
  signedText: string,
  signature: Uint8Array,
): boolean {
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
