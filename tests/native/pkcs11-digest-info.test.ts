// Tokens without CKM_SHA256_RSA_PKCS are given CKM_RSA_PKCS over a DigestInfo we build: the
// signature must be exactly what a SHA-256 RSA PKCS#1 v1.5 signer makes.
import { constants, createHash, generateKeyPairSync, privateEncrypt, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256DigestInfo } from '../../native/pkcs11/digest-info';

describe('SHA-256 DigestInfo for raw RSA PKCS#1 v1.5 tokens', () => {
  it('gives the same signature as a SHA-256 RSA signer', () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const data = Buffer.from('shebao-desk/login/v1\nhttps://si.example\nnonce\nabc');
    const viaDigestInfo = privateEncrypt(
      { key: privateKey, padding: constants.RSA_PKCS1_PADDING },
      sha256DigestInfo(createHash('sha256').update(data).digest()),
    );
    expect(viaDigestInfo.equals(sign('sha256', data, privateKey))).toBe(true);
  });

  it('refuses a hash that is not 32 bytes', () => {
    expect(() => sha256DigestInfo(new Uint8Array(20))).toThrow(RangeError);
  });
});
