// Test tooling: makes SoftHSM2 tokens look like a CA's U-Keys. Key pairs are generated ON the
// token (private key sensitive, not extractable), the test PKI issues a certificate for the
// public key read back from the token, and the certificate is stored beside the keys with the
// same CKA_ID. Uses pkcs11js in-process; the app itself only ever talks to tokens from a worker.
import { createHash, createPublicKey, randomBytes } from 'node:crypto';
import pkcs11js from 'pkcs11js';
import type { CertificateHolder } from '../../domain/certificate-subject';
import { x509 } from '../../server/pki/x509';
import type { LeafSpec, TestPki } from './pki';
import type { Sm2TestPki } from './sm2-pki';
import { sm2KeyPairGen } from '../../native/pkcs11/sm2-mechanisms';
import { unwrapEcPoint } from '../../native/pkcs11/sm2-sign';

/** 'sm2' needs a module that generates SM2 keys (ukey-sim) and an SM2 test PKI. */
export type TokenKeyAlg = 'rsa' | 'ec' | 'sm2';

export interface CertificateOnTokenSpec {
  /** CKA_LABEL of the certificate and its keys. */
  label: string;
  alg: TokenKeyAlg;
  leaf: LeafSpec;
}

export interface TokenSpec {
  /** Token label as a CA would set it, e.g. 'ePass3003' (at most 32 bytes). */
  label: string;
  soPin: string;
  userPin: string;
  certificates: readonly CertificateOnTokenSpec[];
}

export interface CertificateOnToken {
  label: string;
  alg: TokenKeyAlg;
  ckaIdHex: string;
  holder: CertificateHolder;
  der: Buffer;
  pem: string;
  serialHex: string;
  /** Lowercase hex SHA-256 of the DER. */
  sha256: string;
  notBefore: Date;
  notAfter: Date;
}

/** No slot id: SoftHSM2 gives a token another slot id once it is loaded afresh; find it by serial. */
export interface ProvisionedToken {
  label: string;
  serialNumber: string;
  certificates: CertificateOnToken[];
}

/** secp256r1 / P-256 as a DER OBJECT IDENTIFIER, the CKA_EC_PARAMS value. */
const P256_PARAMS = Buffer.from('06082a8648ce3d030107', 'hex');

type Handle = Buffer;

const trim = (s: string) => s.replace(/[\s\0]+$/u, '');

/**
 * Loads and initialises a module in this process. ALREADY_INITIALIZED is fine unless
 * `requireFresh`: then the module was set up earlier, possibly with another SOFTHSM2_CONF.
 */
export function openPkcs11(
  modulePath: string,
  options: { requireFresh?: boolean } = {},
): pkcs11js.PKCS11 {
  const lib = new pkcs11js.PKCS11();
  lib.load(modulePath);
  try {
    lib.C_Initialize({ flags: pkcs11js.CKF_OS_LOCKING_OK });
  } catch (error) {
    if ((error as { code?: number }).code !== pkcs11js.CKR_CRYPTOKI_ALREADY_INITIALIZED)
      throw error;
    if (options.requireFresh) {
      lib.close();
      throw new Error(
        `${modulePath} is already initialised in this process and would ignore the new SOFTHSM2_CONF; ` +
          'provision before loading it, or in a child process (npm run demo-token).',
      );
    }
  }
  return lib;
}

function findToken(lib: pkcs11js.PKCS11, label: string): Handle | null {
  for (const slot of lib.C_GetSlotList(true)) {
    const info = lib.C_GetTokenInfo(slot);
    if ((info.flags & pkcs11js.CKF_TOKEN_INITIALIZED) !== 0 && trim(info.label) === label)
      return slot;
  }
  return null;
}

function freeSlot(lib: pkcs11js.PKCS11): Handle {
  for (const slot of lib.C_GetSlotList(true)) {
    if ((lib.C_GetTokenInfo(slot).flags & pkcs11js.CKF_TOKEN_INITIALIZED) === 0) return slot;
  }
  throw new Error('No free slot: SoftHSM2 always offers one uninitialised slot');
}

/** An SM2 key pair generated on the token with its vendor's mechanism; returns its point. */
function generateSm2KeyPair(
  lib: pkcs11js.PKCS11,
  slot: Handle,
  session: Handle,
  id: Buffer,
  label: string,
): Uint8Array {
  const gen = sm2KeyPairGen(lib.C_GetMechanismList(slot));
  if (!gen) throw new Error('This module lists no SM2 key-pair generation mechanism');
  const common = [
    { type: pkcs11js.CKA_TOKEN, value: true },
    { type: pkcs11js.CKA_ID, value: id },
    { type: pkcs11js.CKA_LABEL, value: label },
    { type: pkcs11js.CKA_KEY_TYPE, value: gen.keyType },
  ];
  const keys = lib.C_GenerateKeyPair(
    session,
    { mechanism: gen.mechanism },
    [...common, { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PUBLIC_KEY }],
    [
      ...common,
      { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY },
      { type: pkcs11js.CKA_PRIVATE, value: true },
      { type: pkcs11js.CKA_SENSITIVE, value: true },
      { type: pkcs11js.CKA_SIGN, value: true },
    ],
  );
  const [point] = lib.C_GetAttributeValue(session, keys.publicKey, [
    { type: pkcs11js.CKA_EC_POINT },
  ]);
  if (!point) throw new Error('SM2 public key without CKA_EC_POINT');
  return unwrapEcPoint(point.value);
}

function generateKeyPair(
  lib: pkcs11js.PKCS11,
  session: Handle,
  alg: 'rsa' | 'ec',
  id: Buffer,
  label: string,
): pkcs11js.KeyPair {
  const common = [
    { type: pkcs11js.CKA_TOKEN, value: true },
    { type: pkcs11js.CKA_ID, value: id },
    { type: pkcs11js.CKA_LABEL, value: label },
  ];
  const publicTemplate: pkcs11js.Template = [
    ...common,
    { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PUBLIC_KEY },
    { type: pkcs11js.CKA_PRIVATE, value: false },
    { type: pkcs11js.CKA_VERIFY, value: true },
    ...(alg === 'rsa'
      ? [
          { type: pkcs11js.CKA_KEY_TYPE, value: pkcs11js.CKK_RSA },
          { type: pkcs11js.CKA_MODULUS_BITS, value: 2048 },
          { type: pkcs11js.CKA_PUBLIC_EXPONENT, value: Buffer.from([1, 0, 1]) },
        ]
      : [
          { type: pkcs11js.CKA_KEY_TYPE, value: pkcs11js.CKK_EC },
          { type: pkcs11js.CKA_EC_PARAMS, value: P256_PARAMS },
        ]),
  ];
  const privateTemplate: pkcs11js.Template = [
    ...common,
    { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY },
    { type: pkcs11js.CKA_KEY_TYPE, value: alg === 'rsa' ? pkcs11js.CKK_RSA : pkcs11js.CKK_EC },
    { type: pkcs11js.CKA_PRIVATE, value: true },
    { type: pkcs11js.CKA_SENSITIVE, value: true },
    { type: pkcs11js.CKA_EXTRACTABLE, value: false },
    { type: pkcs11js.CKA_SIGN, value: true },
  ];
  const mechanism =
    alg === 'rsa' ? pkcs11js.CKM_RSA_PKCS_KEY_PAIR_GEN : pkcs11js.CKM_EC_KEY_PAIR_GEN;
  return lib.C_GenerateKeyPair(session, { mechanism }, publicTemplate, privateTemplate);
}

/** The public key as SubjectPublicKeyInfo DER, built from the attributes the token exposes. */
function spkiOf(
  lib: pkcs11js.PKCS11,
  session: Handle,
  publicKey: Handle,
  alg: 'rsa' | 'ec',
): Buffer {
  const b64url = (b: Buffer) => b.toString('base64url');
  if (alg === 'rsa') {
    const [n, e] = lib.C_GetAttributeValue(session, publicKey, [
      { type: pkcs11js.CKA_MODULUS },
      { type: pkcs11js.CKA_PUBLIC_EXPONENT },
    ]);
    if (!n || !e) throw new Error('RSA public key without modulus or exponent');
    return createPublicKey({
      key: { kty: 'RSA', n: b64url(n.value), e: b64url(e.value) },
      format: 'jwk',
    }).export({
      type: 'spki',
      format: 'der',
    });
  }
  const [pointAttr] = lib.C_GetAttributeValue(session, publicKey, [
    { type: pkcs11js.CKA_EC_POINT },
  ]);
  if (!pointAttr) throw new Error('EC public key without CKA_EC_POINT');
  // PKCS#11 2.40 stores the point DER-wrapped in an OCTET STRING (04 41 04 x y).
  let point = pointAttr.value;
  if (point.length === 67 && point[0] === 0x04 && point[1] === 0x41) point = point.subarray(2);
  if (point.length !== 65 || point[0] !== 0x04) throw new Error('Unexpected EC point encoding');
  const x = point.subarray(1, 33);
  const y = point.subarray(33, 65);
  return createPublicKey({
    key: { kty: 'EC', crv: 'P-256', x: b64url(x), y: b64url(y) },
    format: 'jwk',
  }).export({
    type: 'spki',
    format: 'der',
  });
}

function storeCertificate(
  lib: pkcs11js.PKCS11,
  session: Handle,
  der: Buffer,
  id: Buffer,
  label: string,
): void {
  const cert = new x509.X509Certificate(new Uint8Array(der));
  lib.C_CreateObject(session, [
    { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_CERTIFICATE },
    { type: pkcs11js.CKA_CERTIFICATE_TYPE, value: pkcs11js.CKC_X_509 },
    { type: pkcs11js.CKA_TOKEN, value: true },
    { type: pkcs11js.CKA_PRIVATE, value: false },
    { type: pkcs11js.CKA_ID, value: id },
    { type: pkcs11js.CKA_LABEL, value: label },
    { type: pkcs11js.CKA_SUBJECT, value: Buffer.from(cert.subjectName.toArrayBuffer()) },
    { type: pkcs11js.CKA_ISSUER, value: Buffer.from(cert.issuerName.toArrayBuffer()) },
    { type: pkcs11js.CKA_VALUE, value: der },
  ]);
}

/**
 * Initialises a token in SoftHSM2's free slot and fills it. SoftHSM2 moves a token to a new
 * slot id when it is initialised, so the token is found again by its label afterwards.
 */
export async function provisionToken(
  lib: pkcs11js.PKCS11,
  pki: TestPki,
  spec: TokenSpec,
  sm2Pki?: Sm2TestPki,
): Promise<ProvisionedToken> {
  if (findToken(lib, spec.label)) throw new Error(`A token labelled ${spec.label} already exists`);
  // Blank-padded to 32 bytes as PKCS#11 wants (pkcs11js would pad with NULs).
  const labelBytes = Buffer.byteLength(spec.label, 'utf8');
  if (labelBytes > 32) throw new Error(`Token label ${spec.label} is longer than 32 bytes`);
  lib.C_InitToken(freeSlot(lib), spec.soPin, spec.label + ' '.repeat(32 - labelBytes));
  const slot = findToken(lib, spec.label);
  if (!slot) throw new Error(`Token ${spec.label} not found after C_InitToken`);
  const session = lib.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION | pkcs11js.CKF_RW_SESSION);
  const certificates: CertificateOnToken[] = [];
  try {
    lib.C_Login(session, pkcs11js.CKU_SO, spec.soPin);
    lib.C_InitPIN(session, spec.userPin);
    lib.C_Logout(session);
    lib.C_Login(session, pkcs11js.CKU_USER, spec.userPin);
    for (const c of spec.certificates) {
      const id = randomBytes(20);
      let issued: Awaited<ReturnType<TestPki['issue']>>;
      if (c.alg === 'sm2') {
        if (!sm2Pki) throw new Error(`${c.label}: an SM2 certificate needs the SM2 test PKI`);
        issued = sm2Pki.issue(c.leaf, generateSm2KeyPair(lib, slot, session, id, c.label));
      } else {
        const keys = generateKeyPair(lib, session, c.alg, id, c.label);
        issued = await pki.issue(c.leaf, spkiOf(lib, session, keys.publicKey, c.alg));
      }
      storeCertificate(lib, session, issued.der, id, c.label);
      certificates.push({
        label: c.label,
        alg: c.alg,
        ckaIdHex: id.toString('hex'),
        holder: c.leaf.holder,
        der: issued.der,
        pem: issued.pem,
        serialHex: issued.serialHex,
        sha256: createHash('sha256').update(issued.der).digest('hex'),
        notBefore: issued.notBefore,
        notAfter: issued.notAfter,
      });
    }
    lib.C_Logout(session);
  } finally {
    lib.C_CloseSession(session);
  }
  const info = lib.C_GetTokenInfo(slot);
  return { label: spec.label, serialNumber: trim(info.serialNumber), certificates };
}
