// The `openssl` binary as an independent SM2 implementation: keys, signatures and checks made by
// OpenSSL 3, to prove our SM2 code agrees with it both ways.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AsnConvert } from '@peculiar/asn1-schema';
import { ECPrivateKey } from '@peculiar/asn1-ecc';
import { PrivateKeyInfo } from '@peculiar/asn1-pkcs8';
import { SM2_DEFAULT_ID, sm2PublicKeyFromSpki } from '../../domain/crypto/sm2';

export interface OpensslSm2Key {
  /** PEM private key file. */
  keyFile: string;
  /** PEM public key file. */
  publicFile: string;
  privateKey: Uint8Array;
  publicKey: Uint8Array;
}

export function openssl(args: string[], input?: Uint8Array): Buffer {
  return execFileSync('openssl', args, { input, stdio: ['pipe', 'pipe', 'pipe'] });
}

/** The 32-byte scalar of a PEM private key OpenSSL wrote. */
export function sm2PrivateScalar(keyFile: string): Uint8Array {
  // OpenSSL 3.0 writes an SM2 key's DER as a bare ECPrivateKey; later versions as PKCS#8.
  const der = new Uint8Array(openssl(['pkey', '-in', keyFile, '-outform', 'DER']));
  let ec: ECPrivateKey;
  try {
    ec = AsnConvert.parse(der, ECPrivateKey);
  } catch {
    ec = AsnConvert.parse(AsnConvert.parse(der, PrivateKeyInfo).privateKey.buffer, ECPrivateKey);
  }
  const d = new Uint8Array(ec.privateKey.buffer);
  const out = new Uint8Array(32);
  out.set(d.subarray(Math.max(0, d.length - 32)), 32 - Math.min(32, d.length));
  return out;
}

export function opensslSm2Key(dir: string, name: string): OpensslSm2Key {
  const keyFile = join(dir, `${name}.key.pem`);
  const publicFile = join(dir, `${name}.pub.pem`);
  openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:SM2', '-out', keyFile]);
  openssl(['pkey', '-in', keyFile, '-pubout', '-out', publicFile]);
  const spki = openssl(['pkey', '-in', keyFile, '-pubout', '-outform', 'DER']);
  const publicKey = sm2PublicKeyFromSpki(new Uint8Array(spki));
  if (!publicKey) throw new Error(`openssl wrote no SM2 public key for ${name}`);
  return { keyFile, publicFile, privateKey: sm2PrivateScalar(keyFile), publicKey };
}

/** A DER SM2-with-SM3 signature by OpenSSL over `data`, with the default ID. */
export function opensslSm2Sign(keyFile: string, data: Uint8Array): Uint8Array {
  const sig = openssl(
    ['dgst', '-sm3', '-sign', keyFile, '-sigopt', `distid:${SM2_DEFAULT_ID}`],
    data,
  );
  return new Uint8Array(sig);
}

/** Whether OpenSSL accepts a DER signature over `data` with the default ID. */
export function opensslSm2Verify(
  dir: string,
  publicFile: string,
  data: Uint8Array,
  derSignature: Uint8Array,
): boolean {
  const sigFile = join(dir, 'candidate.sig');
  writeFileSync(sigFile, derSignature);
  try {
    const out = openssl(
      [
        'dgst',
        '-sm3',
        '-verify',
        publicFile,
        '-sigopt',
        `distid:${SM2_DEFAULT_ID}`,
        '-signature',
        sigFile,
      ],
      data,
    );
    return out.toString().includes('Verified OK');
  } catch {
    return false;
  }
}

export function readPem(file: string): string {
  return readFileSync(file, 'utf8');
}
