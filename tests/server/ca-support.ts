// The test PKI's issuing CA, reopened from its saved state so tests can make what the PKI helper
// does not: CRLs of any date and hash, and leaves with any extensions and subject.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { crypto, x509, type CryptoKey } from '../../server/pki/x509';
import {
  generateKeyPair,
  validity,
  type SoftwareIssuedCertificate,
  type TestPki,
} from '../pki/pki';

export type Hash = 'SHA-256' | 'SHA-384' | 'SHA-512';

export interface IssuingCa {
  cert: x509.X509Certificate;
  /** The CA's private key, imported for RSA PKCS#1 v1.5 with `hash`. */
  key(hash: Hash): Promise<CryptoKey>;
}

const stateSchema = z.object({
  cas: z.object({ intermediate: z.object({ pem: z.string(), pkcs8: z.string() }) }),
});

export async function issuingCa(pki: TestPki): Promise<IssuingCa> {
  const dir = await mkdtemp(join(tmpdir(), 'shebao-ca-'));
  try {
    await pki.save(join(dir, 'state.json'));
    const state = stateSchema.parse(JSON.parse(await readFile(join(dir, 'state.json'), 'utf8')));
    const { pem, pkcs8 } = state.cas.intermediate;
    return {
      cert: new x509.X509Certificate(pem),
      key: (hash) =>
        crypto.subtle.importKey(
          'pkcs8',
          Buffer.from(pkcs8, 'base64'),
          { name: 'RSASSA-PKCS1-v1_5', hash },
          false,
          ['sign'],
        ),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export interface CrlSpec {
  thisUpdate: Date;
  /** Absent: a CRL that never says when the next one comes. */
  nextUpdate?: Date;
  hash?: Hash;
  revoked?: string[];
}

export async function makeCrl(ca: IssuingCa, spec: CrlSpec): Promise<Buffer> {
  const hash = spec.hash ?? 'SHA-256';
  const crl = await x509.X509CrlGenerator.create({
    issuer: ca.cert.subjectName,
    thisUpdate: spec.thisUpdate,
    ...(spec.nextUpdate ? { nextUpdate: spec.nextUpdate } : {}),
    signingKey: await ca.key(hash),
    signingAlgorithm: { name: 'RSASSA-PKCS1-v1_5', hash },
    entries: (spec.revoked ?? []).map((serialNumber) => ({
      serialNumber,
      revocationDate: spec.thisUpdate,
      reason: x509.X509CrlReason.keyCompromise,
    })),
  });
  return Buffer.from(crl.rawData);
}

let generation = 0;

/** Replaces every CRL in the trust store with `crls` (none: the CA's CRL has gone missing). */
export async function setCrls(trustDir: string, crls: Buffer[]): Promise<void> {
  for (const name of await readdir(trustDir)) {
    if (name.endsWith('.crl')) await rm(join(trustDir, name));
  }
  // A new name each time, so the trust store sees a change even within one clock tick.
  generation++;
  for (const [i, der] of crls.entries()) {
    await writeFile(join(trustDir, `ca-${generation}-${i}.crl`), der);
  }
}

export interface LeafOptions {
  subject: x509.JsonName;
  ca?: boolean;
  usages?: x509.KeyUsageFlags;
  /** Extended key usages; undefined for none at all. */
  eku?: string[];
  /** Names a CRL distribution point, i.e. says its CA publishes CRLs. */
  crlDistributionPoint?: boolean;
}

export async function issueLeaf(
  ca: IssuingCa,
  options: LeafOptions,
): Promise<SoftwareIssuedCertificate> {
  const keys = await generateKeyPair('ec');
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(options.ca ?? false, undefined, true),
    new x509.KeyUsagesExtension(
      options.usages ?? x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation,
      true,
    ),
  ];
  if (options.eku) extensions.push(new x509.ExtendedKeyUsageExtension(options.eku));
  if (options.crlDistributionPoint)
    extensions.push(new x509.CRLDistributionPointsExtension(['http://crl.example.cn/ca.crl']));
  const serial = Buffer.from(crypto.getRandomValues(new Uint8Array(16)));
  serial[0] = 0x10 + (serial[0]! % 0x70);
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serial.toString('hex'),
    subject: options.subject,
    issuer: ca.cert.subjectName,
    publicKey: keys.publicKey,
    signingKey: await ca.key('SHA-256'),
    signingAlgorithm: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
    ...validity(1, 365),
    extensions,
  });
  return {
    der: Buffer.from(cert.rawData),
    pem: cert.toString('pem'),
    serialHex: cert.serialNumber.toLowerCase(),
    notBefore: cert.notBefore,
    notAfter: cert.notAfter,
    privateKey: keys.privateKey,
    publicKey: keys.publicKey,
    privateKeyPkcs8Der: Buffer.from(await crypto.subtle.exportKey('pkcs8', keys.privateKey)),
    alg: 'ec',
  };
}
