// The test PKI: a root CA with one issuing intermediate (what the server trusts), and a separate
// root the server does not trust. Leaves carry the holder profile of domain/certificate-subject.ts.
// Keys for leaves may live on a token: issuing needs only the SubjectPublicKeyInfo.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { OID, type CertificateHolder } from '../../domain/certificate-subject';
import { webcrypto } from 'node:crypto';
import { crypto, x509, type CryptoKey, type CryptoKeyPair } from '../../server/pki/x509';

export type KeyAlg = 'rsa' | 'ec';

export interface LeafSpec {
  holder: CertificateHolder;
  /** Normal leaves come from the intermediate; 'untrusted' = a separate root the server does not trust. */
  issuer: 'intermediate' | 'untrusted';
  notBefore: Date;
  notAfter: Date;
  /** Default 'signing': keyUsage digitalSignature + nonRepudiation, EKU clientAuth. */
  usage?: 'signing' | 'encipherment-only';
}

export interface IssuedCertificate {
  der: Buffer;
  pem: string;
  /** Lowercase hex of the 16 serial bytes (32 characters, first one 1–7). */
  serialHex: string;
  notBefore: Date;
  notAfter: Date;
}

export interface SoftwareIssuedCertificate extends IssuedCertificate {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  privateKeyPkcs8Der: Buffer;
  alg: KeyAlg;
}

export interface TestPki {
  rootPem: string;
  intermediatePem: string;
  untrustedRootPem: string;
  issue(spec: LeafSpec, publicKeySpkiDer: Uint8Array): Promise<IssuedCertificate>;
  issueWithSoftwareKey(spec: LeafSpec, alg: KeyAlg): Promise<SoftwareIssuedCertificate>;
  revoke(serialHex: string): void;
  /** CRL signed by the intermediate, listing every revoked serial. */
  crlDer(): Promise<Buffer>;
  /** Writes root.pem, intermediate.pem (the server's trust store) and intermediate.crl; never the untrusted root. */
  writeTrustStore(dir: string): Promise<void>;
  /** Writes the CA keys and certificates (pki-state.json) so a later run can issue or revoke more. */
  save(file: string): Promise<void>;
}

const RSA_SIGN = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;
const EC_SIGN = { name: 'ECDSA', hash: 'SHA-256' } as const;

const keyGenParams: Record<KeyAlg, webcrypto.RsaHashedKeyGenParams | webcrypto.EcKeyGenParams> = {
  rsa: {
    name: 'RSASSA-PKCS1-v1_5',
    modulusLength: 2048,
    publicExponent: new Uint8Array([1, 0, 1]),
    hash: 'SHA-256',
  } as webcrypto.RsaHashedKeyGenParams,
  ec: { name: 'ECDSA', namedCurve: 'P-256' },
};

const keyImportParams: Record<
  KeyAlg,
  webcrypto.RsaHashedImportParams | webcrypto.EcKeyImportParams
> = {
  rsa: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
  ec: { name: 'ECDSA', namedCurve: 'P-256' },
};

export const DAY_MS = 24 * 60 * 60 * 1000;

export async function generateKeyPair(alg: KeyAlg): Promise<CryptoKeyPair> {
  return (await crypto.subtle.generateKey(keyGenParams[alg], true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
}

export async function spkiOf(publicKey: CryptoKey): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.exportKey('spki', publicKey));
}

/**
 * 16 random bytes, first byte 0x10..0x7f: the INTEGER is positive, keeps all 16 bytes, and its
 * hex has no leading zero, so every tool prints the same 32 characters.
 */
export function randomSerial(): Uint8Array {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[0] = 0x10 + (bytes[0]! % 0x70);
  return bytes;
}

const randomSerialHex = (): string => Buffer.from(randomSerial()).toString('hex');

/** The subject of a leaf, in the profile domain/certificate-subject.ts reads. */
export function holderSubject(holder: CertificateHolder): x509.JsonName {
  const name: x509.JsonName = [{ C: ['CN'] }];
  if (holder.kind === 'unit') {
    name.push({ [OID.organization]: [holder.name] });
    name.push({ [OID.organizationIdentifier]: [holder.uscc] });
  } else {
    if (holder.unitName) name.push({ [OID.organization]: [holder.unitName] });
    name.push({ [OID.serialNumber]: [holder.residentId] });
  }
  name.push({ [OID.commonName]: [holder.name] });
  return name;
}

interface Ca {
  cert: x509.X509Certificate;
  keys: CryptoKeyPair;
  alg: KeyAlg;
}

/** PEM with a final newline, so concatenated PEM files stay readable by OpenSSL. */
export const pemOf = (cert: x509.X509Certificate): string => `${cert.toString('pem').trimEnd()}\n`;

const signAlg = (alg: KeyAlg) => (alg === 'rsa' ? RSA_SIGN : EC_SIGN);

async function makeRoot(subject: x509.JsonName): Promise<Ca> {
  const keys = await generateKeyPair('rsa');
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerialHex(),
    name: subject,
    keys,
    notBefore: new Date(now - DAY_MS),
    notAfter: new Date(now + 20 * 365 * DAY_MS),
    signingAlgorithm: RSA_SIGN,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
        true,
      ),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { cert, keys, alg: 'rsa' };
}

async function makeIntermediate(root: Ca): Promise<Ca> {
  const keys = await generateKeyPair('rsa');
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerialHex(),
    subject: [{ C: ['CN'] }, { O: ['测试CA中心'] }, { CN: ['Shebao Test Issuing CA'] }],
    issuer: root.cert.subjectName,
    publicKey: keys.publicKey,
    signingKey: root.keys.privateKey,
    notBefore: new Date(now - DAY_MS),
    notAfter: new Date(now + 10 * 365 * DAY_MS),
    signingAlgorithm: signAlg(root.alg),
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
        true,
      ),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(root.keys.publicKey),
    ],
  });
  return { cert, keys, alg: 'rsa' };
}

export function toIssued(cert: x509.X509Certificate): IssuedCertificate {
  return {
    der: Buffer.from(cert.rawData),
    pem: pemOf(cert),
    serialHex: cert.serialNumber.toLowerCase(),
    notBefore: cert.notBefore,
    notAfter: cert.notAfter,
  };
}

/**
 * A leaf's extensions: not a CA; keyUsage and, for signing, EKU clientAuth as LeafSpec.usage says.
 * `keyIds` (subject and authority key identifiers) go between keyUsage and the EKU.
 */
export function leafExtensions(
  usage: LeafSpec['usage'],
  keyIds: readonly x509.Extension[] = [],
): x509.Extension[] {
  const signing = (usage ?? 'signing') === 'signing';
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(
      signing
        ? x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation
        : x509.KeyUsageFlags.keyEncipherment | x509.KeyUsageFlags.dataEncipherment,
      true,
    ),
    ...keyIds,
  ];
  if (signing) {
    extensions.push(new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth]));
  }
  return extensions;
}

/**
 * What the RSA/EC and the SM2 test PKI have in common, whatever signs their certificates: a root,
 * its issuing intermediate and an untrusted root, their PEMs, the revoked serials, the trust store
 * files and the saved state's layout.
 */
export abstract class CaSet<C extends { cert: x509.X509Certificate }> {
  readonly rootPem: string;
  readonly intermediatePem: string;
  readonly untrustedRootPem: string;
  /** Lowercase hex serials, each of an even length (whole bytes), as a CRL lists them. */
  protected readonly revoked = new Set<string>();

  constructor(
    protected readonly root: C,
    protected readonly intermediate: C,
    protected readonly untrusted: C,
    revoked: readonly string[] = [],
  ) {
    this.rootPem = pemOf(root.cert);
    this.intermediatePem = pemOf(intermediate.cert);
    this.untrustedRootPem = pemOf(untrusted.cert);
    for (const s of revoked) this.revoked.add(s);
  }

  revoke(serialHex: string): void {
    const hex = serialHex.toLowerCase();
    this.revoked.add(hex.length % 2 === 0 ? hex : `0${hex}`);
  }

  /** The CA that signs a leaf of `spec`. */
  protected issuerOf(spec: LeafSpec): C {
    return spec.issuer === 'intermediate' ? this.intermediate : this.untrusted;
  }

  /** `<prefix>root.pem`, `<prefix>intermediate.pem` and `<prefix>intermediate.crl` in `dir`. */
  protected async writeTrustFiles(dir: string, prefix: string, crlDer: Buffer): Promise<void> {
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, `${prefix}root.pem`), this.rootPem);
    await writeFile(join(dir, `${prefix}intermediate.pem`), this.intermediatePem);
    await writeFile(join(dir, `${prefix}intermediate.crl`), crlDer);
  }

  /** Writes version 1 of the state: each CA as `dump` puts it, and the revoked serials. */
  protected async writeState<T>(file: string, dump: (ca: C) => T | Promise<T>): Promise<void> {
    const state = {
      version: 1,
      cas: {
        root: await dump(this.root),
        intermediate: await dump(this.intermediate),
        untrusted: await dump(this.untrusted),
      },
      revoked: [...this.revoked],
    };
    // The CA private keys are in it.
    await writeFile(file, JSON.stringify(state, null, 2), { mode: 0o600 });
  }
}

/** The state file CaSet.writeState writes, with `ca` the schema of one CA as it is dumped. */
export function caSetStateSchema<T extends z.ZodType>(ca: T) {
  return z.object({
    version: z.literal(1),
    cas: z.object({ root: ca, intermediate: ca, untrusted: ca }),
    revoked: z.array(z.string().regex(/^[0-9a-f]+$/)),
  });
}

const caStateSchema = z.object({ pem: z.string(), pkcs8: z.string() });
const pkiStateSchema = caSetStateSchema(caStateSchema);

class Pki extends CaSet<Ca> implements TestPki {
  async issue(spec: LeafSpec, publicKeySpkiDer: Uint8Array): Promise<IssuedCertificate> {
    const ca = this.issuerOf(spec);
    const publicKey = new x509.PublicKey(new Uint8Array(publicKeySpkiDer));
    const extensions = leafExtensions(spec.usage, [
      await x509.SubjectKeyIdentifierExtension.create(publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(ca.keys.publicKey),
    ]);
    const cert = await x509.X509CertificateGenerator.create({
      serialNumber: randomSerialHex(),
      subject: holderSubject(spec.holder),
      issuer: ca.cert.subjectName,
      publicKey,
      signingKey: ca.keys.privateKey,
      notBefore: spec.notBefore,
      notAfter: spec.notAfter,
      signingAlgorithm: signAlg(ca.alg),
      extensions,
    });
    return toIssued(cert);
  }

  async issueWithSoftwareKey(spec: LeafSpec, alg: KeyAlg): Promise<SoftwareIssuedCertificate> {
    const keys = await generateKeyPair(alg);
    const issued = await this.issue(spec, await spkiOf(keys.publicKey));
    const pkcs8 = Buffer.from(await crypto.subtle.exportKey('pkcs8', keys.privateKey));
    return {
      ...issued,
      privateKey: keys.privateKey,
      publicKey: keys.publicKey,
      privateKeyPkcs8Der: pkcs8,
      alg,
    };
  }

  async crlDer(): Promise<Buffer> {
    const now = Date.now();
    const crl = await x509.X509CrlGenerator.create({
      issuer: this.intermediate.cert.subjectName,
      thisUpdate: new Date(now - 60_000),
      nextUpdate: new Date(now + 30 * DAY_MS),
      signingKey: this.intermediate.keys.privateKey,
      signingAlgorithm: signAlg(this.intermediate.alg),
      entries: [...this.revoked].map((serialNumber) => ({
        serialNumber,
        revocationDate: new Date(now - 60_000),
        reason: x509.X509CrlReason.keyCompromise,
      })),
    });
    return Buffer.from(crl.rawData);
  }

  async writeTrustStore(dir: string): Promise<void> {
    await this.writeTrustFiles(dir, '', await this.crlDer());
  }

  async save(file: string): Promise<void> {
    await this.writeState(file, async (ca): Promise<z.infer<typeof caStateSchema>> => ({
      pem: pemOf(ca.cert),
      pkcs8: Buffer.from(await crypto.subtle.exportKey('pkcs8', ca.keys.privateKey)).toString(
        'base64',
      ),
    }));
  }
}

/** Root CA (+ one intermediate, pathLen 0) and an untrusted root; CA keys live in software. */
export async function createTestPki(): Promise<TestPki> {
  const root = await makeRoot([
    { C: ['CN'] },
    { O: ['测试CA中心'] },
    { CN: ['Shebao Test Root CA'] },
  ]);
  const intermediate = await makeIntermediate(root);
  const untrusted = await makeRoot([
    { C: ['CN'] },
    { O: ['未知CA机构'] },
    { CN: ['Unknown Self-Made Root CA'] },
  ]);
  return new Pki(root, intermediate, untrusted);
}

/** Loads a PKI written by TestPki.save(). */
export async function loadTestPki(file: string): Promise<TestPki> {
  const state = pkiStateSchema.parse(JSON.parse(await readFile(file, 'utf8')));
  const load = async (entry: { pem: string; pkcs8: string }): Promise<Ca> => {
    const cert = new x509.X509Certificate(entry.pem);
    const privateKey = await crypto.subtle.importKey(
      'pkcs8',
      Buffer.from(entry.pkcs8, 'base64'),
      keyImportParams.rsa,
      true,
      ['sign'],
    );
    const publicKey = await cert.publicKey.export(keyImportParams.rsa, ['verify']);
    return { cert, keys: { privateKey, publicKey }, alg: 'rsa' };
  };
  return new Pki(
    await load(state.cas.root),
    await load(state.cas.intermediate),
    await load(state.cas.untrusted),
    state.revoked,
  );
}

/** A validity window around now: [now - pastDays, now + futureDays]. */
export function validity(
  pastDays: number,
  futureDays: number,
  now = new Date(),
): { notBefore: Date; notAfter: Date } {
  return {
    notBefore: new Date(now.getTime() - pastDays * DAY_MS),
    notAfter: new Date(now.getTime() + futureDays * DAY_MS),
  };
}

/** A leaf from the trusted intermediate, valid from yesterday for a year, unless `extra` says otherwise. */
export const leafSpec = (holder: LeafSpec['holder'], extra: Partial<LeafSpec> = {}): LeafSpec => ({
  holder,
  issuer: 'intermediate',
  ...validity(1, 365),
  ...extra,
});
