// Whether a certificate is revoked, as its issuer's CRLs in the trust store say.
//
// A CRL counts only if its signature verifies with the issuer's public key under the CRL's own
// signature algorithm (not the hash the issuer's certificate happens to be signed with) and the
// issuer may sign CRLs. An issuer publishes CRLs when the certificate names a CRL distribution
// point or the trust store holds a CRL from it; for such an issuer, no current CRL (thisUpdate ≤
// now ≤ nextUpdate) means the status is unknown, which refuses the certificate unless the service
// runs fail-open (the demo only).
import { isSm2Signed, sm2SignedBy } from './sm2-x509';
import { x509 } from './x509';

export type RevocationPolicy = 'strict' | 'fail-open';
export type RevocationStatus = 'good' | 'revoked' | 'unknown';

const CRL_DISTRIBUTION_POINTS = '2.5.29.31';

export function normalizeSerial(hex: string): string {
  return hex.toLowerCase().replace(/^0+(?=.)/, '');
}

async function issuedBy(crl: x509.X509Crl, issuer: x509.X509Certificate): Promise<boolean> {
  if (crl.issuer !== issuer.subject) return false;
  const ku = issuer.getExtension(x509.KeyUsagesExtension);
  if (ku && (ku.usages & x509.KeyUsageFlags.cRLSign) === 0) return false;
  if (isSm2Signed(crl)) return sm2SignedBy(crl, issuer);
  try {
    return await crl.verify({ publicKey: issuer.publicKey });
  } catch {
    return false;
  }
}

const current = (crl: x509.X509Crl, now: Date): boolean =>
  crl.thisUpdate <= now && crl.nextUpdate !== undefined && now <= crl.nextUpdate;

export async function revocationStatus(
  cert: x509.X509Certificate,
  issuer: x509.X509Certificate,
  crls: readonly x509.X509Crl[],
  now: Date,
): Promise<RevocationStatus> {
  const own: x509.X509Crl[] = [];
  for (const crl of crls) if (await issuedBy(crl, issuer)) own.push(crl);
  const serial = normalizeSerial(cert.serialNumber);
  // A revocation stays a revocation, even on a CRL that is no longer current.
  if (own.some((crl) => crl.entries.some((e) => normalizeSerial(e.serialNumber) === serial)))
    return 'revoked';
  const publishes = own.length > 0 || cert.getExtension(CRL_DISTRIBUTION_POINTS) !== null;
  if (publishes && !own.some((crl) => current(crl, now))) return 'unknown';
  return 'good';
}
