// What a certificate must allow to sign a login or a declaration: it is an end entity (not a CA),
// its key usage includes digitalSignature, and where it names extended key usages, client
// authentication (or any purpose) is one of them.
import { unauthorized } from '../errors';
import { x509 } from './x509';

const CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';
const ANY_EXTENDED_KEY_USAGE = '2.5.29.37.0';

/** Throws CERT_BAD_USAGE unless `cert` may sign as a person or a unit. */
export function assertSigningLeaf(cert: x509.X509Certificate): void {
  const bc = cert.getExtension(x509.BasicConstraintsExtension);
  if (bc?.ca) throw unauthorized('CERT_BAD_USAGE');
  const ku = cert.getExtension(x509.KeyUsagesExtension);
  if (!ku || (ku.usages & x509.KeyUsageFlags.digitalSignature) === 0)
    throw unauthorized('CERT_BAD_USAGE');
  const eku = cert.getExtension(x509.ExtendedKeyUsageExtension);
  if (eku && !eku.usages.some((u) => u === CLIENT_AUTH || u === ANY_EXTENDED_KEY_USAGE))
    throw unauthorized('CERT_BAD_USAGE');
}
