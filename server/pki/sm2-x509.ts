// SM2 in certificates and CRLs: @peculiar/x509 reads their structure but cannot check an
// sm2sign-with-sm3 signature or use an SM2 key, so these do it with domain/crypto/sm2.ts.
// The signed bytes are the to-be-signed part exactly as it lies in the DER, never re-encoded.
import {
  sm2DerToRaw,
  sm2PublicKeyFromSpki,
  sm2Verify,
  type Sm2PublicKey,
} from '../../domain/crypto/sm2';
import { x509 } from './x509';

/** Header length of the DER element at `at`, and the length of its content. */
function tlv(der: Uint8Array, at: number): { header: number; length: number } | null {
  if (at + 2 > der.length) return null;
  const first = der[at + 1]!;
  if (first < 0x80) return { header: 2, length: first };
  const n = first & 0x7f;
  if (n === 0 || n > 4 || at + 2 + n > der.length) return null;
  let length = 0;
  for (let i = 0; i < n; i++) length = length * 256 + der[at + 2 + i]!;
  return { header: 2 + n, length };
}

/** DER of the OID 1.2.156.10197.1.501 (sm2sign-with-sm3), without tag and length. */
const SM2_SIGN_OID_BYTES = Uint8Array.from([0x2a, 0x81, 0x1c, 0xcf, 0x55, 0x01, 0x83, 0x75]);

interface SignedParts {
  /** tbsCertificate / tbsCertList exactly as signed. */
  tbs: Uint8Array;
  sm2: boolean;
  /** The signature BIT STRING's bytes (DER ECDSA-Sig-Value for SM2). */
  signature: Uint8Array;
}

/**
 * Certificate and CertificateList share one shape: SEQUENCE { tbs, AlgorithmIdentifier, BIT
 * STRING }. Read with a few TLV steps rather than a full ASN.1 parse: this runs on every chain
 * link of every login.
 */
function signedParts(der: Uint8Array): SignedParts | null {
  const outer = tlv(der, 0);
  if (!outer || der[0] !== 0x30 || outer.header + outer.length !== der.length) return null;
  const tbsAt = outer.header;
  const tbs = tlv(der, tbsAt);
  if (!tbs || der[tbsAt] !== 0x30) return null;
  const algAt = tbsAt + tbs.header + tbs.length;
  const alg = tlv(der, algAt);
  if (!alg || der[algAt] !== 0x30) return null;
  const oidAt = algAt + alg.header;
  const oid = tlv(der, oidAt);
  if (!oid || der[oidAt] !== 0x06) return null;
  const oidBytes = der.subarray(oidAt + oid.header, oidAt + oid.header + oid.length);
  const sigAt = algAt + alg.header + alg.length;
  const sig = tlv(der, sigAt);
  if (
    !sig ||
    der[sigAt] !== 0x03 ||
    sig.length < 1 ||
    sigAt + sig.header + sig.length !== der.length
  )
    return null;
  // A BIT STRING's first content byte counts unused bits: a signature has none.
  if (der[sigAt + sig.header] !== 0) return null;
  return {
    tbs: der.subarray(tbsAt, algAt),
    sm2:
      oidBytes.length === SM2_SIGN_OID_BYTES.length &&
      oidBytes.every((b, i) => b === SM2_SIGN_OID_BYTES[i]),
    signature: der.subarray(sigAt + sig.header + 1, sigAt + sig.header + sig.length),
  };
}

export function isSm2Signed(item: x509.X509Certificate | x509.X509Crl): boolean {
  return signedParts(new Uint8Array(item.rawData))?.sm2 === true;
}

/** The SM2 key of a certificate, or null when it holds another kind of key. */
export function sm2KeyOf(cert: x509.X509Certificate): Sm2PublicKey | null {
  return sm2PublicKeyFromSpki(new Uint8Array(cert.publicKey.rawData));
}

/**
 * Verdicts per issuer object and signed object. The trust store keeps its CA certificates and
 * CRLs as the same objects until a file changes, so each CA link and CRL is checked once;
 * a leaf parsed afresh per request gets a fresh entry that goes with it.
 */
const verdicts = new WeakMap<object, WeakMap<object, boolean>>();

/** Whether `issuer`'s SM2 key made the sm2sign-with-sm3 signature of a certificate or CRL. */
export function sm2SignedBy(
  item: x509.X509Certificate | x509.X509Crl,
  issuer: x509.X509Certificate,
): boolean {
  let byItem = verdicts.get(issuer);
  if (!byItem) {
    byItem = new WeakMap();
    verdicts.set(issuer, byItem);
  }
  let verdict = byItem.get(item);
  if (verdict === undefined) {
    verdict = checkSm2Signature(item, issuer);
    byItem.set(item, verdict);
  }
  return verdict;
}

function checkSm2Signature(
  item: x509.X509Certificate | x509.X509Crl,
  issuer: x509.X509Certificate,
): boolean {
  const key = sm2KeyOf(issuer);
  const parts = signedParts(new Uint8Array(item.rawData));
  if (!key || !parts?.sm2) return false;
  const raw = sm2DerToRaw(parts.signature);
  return raw !== null && sm2Verify(key, parts.tbs, raw);
}
