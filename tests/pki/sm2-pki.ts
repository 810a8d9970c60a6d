// The SM2 half of the test PKI (GM/T 0015 profile): an SM2 root with one issuing intermediate,
// the intermediate's CRL, and a separate SM2 root the server does not trust. Certificates and
// CRLs are built with @peculiar/asn1-x509 and signed sm2sign-with-sm3 (Z with the default ID) by
// domain/crypto/sm2.ts; tests check them with the openssl binary too. Leaf keys may live on a
// token: issuing needs only the public point.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { AsnConvert } from '@peculiar/asn1-schema';
import {
  AlgorithmIdentifier,
  Certificate,
  CertificateList,
  Extension,
  Extensions,
  Name,
  RevokedCertificate,
  SubjectPublicKeyInfo,
  TBSCertList,
  TBSCertificate,
  Time,
  Validity,
  Version,
} from '@peculiar/asn1-x509';
import { z } from 'zod';
import {
  SM2_OID,
  sm2GenerateKeyPair,
  sm2RawToDer,
  sm2Sign,
  sm2Spki,
  type Sm2PublicKey,
} from '../../domain/crypto/sm2';
import { x509 } from '../../server/pki/x509';
import {
  CaSet,
  caSetStateSchema,
  DAY_MS,
  holderSubject,
  leafExtensions,
  pemOf,
  randomSerial,
  toIssued,
  type IssuedCertificate,
  type LeafSpec,
} from './pki';

export interface Sm2SoftwareIssuedCertificate extends IssuedCertificate {
  privateKey: Uint8Array;
  publicKey: Sm2PublicKey;
}

export interface Sm2TestPki {
  rootPem: string;
  intermediatePem: string;
  untrustedRootPem: string;
  issue(spec: LeafSpec, publicKey: Sm2PublicKey): IssuedCertificate;
  issueWithSoftwareKey(spec: LeafSpec): Sm2SoftwareIssuedCertificate;
  revoke(serialHex: string): void;
  /** CRL signed by the SM2 intermediate, listing every revoked serial. */
  crlDer(): Buffer;
  /** Writes sm2-root.pem, sm2-intermediate.pem and sm2-intermediate.crl; never the untrusted root. */
  writeTrustStore(dir: string): Promise<void>;
  save(file: string): Promise<void>;
}

interface Sm2Ca {
  cert: x509.X509Certificate;
  privateKey: Uint8Array;
  publicKey: Sm2PublicKey;
}

const SIGN_ALG = new AlgorithmIdentifier({ algorithm: SM2_OID.signWithSm3 });

function nameOf(json: x509.JsonName): Name {
  return AsnConvert.parse(new x509.Name(json).toArrayBuffer(), Name);
}

/** A CA's subject exactly as encoded in its certificate, so issuer names match byte for byte. */
function subjectOf(ca: Sm2Ca): Name {
  return AsnConvert.parse(ca.cert.rawData, Certificate).tbsCertificate.subject;
}

/** SHA-1 of the public point, the usual key identifier. */
function keyId(publicKey: Sm2PublicKey): string {
  return createHash('sha1').update(publicKey).digest('hex');
}

function asn1Extension(ext: x509.Extension): Extension {
  return AsnConvert.parse(ext.rawData, Extension);
}

function signedDer<T extends object>(tbs: T, privateKey: Uint8Array): Uint8Array {
  const tbsDer = new Uint8Array(AsnConvert.serialize(tbs));
  return sm2RawToDer(sm2Sign(privateKey, tbsDer));
}

function makeCertificate(opts: {
  subject: x509.JsonName | Name;
  issuer: Name;
  publicKey: Sm2PublicKey;
  signer: { privateKey: Uint8Array; publicKey: Sm2PublicKey };
  notBefore: Date;
  notAfter: Date;
  extensions: x509.Extension[];
}): x509.X509Certificate {
  const subject = opts.subject instanceof Name ? opts.subject : nameOf(opts.subject);
  const tbs = new TBSCertificate({
    version: Version.v3,
    serialNumber: new Uint8Array(randomSerial()).buffer,
    signature: SIGN_ALG,
    issuer: opts.issuer,
    validity: new Validity({ notBefore: opts.notBefore, notAfter: opts.notAfter }),
    subject,
    subjectPublicKeyInfo: AsnConvert.parse(sm2Spki(opts.publicKey), SubjectPublicKeyInfo),
    extensions: new Extensions([
      ...opts.extensions.map(asn1Extension),
      asn1Extension(new x509.SubjectKeyIdentifierExtension(keyId(opts.publicKey))),
      asn1Extension(new x509.AuthorityKeyIdentifierExtension(keyId(opts.signer.publicKey))),
    ]),
  });
  const signature = signedDer(tbs, opts.signer.privateKey);
  const cert = new Certificate({
    tbsCertificate: tbs,
    signatureAlgorithm: SIGN_ALG,
    signatureValue: new Uint8Array(signature).buffer,
  });
  return new x509.X509Certificate(AsnConvert.serialize(cert));
}

const caUsage = () => [
  new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
];

function makeRoot(subject: x509.JsonName): Sm2Ca {
  const keys = sm2GenerateKeyPair();
  const now = Date.now();
  const name = nameOf(subject);
  const cert = makeCertificate({
    subject: name,
    issuer: name,
    publicKey: keys.publicKey,
    signer: keys,
    notBefore: new Date(now - DAY_MS),
    notAfter: new Date(now + 20 * 365 * DAY_MS),
    extensions: [new x509.BasicConstraintsExtension(true, undefined, true), ...caUsage()],
  });
  return { cert, ...keys };
}

function makeIntermediate(root: Sm2Ca): Sm2Ca {
  const keys = sm2GenerateKeyPair();
  const now = Date.now();
  const cert = makeCertificate({
    subject: [{ C: ['CN'] }, { O: ['测试国密CA中心'] }, { CN: ['Shebao Test SM2 Issuing CA'] }],
    issuer: subjectOf(root),
    publicKey: keys.publicKey,
    signer: root,
    notBefore: new Date(now - DAY_MS),
    notAfter: new Date(now + 10 * 365 * DAY_MS),
    extensions: [new x509.BasicConstraintsExtension(true, 0, true), ...caUsage()],
  });
  return { cert, ...keys };
}

const caStateSchema = z.object({ pem: z.string(), privateKey: z.string().regex(/^[0-9a-f]{64}$/) });
const stateSchema = caSetStateSchema(caStateSchema);

class Sm2Pki extends CaSet<Sm2Ca> implements Sm2TestPki {
  issue(spec: LeafSpec, publicKey: Sm2PublicKey): IssuedCertificate {
    const ca = this.issuerOf(spec);
    // makeCertificate appends the key identifiers.
    const extensions = leafExtensions(spec.usage);
    const cert = makeCertificate({
      subject: holderSubject(spec.holder),
      issuer: subjectOf(ca),
      publicKey,
      signer: ca,
      notBefore: spec.notBefore,
      notAfter: spec.notAfter,
      extensions,
    });
    return toIssued(cert);
  }

  issueWithSoftwareKey(spec: LeafSpec): Sm2SoftwareIssuedCertificate {
    const keys = sm2GenerateKeyPair();
    return { ...this.issue(spec, keys.publicKey), ...keys };
  }

  crlDer(): Buffer {
    const now = Date.now();
    const entries = [...this.revoked].map(
      (serial) =>
        new RevokedCertificate({
          userCertificate: new Uint8Array(Buffer.from(serial, 'hex')).buffer,
          revocationDate: new Time(new Date(now - 60_000)),
        }),
    );
    const tbs = new TBSCertList({
      version: Version.v2,
      signature: SIGN_ALG,
      issuer: subjectOf(this.intermediate),
      thisUpdate: new Time(new Date(now - 60_000)),
      nextUpdate: new Time(new Date(now + 30 * DAY_MS)),
      ...(entries.length > 0 ? { revokedCertificates: entries } : {}),
    });
    const signature = signedDer(tbs, this.intermediate.privateKey);
    const crl = new CertificateList({
      tbsCertList: tbs,
      signatureAlgorithm: SIGN_ALG,
      signature: new Uint8Array(signature).buffer,
    });
    return Buffer.from(AsnConvert.serialize(crl));
  }

  async writeTrustStore(dir: string): Promise<void> {
    await this.writeTrustFiles(dir, 'sm2-', this.crlDer());
  }

  async save(file: string): Promise<void> {
    await this.writeState(file, (ca): z.infer<typeof caStateSchema> => ({
      pem: pemOf(ca.cert),
      privateKey: Buffer.from(ca.privateKey).toString('hex'),
    }));
  }
}

/** SM2 root (+ one intermediate, pathLen 0) and an untrusted SM2 root; CA keys in software. */
export function createSm2TestPki(): Sm2TestPki {
  const root = makeRoot([
    { C: ['CN'] },
    { O: ['测试国密CA中心'] },
    { CN: ['Shebao Test SM2 Root CA'] },
  ]);
  const intermediate = makeIntermediate(root);
  const untrusted = makeRoot([
    { C: ['CN'] },
    { O: ['未知国密CA机构'] },
    { CN: ['Unknown Self-Made SM2 Root CA'] },
  ]);
  return new Sm2Pki(root, intermediate, untrusted);
}

/** Loads an SM2 PKI written by Sm2TestPki.save(). */
export async function loadSm2TestPki(file: string): Promise<Sm2TestPki> {
  const state = stateSchema.parse(JSON.parse(await readFile(file, 'utf8')));
  const load = (entry: z.infer<typeof caStateSchema>): Sm2Ca => {
    const cert = new x509.X509Certificate(entry.pem);
    const privateKey = new Uint8Array(Buffer.from(entry.privateKey, 'hex'));
    const spki = new Uint8Array(cert.publicKey.rawData);
    const info = AsnConvert.parse(spki, SubjectPublicKeyInfo);
    return { cert, privateKey, publicKey: new Uint8Array(info.subjectPublicKey) };
  };
  return new Sm2Pki(
    load(state.cas.root),
    load(state.cas.intermediate),
    load(state.cas.untrusted),
    state.revoked,
  );
}
