// Reads what a person needs to pick a certificate out of its DER: holder, unit, issuer, validity.
import { createHash } from 'node:crypto';
import { sm2PublicKeyFromSpki } from '../../../domain/crypto/sm2';
import { x509 } from '../../../domain/x509';
import {
  OID,
  readHolder,
  maskId,
  type CertificateHolder,
  type SubjectAttribute,
} from '../../../domain/certificate-subject';

export interface CertificateDetails {
  holder: CertificateHolder | null;
  holderName: string;
  issuer: string;
  notBefore: Date;
  notAfter: Date;
  keyAlgorithm: string;
  algorithm: 'SM2' | 'RSA' | 'ECC';
  /** May make signatures: no key usage, or digitalSignature / nonRepudiation (not an encryption certificate). */
  canSign: boolean;
  sha256: string;
  der: Uint8Array;
}

/** The subject attributes our profiles use, read by OID (names differ between libraries). */
function attributes(name: x509.Name): SubjectAttribute[] {
  return Object.values(OID).flatMap((oid) => name.getField(oid).map((value) => ({ oid, value })));
}

function algorithmOf(cert: x509.X509Certificate): CertificateDetails['algorithm'] {
  if (sm2PublicKeyFromSpki(new Uint8Array(cert.publicKey.rawData))) return 'SM2';
  return cert.publicKey.algorithm.name.startsWith('EC') ? 'ECC' : 'RSA';
}

function mayMakeSignatures(cert: x509.X509Certificate): boolean {
  const ku = cert.getExtension(x509.KeyUsagesExtension);
  if (!ku) return true;
  const signing = x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation;
  return (ku.usages & signing) !== 0;
}

function describeKey(cert: x509.X509Certificate): string {
  if (sm2PublicKeyFromSpki(new Uint8Array(cert.publicKey.rawData))) return 'SM2';
  const alg = cert.publicKey.algorithm as {
    name: string;
    namedCurve?: string;
    modulusLength?: number;
  };
  if (alg.name === 'ECDSA' || alg.name === 'ECDH') return `ECDSA ${alg.namedCurve ?? ''}`.trim();
  if (alg.modulusLength) return `RSA-${alg.modulusLength}`;
  return alg.name;
}

export function readCertificate(der: Uint8Array): CertificateDetails {
  const cert = new x509.X509Certificate(new Uint8Array(der));
  const subject = cert.subjectName;
  const holder = readHolder(attributes(subject));
  const issuerName =
    cert.issuerName.getField(OID.organization)[0] ??
    cert.issuerName.getField(OID.commonName)[0] ??
    cert.issuer;
  return {
    holder,
    holderName: holder?.name ?? subject.getField(OID.commonName)[0] ?? cert.subject,
    issuer: issuerName,
    notBefore: cert.notBefore,
    notAfter: cert.notAfter,
    keyAlgorithm: describeKey(cert),
    algorithm: algorithmOf(cert),
    canSign: mayMakeSignatures(cert),
    sha256: createHash('sha256').update(der).digest('hex'),
    der,
  };
}

export function holderSummary(holder: CertificateHolder | null): {
  kind: 'person' | 'unit';
  personIdMasked?: string;
  unitName?: string;
  uscc?: string;
} {
  if (!holder) return { kind: 'person' };
  if (holder.kind === 'unit') return { kind: 'unit', unitName: holder.name, uscc: holder.uscc };
  return {
    kind: 'person',
    personIdMasked: maskId(holder.residentId),
    ...(holder.unitName ? { unitName: holder.unitName } : {}),
  };
}
