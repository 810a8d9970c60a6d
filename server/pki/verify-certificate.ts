// Decides whether a certificate may sign for its holder: it chains to a trusted root (every link's
// signature checked), is within its validity on the server's clock, is not revoked by a current
// CRL from its issuer (revocation.ts), is a signing end entity (leaf-usage.ts) with a key we
// accept (RSA ≥ 2048, ECDSA P-256, SM2), and names a person or a unit (certificate-profile.ts).
import { createHash, createPublicKey, type KeyObject } from 'node:crypto';
import {
  OID,
  type CertificateHolder,
  type SubjectAttribute,
} from '../../domain/certificate-subject';
import { certificateProfile } from '../../domain/protocol/certificate-profile';
import { badRequest, unauthorized } from '../errors';
import type { Sm2PublicKey } from '../../domain/crypto/sm2';
import { isSm2Signed, sm2KeyOf, sm2SignedBy } from './sm2-x509';
import { assertSigningLeaf } from './leaf-usage';
import { revocationStatus, type RevocationPolicy } from './revocation';
import type { TrustMaterial } from './trust-store';
import { x509 } from './x509';

export { normalizeSerial } from './revocation';

export interface VerifiedCertificate {
  cert: x509.X509Certificate;
  /** Lowercase hex SHA-256 of the DER, as the signed texts carry it. */
  sha256Hex: string;
  /** Null when the subject fits neither the person nor the unit profile. */
  holder: CertificateHolder | null;
  publicKey: KeyObject | Sm2PublicKey;
  keyType: 'rsa' | 'ec' | 'sm2';
}

const MAX_CHAIN = 5;

export function certificateSha256Hex(der: Uint8Array): string {
  return createHash('sha256').update(der).digest('hex');
}

/** Garbage in a request is the caller's fault: BAD_REQUEST, never a 500. */
export function parseCertificate(der: Uint8Array): x509.X509Certificate {
  try {
    const cert = new x509.X509Certificate(new Uint8Array(der));
    // Touch the fields we rely on so a structurally odd certificate fails here, not later.
    void cert.subject;
    void cert.notBefore;
    void cert.notAfter;
    void cert.publicKey.rawData;
    return cert;
  } catch {
    throw badRequest();
  }
}

async function signedBy(
  cert: x509.X509Certificate,
  issuer: x509.X509Certificate,
): Promise<boolean> {
  if (isSm2Signed(cert)) return sm2SignedBy(cert, issuer);
  try {
    return await cert.verify({ publicKey: issuer, signatureOnly: true });
  } catch {
    return false;
  }
}

function mayIssue(ca: x509.X509Certificate, intermediatesBelow: number, now: Date): boolean {
  const bc = ca.getExtension(x509.BasicConstraintsExtension);
  if (!bc?.ca) return false;
  if (bc.pathLength !== undefined && intermediatesBelow > bc.pathLength) return false;
  const ku = ca.getExtension(x509.KeyUsagesExtension);
  if (ku && (ku.usages & x509.KeyUsageFlags.keyCertSign) === 0) return false;
  return now >= ca.notBefore && now <= ca.notAfter;
}

/** leaf → … → root, or CERT_UNTRUSTED. Issuers are found by name, then proven by signature. */
async function buildChain(
  leaf: x509.X509Certificate,
  trust: TrustMaterial,
  now: Date,
): Promise<x509.X509Certificate[]> {
  const chain = [leaf];
  let current = leaf;
  for (let depth = 0; depth < MAX_CHAIN; depth++) {
    const below = chain.length - 1;
    const root = await findIssuer(current, trust.roots, below, now);
    if (root) return [...chain, root];
    const next = await findIssuer(current, trust.intermediates, below, now);
    if (!next || chain.includes(next)) break;
    chain.push(next);
    current = next;
  }
  throw unauthorized('CERT_UNTRUSTED');
}

async function findIssuer(
  cert: x509.X509Certificate,
  candidates: readonly x509.X509Certificate[],
  intermediatesBelow: number,
  now: Date,
): Promise<x509.X509Certificate | undefined> {
  for (const ca of candidates) {
    if (ca.subject !== cert.issuer || !mayIssue(ca, intermediatesBelow, now)) continue;
    if (await signedBy(cert, ca)) return ca;
  }
  return undefined;
}

function subjectAttributes(cert: x509.X509Certificate): SubjectAttribute[] {
  return Object.values(OID).flatMap((oid) =>
    cert.subjectName.getField(oid).map((value) => ({ oid, value })),
  );
}

function acceptedKey(
  cert: x509.X509Certificate,
): Pick<VerifiedCertificate, 'publicKey' | 'keyType'> | null {
  const sm2 = sm2KeyOf(cert);
  if (sm2) return { publicKey: sm2, keyType: 'sm2' };
  let key: KeyObject;
  try {
    key = createPublicKey({
      key: Buffer.from(cert.publicKey.rawData),
      format: 'der',
      type: 'spki',
    });
  } catch {
    return null;
  }
  const details = key.asymmetricKeyDetails;
  if (key.asymmetricKeyType === 'rsa' && (details?.modulusLength ?? 0) >= 2048)
    return { publicKey: key, keyType: 'rsa' };
  if (key.asymmetricKeyType === 'ec' && details?.namedCurve === 'prime256v1')
    return { publicKey: key, keyType: 'ec' };
  return null;
}

export interface VerifyOptions {
  /** What an issuer that publishes CRLs but has no current one means; 'strict' unless told. */
  revocation?: RevocationPolicy;
}

export async function verifyCertificate(
  cert: x509.X509Certificate,
  trust: TrustMaterial,
  now: Date,
  options: VerifyOptions = {},
): Promise<VerifiedCertificate> {
  const chain = await buildChain(cert, trust, now);
  if (now < cert.notBefore) throw unauthorized('CERT_NOT_YET_VALID');
  if (now > cert.notAfter) throw unauthorized('CERT_EXPIRED');
  for (let i = 0; i + 1 < chain.length; i++) {
    const status = await revocationStatus(chain[i]!, chain[i + 1]!, trust.crls, now);
    if (status === 'revoked') throw unauthorized('CERT_REVOKED');
    if (status === 'unknown' && options.revocation !== 'fail-open')
      throw unauthorized('CERT_REVOCATION_UNKNOWN');
  }
  // A login is a digital signature; an encipherment-only certificate may not make one.
  assertSigningLeaf(cert);
  const key = acceptedKey(cert);
  if (!key) throw unauthorized('CERT_BAD_USAGE');
  const holder = certificateProfile(subjectAttributes(cert));
  if (!holder) throw unauthorized('CERT_PROFILE_INVALID');
  return {
    cert,
    sha256Hex: certificateSha256Hex(new Uint8Array(cert.rawData)),
    holder,
    ...key,
  };
}
