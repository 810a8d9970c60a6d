// The test PKI checked by an outside judge (OpenSSL), so server and PKI cannot agree on a mistake.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OID, readHolder } from '../../domain/certificate-subject';
import { demoPersons, demoUnits, personHolder, unitHolder } from '../../server/demo/demo-data';
import { x509 } from '../../server/pki/x509';
import {
  createTestPki,
  generateKeyPair,
  leafSpec,
  loadTestPki,
  spkiOf,
  validity,
  type LeafSpec,
  type TestPki,
} from '../pki/pki';

let pki: TestPki;
let dir: string;

beforeAll(async () => {
  pki = await createTestPki();
  dir = await mkdtemp(join(tmpdir(), 'shebao-pki-'));
  await pki.writeTrustStore(join(dir, 'trust'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const spec = (extra: Partial<LeafSpec> = {}): LeafSpec =>
  leafSpec(personHolder(demoPersons.agent, demoUnits[0].name), extra);

/** `openssl verify` with the trust store (and its CRL when asked); returns its verdict line(s). */
async function opensslVerify(leafPem: string, withCrl: boolean): Promise<string> {
  const leaf = join(dir, `leaf-${Math.random().toString(36).slice(2)}.pem`);
  await writeFile(leaf, leafPem);
  const trust = join(dir, 'trust');
  const args = [
    'verify',
    '-CAfile',
    join(trust, 'root.pem'),
    '-untrusted',
    join(trust, 'intermediate.pem'),
  ];
  if (withCrl) {
    const crlPem = join(dir, 'crl.pem');
    execFileSync('openssl', [
      'crl',
      '-inform',
      'DER',
      '-in',
      join(trust, 'intermediate.crl'),
      '-out',
      crlPem,
    ]);
    args.push('-crl_check', '-CRLfile', crlPem);
  }
  try {
    return execFileSync('openssl', [...args, leaf], { stdio: 'pipe' }).toString();
  } catch (e) {
    const err = e as { stdout: Buffer; stderr: Buffer };
    return err.stdout.toString() + err.stderr.toString();
  }
}

describe('test PKI', () => {
  it.each(['rsa', 'ec'] as const)(
    'an %s leaf from the intermediate verifies up to the root',
    async (alg) => {
      const leaf = await pki.issueWithSoftwareKey(spec(), alg);
      expect(await opensslVerify(leaf.pem, false)).toMatch(/: OK/);
    },
  );

  it('a leaf from the untrusted root does not verify against the trust store', async () => {
    const leaf = await pki.issueWithSoftwareKey(spec({ issuer: 'untrusted' }), 'ec');
    expect(await opensslVerify(leaf.pem, false)).not.toMatch(/: OK/);
    expect(await readFile(join(dir, 'trust', 'root.pem'), 'utf8')).not.toContain(
      pki.untrustedRootPem.trim(),
    );
  });

  it('a revoked leaf is listed in the CRL, which OpenSSL honours; others are not', async () => {
    const revoked = await pki.issueWithSoftwareKey(spec(), 'rsa');
    const kept = await pki.issueWithSoftwareKey(spec(), 'rsa');
    pki.revoke(revoked.serialHex);
    await pki.writeTrustStore(join(dir, 'trust'));
    expect(await opensslVerify(revoked.pem, true)).toMatch(/certificate revoked/);
    expect(await opensslVerify(kept.pem, true)).toMatch(/: OK/);
  });

  it('person and unit subjects read back as the holders they were issued for', async () => {
    const person = personHolder(demoPersons.legal, demoUnits[0].name);
    const unit = unitHolder(demoUnits[2]);
    for (const holder of [person, unit]) {
      const leaf = await pki.issueWithSoftwareKey(spec({ holder }), 'ec');
      const cert = new x509.X509Certificate(leaf.der);
      const attrs = Object.values(OID).flatMap((oid) =>
        cert.subjectName.getField(oid).map((value) => ({ oid, value })),
      );
      expect(readHolder(attrs)).toEqual(holder);
    }
  });

  it('serials are 16 random positive bytes, never repeated', async () => {
    const keys = await generateKeyPair('ec');
    const spki = await spkiOf(keys.publicKey);
    const serials = await Promise.all(
      Array.from({ length: 40 }, async () => (await pki.issue(spec(), spki)).serialHex),
    );
    for (const serial of serials) expect(serial).toMatch(/^[1-7][0-9a-f]{31}$/);
    expect(new Set(serials).size).toBe(serials.length);
  });

  it('validity dates and key usages are what was asked for', async () => {
    const when = validity(400, -1);
    const expired = await pki.issueWithSoftwareKey(spec(when), 'ec');
    expect(expired.notAfter.getTime()).toBe(Math.floor(when.notAfter.getTime() / 1000) * 1000);
    const enc = new x509.X509Certificate(
      (await pki.issueWithSoftwareKey(spec({ usage: 'encipherment-only' }), 'rsa')).der,
    );
    const sig = new x509.X509Certificate((await pki.issueWithSoftwareKey(spec(), 'rsa')).der);
    const usage = (c: x509.X509Certificate) => c.getExtension(x509.KeyUsagesExtension)!.usages;
    expect(usage(enc) & x509.KeyUsageFlags.digitalSignature).toBe(0);
    expect(usage(sig) & x509.KeyUsageFlags.digitalSignature).not.toBe(0);
    expect(usage(sig) & x509.KeyUsageFlags.nonRepudiation).not.toBe(0);
  });

  it('a saved PKI loads back and issues leaves that chain to the same root', async () => {
    const file = join(dir, 'pki-state.json');
    await pki.save(file);
    const again = await loadTestPki(file);
    expect(again.rootPem).toBe(pki.rootPem);
    const leaf = await again.issueWithSoftwareKey(spec(), 'ec');
    expect(await opensslVerify(leaf.pem, false)).toMatch(/: OK/);
  });
});
