// SM2 in certificates and CRLs: @peculiar/x509 reads their structure but cannot check an
// sm2sign-with-sm3 signature or use an SM2 key, so these do it with domain/crypto/sm2.ts.
// The signed bytes are the to-be-signed part exactly as it lies in the DER, never re-encoded.
import { AsnConvert } from '@peculiar/asn1-schema';
import { Certificate, CertificateList } from '@peculiar/asn1-x509';
import {
  SM2_OID,
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

/** The first element inside the outer SEQUENCE: tbsCertificate or tbsCertList, as signed. */
function toBeSigned(der: Uint8Array): Uint8Array | null {
  const outer = tlv(der, 0);
  if (!outer || der[0] !== 0x30) return null;
  const inner = tlv(der, outer.header);
  if (!inner || der[outer.header] !== 0x30) return null;
  const end = outer.header + inner.header + inner.length;
  return end <= der.length ? der.subarray(outer.header, end) : null;
}

function signatureParts(
  der: Uint8Array,
  kind: 'certificate' | 'crl',
): { algorithm: string; signature: Uint8Array } | null {
  try {
    if (kind === 'crl') {
      const crl = AsnConvert.parse(der, CertificateList);
      return {
        algorithm: crl.signatureAlgorithm.algorithm,
        signature: new Uint8Array(crl.signature),
      };
    }
    const cert = AsnConvert.parse(der, Certificate);
    return {
      algorithm: cert.signatureAlgorithm.algorithm,
      signature: new Uint8Array(cert.signatureValue),
    };
  } catch {
    return null;
  }
}

function kindOf(item: x509.X509Certificate | x509.X509Crl): 'certificate' | 'crl' {
  return item instanceof x509.X509Crl ? 'crl' : 'certificate';
}

export function isSm2Signed(item: x509.X509Certificate | x509.X509Crl): boolean {
  const parts = signatureParts(new Uint8Array(item.rawData), kindOf(item));
  return parts?.algorithm === SM2_OID.signWithSm3;
}

/** The SM2 key of a certificate, or null when it holds another kind of key. */
export function sm2KeyOf(cert: x509.X509Certificate): Sm2PublicKey | null {
  return sm2PublicKeyFromSpki(new Uint8Array(cert.publicKey.rawData));
}

/** Whether `issuer`'s SM2 key made the sm2sign-with-sm3 signature of a certificate or CRL. */
export function sm2SignedBy(
  item: x509.X509Certificate | x509.X509Crl,
  issuer: x509.X509Certificate,
): boolean {
  const key = sm2KeyOf(issuer);
  if (!key) return false;
  const der = new Uint8Array(item.rawData);
  const parts = signatureParts(der, kindOf(item));
  const tbs = toBeSigned(der);
  if (!parts || !tbs || parts.algorithm !== SM2_OID.signWithSm3) return false;
  const raw = sm2DerToRaw(parts.signature);
  return raw !== null && sm2Verify(key, tbs, raw);
}
