// The SM2 test PKI is real GM/T 0015 material: the openssl binary builds and checks its chains,
// reads its CRL, and finds the revoked leaf on it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SM2_DEFAULT_ID } from '../../domain/crypto/sm2';
import { demoPersons, personHolder } from '../../server/demo/demo-data';
import { leafSpec } from '../pki/pki';
import { createSm2TestPki, loadSm2TestPki, type Sm2TestPki } from '../pki/sm2-pki';
import { openssl, opensslSm2Verify } from '../support/openssl-sm2';
import { AsnConvert } from '@peculiar/asn1-schema';
import { CertificateList } from '@peculiar/asn1-x509';

const dir = mkdtempSync(join(tmpdir(), 'sm2-pki-'));
let pki: Sm2TestPki;
const files = { root: '', intermediate: '', crl: '', untrusted: '' };

function run(args: string[]): string {
  try {
    return openssl(args).toString();
  } catch (error) {
    const e = error as { stdout?: Buffer; stderr?: Buffer };
    return `${e.stdout?.toString() ?? ''}${e.stderr?.toString() ?? ''}`;
  }
}

/**
 * OpenSSL 3.0 applies `-vfyopt distid:` to the target certificate only, so an SM2 chain is
 * checked one link at a time: the intermediate against the root, the leaf against the
 * intermediate (as a partial chain).
 */
function verify(leafPem: string): string {
  const leaf = join(dir, 'leaf.pem');
  writeFileSync(leaf, leafPem);
  const id = ['-vfyopt', `distid:${SM2_DEFAULT_ID}`];
  const upper = run(['verify', ...id, '-CAfile', files.root, files.intermediate]);
  if (!upper.includes(': OK')) return upper;
  return run(['verify', ...id, '-partial_chain', '-CAfile', files.intermediate, leaf]);
}

beforeAll(async () => {
  pki = createSm2TestPki();
  await pki.writeTrustStore(dir);
  files.root = join(dir, 'sm2-root.pem');
  files.intermediate = join(dir, 'sm2-intermediate.pem');
  files.crl = join(dir, 'sm2-intermediate.crl.pem');
  files.untrusted = join(dir, 'untrusted.pem');
  writeFileSync(files.untrusted, pki.untrustedRootPem);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the SM2 test PKI, checked by openssl', () => {
  it('root and intermediate are SM2 keys signed SM2-with-SM3', () => {
    const text = openssl(['x509', '-in', files.intermediate, '-noout', '-text']).toString();
    expect(text).toContain('Signature Algorithm: SM2-with-SM3');
    expect(text).toContain('ASN1 OID: SM2');
    expect(text).toMatch(/CA:TRUE, pathlen:0/);
  });

  it('a 经办人 leaf chains to the SM2 root; one from the untrusted SM2 root does not', () => {
    const holder = personHolder(demoPersons.agent, '南京示例科技有限公司');
    const good = pki.issueWithSoftwareKey(leafSpec(holder));
    expect(verify(good.pem)).toMatch(/: OK/);
    const stranger = pki.issueWithSoftwareKey(leafSpec(holder, { issuer: 'untrusted' }));
    expect(verify(stranger.pem)).toMatch(/unable to get local issuer certificate/);
  });

  it('the SM2 CRL lists the revoked leaf only, and its signature verifies with openssl', async () => {
    const holder = personHolder(demoPersons.agent);
    const revoked = pki.issueWithSoftwareKey(leafSpec(holder));
    const kept = pki.issueWithSoftwareKey(leafSpec(holder));
    pki.revoke(revoked.serialHex);
    writeFileSync(join(dir, 'sm2-intermediate.crl'), pki.crlDer());
    writeFileSync(
      files.crl,
      openssl(['crl', '-inform', 'DER', '-in', join(dir, 'sm2-intermediate.crl')]),
    );
    const crlText = openssl([
      'crl',
      '-in',
      files.crl,
      '-noout',
      '-text',
      '-CAfile',
      files.intermediate,
    ]).toString();
    expect(crlText).toContain('Signature Algorithm: SM2-with-SM3');
    expect(crlText.replace(/[\s:]/g, '').toLowerCase()).toContain(revoked.serialHex);
    expect(crlText.replace(/[\s:]/g, '').toLowerCase()).not.toContain(kept.serialHex);
    // OpenSSL 3.0 cannot check an SM2 CRL's signature itself (no ID for CRLs): check the signed
    // part with `openssl dgst` against the intermediate's key.
    const der = pki.crlDer();
    const crl = AsnConvert.parse(der, CertificateList);
    const tbs = new Uint8Array(AsnConvert.serialize(crl.tbsCertList));
    expect(Buffer.from(der).includes(Buffer.from(tbs))).toBe(true);
    const pub = join(dir, 'intermediate.pub.pem');
    writeFileSync(pub, openssl(['x509', '-in', files.intermediate, '-pubkey', '-noout']));
    const signature = new Uint8Array(crl.signature);
    expect(opensslSm2Verify(dir, pub, tbs, signature)).toBe(true);
    expect(opensslSm2Verify(dir, pub, tbs.slice(0, -1), signature)).toBe(false);
  });

  it('saved and loaded again, the PKI issues from the same CAs and keeps its revocations', async () => {
    const state = join(dir, 'sm2-pki-state.json');
    const serial = pki.issueWithSoftwareKey(leafSpec(personHolder(demoPersons.legal))).serialHex;
    pki.revoke(serial);
    await pki.save(state);
    const again = await loadSm2TestPki(state);
    expect(again.rootPem).toBe(pki.rootPem);
    const leaf = again.issueWithSoftwareKey(leafSpec(personHolder(demoPersons.legal)));
    expect(verify(leaf.pem)).toMatch(/: OK/);
    const crl = openssl(['crl', '-inform', 'DER', '-noout', '-text'], again.crlDer()).toString();
    expect(crl.replace(/[\s:]/g, '').toLowerCase()).toContain(serial);
  });
});
