// How the token wrapper gets an SM2 signature out of whatever a vendor's module offers: the
// message mechanism, else a digest mechanism fed e = SM3(Z ‖ M), always raw r‖s in the end.
// The "token" here is an in-memory SM2 key behind the same small interface the wrapper drives.
import { describe, expect, it } from 'vitest';
import {
  sm2Digest,
  sm2GenerateKeyPair,
  sm2RawToDer,
  sm2Sign,
  sm2Verify,
  sm2VerifyDigest,
} from '../../domain/crypto/sm2';
import { AppError } from '../../domain/errors';
import { signSm2, unwrapEcPoint, type Sm2TokenKey } from '../../native/pkcs11/sm2-sign';

const data = Buffer.from('shebao-desk declare v1\n国密', 'utf8');
const { privateKey, publicKey } = sm2GenerateKeyPair();

/** A token offering `mechanisms`; it records what it was asked to sign. */
function token(mechanisms: number[], options: { der?: boolean; point?: boolean } = {}) {
  const calls: { mechanism: number; input: Buffer }[] = [];
  const key: Sm2TokenKey = {
    keyType: 0x80050002,
    canSign: (m) => mechanisms.includes(m),
    sign(mechanism, input) {
      calls.push({ mechanism, input });
      // 0x8005000C hashes inside; 0x8005000B signs the e it is given.
      const raw =
        mechanism === 0x8005000c
          ? sm2Sign(privateKey, input)
          : signDigest(privateKey, publicKey, input);
      return Buffer.from(options.der ? sm2RawToDer(raw) : raw);
    },
    publicPoint: () => (options.point === false ? null : publicKey),
  };
  return { key, calls };
}

/** Signs a given e by retrying sm2Sign until its digest matches: only to stand in for a token. */
function signDigest(priv: Uint8Array, pub: Uint8Array, e: Buffer): Uint8Array {
  // The message whose e we were given is `data` in these tests.
  expect(Buffer.from(sm2Digest(pub, data))).toEqual(e);
  return sm2Sign(priv, data);
}

describe('signing with an SM2 key on a token', () => {
  it('uses the message mechanism when offered: the token gets the text itself', () => {
    const t = token([0x8005000b, 0x8005000c]);
    const signature = signSm2(t.key, data);
    expect(t.calls.map((c) => c.mechanism)).toEqual([0x8005000c]);
    expect(t.calls[0]!.input).toEqual(data);
    expect(sm2Verify(publicKey, data, signature)).toBe(true);
  });

  it('else feeds the digest mechanism e = SM3(Z ‖ M) computed from the public point', () => {
    const t = token([0x8005000b]);
    const signature = signSm2(t.key, data);
    expect(t.calls[0]!.input).toHaveLength(32);
    expect(sm2VerifyDigest(publicKey, t.calls[0]!.input, signature)).toBe(true);
  });

  it('turns a DER answer into raw r‖s', () => {
    const signature = signSm2(token([0x8005000c], { der: true }).key, data);
    expect(signature).toHaveLength(64);
    expect(sm2Verify(publicKey, data, signature)).toBe(true);
  });

  it('a module without an SM2 signing mechanism: SM2_MECHANISM_UNSUPPORTED', () => {
    expect(() => signSm2(token([0x1]).key, data)).toThrow(AppError);
    expect(() => signSm2(token([]).key, data)).toThrow(
      expect.objectContaining({ code: 'SM2_MECHANISM_UNSUPPORTED' }),
    );
  });

  it('the digest path without a public point to compute Z from: TOKEN_KEY_NOT_FOUND', () => {
    expect(() => signSm2(token([0x8005000b], { point: false }).key, data)).toThrow(
      expect.objectContaining({ code: 'TOKEN_KEY_NOT_FOUND' }),
    );
  });

  it('reads CKA_EC_POINT wrapped in an OCTET STRING or bare', () => {
    const wrapped = Uint8Array.from([0x04, 0x41, ...publicKey]);
    expect(unwrapEcPoint(wrapped)).toEqual(publicKey);
    expect(unwrapEcPoint(publicKey)).toEqual(publicKey);
  });
});
