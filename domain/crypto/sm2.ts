// SM2 signatures with SM3 (GB/T 32918, GM/T 0003): the identity hash Z, the digest e = SM3(Z ‖ M)
// a token signs, raw r‖s ⇄ DER, and verification. Pure functions over bytes, shared by the
// server (certificate chains, login and batch signatures) and the client (tokens that sign e).
import { AsnConvert } from '@peculiar/asn1-schema';
import { ECDSASigValue, ECParameters } from '@peculiar/asn1-ecc';
import { AlgorithmIdentifier, SubjectPublicKeyInfo } from '@peculiar/asn1-x509';
import { weierstrassN } from '@noble/curves/abstract/weierstrass';
import { sm2, sm3 } from 'sm-crypto-v2';

/** The user ID every party uses unless agreed otherwise (GM/T 0009). */
export const SM2_DEFAULT_ID = '1234567812345678';

export const SM2_OID = {
  /** The SM2 curve, as the parameter of id-ecPublicKey. */
  curve: '1.2.156.10197.1.301',
  /** sm2sign-with-sm3: certificate and CRL signatures. */
  signWithSm3: '1.2.156.10197.1.501',
  /** id-ecPublicKey, the algorithm OpenSSL and most CAs write for SM2 keys. */
  ecPublicKey: '1.2.840.10045.2.1',
} as const;

/** An uncompressed SM2 public point: 0x04 ‖ x ‖ y, 65 bytes. */
export type Sm2PublicKey = Uint8Array;

const ORDER_N = BigInt('0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123');
const PRIME_P = BigInt('0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFF');

/**
 * The SM2 recommended curve (GM/T 0003.5) as @noble/curves points. Verification uses it directly
 * with Shamir's trick (s·G + t·P in one pass, not constant-time: nothing secret is involved),
 * several times faster than sm-crypto-v2's constant-time path.
 */
const Point = weierstrassN<bigint>({
  p: PRIME_P,
  n: ORDER_N,
  h: BigInt(1),
  a: PRIME_P - BigInt(3),
  b: BigInt('0x28E9FA9E9D9F5E344D5A9E4BCF6509A7F39789F515AB8F92DDBCBD414D940E93'),
  Gx: BigInt('0x32C4AE2C1F1981195F9904466A39C9948FE30BBFF2660BE1715A4589334C74C7'),
  Gy: BigInt('0xBC3736A2F4F6779C59BDCEE36B692153D0A9877CC62A474002DF32E52139F0A0'),
});
// A window-8 table for s·G, computed once on first use (as noble does for its built-in curves).
let basePrecomputed = false;
function base(): InstanceType<typeof Point> {
  if (!basePrecomputed) {
    Point.BASE.precompute(8);
    basePrecomputed = true;
  }
  return Point.BASE;
}

function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const b of bytes) hex += b.toString(16).padStart(2, '0');
  return hex;
}

function fromHex(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** A fresh ArrayBuffer of exactly these bytes (a Buffer's .buffer may be a shared pool). */
function arrayBufferOf(bytes: Uint8Array): ArrayBuffer {
  return new Uint8Array(bytes).buffer;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** SM3 of bytes (sm-crypto-v2 answers in hex). */
export function sm3Digest(data: Uint8Array): Uint8Array {
  return fromHex(sm3(data));
}

/** The curve point of a 65-byte uncompressed key, or null when it is not one on the SM2 curve. */
function pointOf(key: Uint8Array): InstanceType<typeof Point> | null {
  if (key.length !== 65 || key[0] !== 0x04) return null;
  try {
    const point = Point.fromBytes(key);
    point.assertValidity();
    return point;
  } catch {
    return null;
  }
}

/** True for a 65-byte uncompressed point that lies on the SM2 curve. */
export function isSm2PublicKey(key: Uint8Array): boolean {
  return pointOf(key) !== null;
}

/** Z = SM3(ENTL ‖ ID ‖ a ‖ b ‖ xG ‖ yG ‖ xA ‖ yA). */
export function sm2Z(publicKey: Sm2PublicKey, id: string = SM2_DEFAULT_ID): Uint8Array {
  return Uint8Array.from(sm2.getZ(toHex(publicKey), id));
}

/** e = SM3(Z ‖ M): what a token that does not hash by itself (SKF, some PKCS#11) signs. */
export function sm2Digest(
  publicKey: Sm2PublicKey,
  message: Uint8Array,
  id: string = SM2_DEFAULT_ID,
): Uint8Array {
  return sm3Digest(concat(sm2Z(publicKey, id), message));
}

function inRange(v: bigint): boolean {
  return v > 0n && v < ORDER_N;
}

function bigintOf(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt('0x' + toHex(bytes));
}

/** Minimal unsigned big-endian bytes of a positive integer, as a DER INTEGER wants them. */
function derIntegerBytes(unsigned: Uint8Array): ArrayBuffer {
  let start = 0;
  while (start < unsigned.length - 1 && unsigned[start] === 0) start++;
  const trimmed = unsigned.slice(start);
  const bytes = (trimmed[0] ?? 0) & 0x80 ? concat(new Uint8Array([0]), trimmed) : trimmed;
  return arrayBufferOf(bytes);
}

/** Raw r‖s (64 bytes) → DER SEQUENCE { INTEGER r, INTEGER s }. */
export function sm2RawToDer(raw: Uint8Array): Uint8Array {
  if (raw.length !== 64) throw new RangeError('An SM2 raw signature is 64 bytes.');
  const value = new ECDSASigValue({
    r: derIntegerBytes(raw.subarray(0, 32)),
    s: derIntegerBytes(raw.subarray(32)),
  });
  return new Uint8Array(AsnConvert.serialize(value));
}

/** DER → raw r‖s, or null unless it is the one canonical DER encoding of two in-range integers. */
export function sm2DerToRaw(der: Uint8Array): Uint8Array | null {
  let value: ECDSASigValue;
  try {
    value = AsnConvert.parse(der, ECDSASigValue);
  } catch {
    return null;
  }
  const r = new Uint8Array(value.r);
  const s = new Uint8Array(value.s);
  // A negative INTEGER is never a valid r or s.
  if ((r[0] ?? 0x80) & 0x80 || (s[0] ?? 0x80) & 0x80) return null;
  const rv = bigintOf(r);
  const sv = bigintOf(s);
  if (!inRange(rv) || !inRange(sv)) return null;
  const raw = concat(
    fromHex(rv.toString(16).padStart(64, '0')),
    fromHex(sv.toString(16).padStart(64, '0')),
  );
  const again = sm2RawToDer(raw);
  if (again.length !== der.length || again.some((b, i) => b !== der[i])) return null;
  return raw;
}

/** Checks raw r‖s over a precomputed e = SM3(Z ‖ M) (GB/T 32918.2, 7.1). */
export function sm2VerifyDigest(
  publicKey: Sm2PublicKey,
  digest: Uint8Array,
  rawSignature: Uint8Array,
): boolean {
  const point = pointOf(publicKey);
  if (!point || rawSignature.length !== 64 || digest.length !== 32) return false;
  const r = bigintOf(rawSignature.subarray(0, 32));
  const s = bigintOf(rawSignature.subarray(32));
  if (!inRange(r) || !inRange(s)) return false;
  const t = (r + s) % ORDER_N;
  if (t === BigInt(0)) return false;
  const sum = base().multiplyAndAddUnsafe(point, s, t);
  if (!sum) return false;
  return (bigintOf(digest) + sum.toAffine().x) % ORDER_N === r;
}

/** Checks raw r‖s over a message: SM2 with SM3, Z computed with `id`. */
export function sm2Verify(
  publicKey: Sm2PublicKey,
  message: Uint8Array,
  rawSignature: Uint8Array,
  id: string = SM2_DEFAULT_ID,
): boolean {
  if (!isSm2PublicKey(publicKey)) return false;
  return sm2VerifyDigest(publicKey, sm2Digest(publicKey, message, id), rawSignature);
}

/** Raw r‖s over a message with a private key held in memory (test PKI and tools, never tokens). */
export function sm2Sign(
  privateKey: Uint8Array,
  message: Uint8Array,
  id: string = SM2_DEFAULT_ID,
): Uint8Array {
  const publicKey = sm2PublicKeyOf(privateKey);
  const e = sm2Digest(publicKey, message, id);
  return fromHex(sm2.doSignature(e, toHex(privateKey), { hash: false }));
}

export function sm2PublicKeyOf(privateKey: Uint8Array): Sm2PublicKey {
  return fromHex(sm2.getPublicKeyFromPrivateKey(toHex(privateKey)));
}

export function sm2GenerateKeyPair(): { privateKey: Uint8Array; publicKey: Sm2PublicKey } {
  const pair = sm2.generateKeyPairHex();
  return { privateKey: fromHex(pair.privateKey), publicKey: fromHex(pair.publicKey) };
}

/** The SM2 point of a SubjectPublicKeyInfo (DER), or null when it is not an SM2 key. */
export function sm2PublicKeyFromSpki(spki: Uint8Array): Sm2PublicKey | null {
  let info: SubjectPublicKeyInfo;
  try {
    info = AsnConvert.parse(spki, SubjectPublicKeyInfo);
  } catch {
    return null;
  }
  const alg = info.algorithm;
  if (alg.algorithm !== SM2_OID.ecPublicKey || !alg.parameters) return null;
  let curve: string | undefined;
  try {
    curve = AsnConvert.parse(alg.parameters, ECParameters).namedCurve;
  } catch {
    return null;
  }
  if (curve !== SM2_OID.curve) return null;
  const point = new Uint8Array(info.subjectPublicKey);
  return isSm2PublicKey(point) ? point : null;
}

/** The SubjectPublicKeyInfo (DER) of an SM2 point: id-ecPublicKey with the SM2 curve. */
export function sm2Spki(publicKey: Sm2PublicKey): Uint8Array {
  if (!isSm2PublicKey(publicKey)) throw new RangeError('Not an SM2 public key.');
  const info = new SubjectPublicKeyInfo({
    algorithm: new AlgorithmIdentifier({
      algorithm: SM2_OID.ecPublicKey,
      parameters: AsnConvert.serialize(new ECParameters({ namedCurve: SM2_OID.curve })),
    }),
    subjectPublicKey: arrayBufferOf(publicKey),
  });
  return new Uint8Array(AsnConvert.serialize(info));
}
