// DER DigestInfo for SHA-256 (RFC 8017 §9.2 note 1): what CKM_RSA_PKCS must be given to make
// the same signature as CKM_SHA256_RSA_PKCS on tokens that only offer raw PKCS#1 v1.5.
const SHA256_DIGEST_INFO_PREFIX = Buffer.from('3031300d060960864801650304020105000420', 'hex');

export function sha256DigestInfo(hash: Uint8Array): Buffer {
  if (hash.length !== 32) throw new RangeError('SHA-256 hash must be 32 bytes');
  return Buffer.concat([SHA256_DIGEST_INFO_PREFIX, hash]);
}
