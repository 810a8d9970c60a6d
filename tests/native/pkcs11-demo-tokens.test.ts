// The demo token set (npm run demo-token): what `npm start` and the end-to-end tests log in
// with. Checks what a person trying the demo would meet: the tokens and their certificates,
// a working PIN, the trust store with the revoked certificate in its CRL, and the soft certificate.
import { createHash, verify, X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sm2PublicKeyFromSpki, sm2Verify } from '../../domain/crypto/sm2';
import { Pkcs11ModuleHost } from '../../native/pkcs11/module-host';
import type { TokenEntry } from '../../native/pkcs11/types';
import { DEMO_USER_PIN } from '../../server/demo/demo-data';
import { x509 } from '../../server/pki/x509';
import {
  makeDemoTokens,
  readDemoManifest,
  scenarios,
  type DemoManifest,
} from '../pki/make-demo-tokens';

let outDir: string;
let manifest: DemoManifest;
let host: Pkcs11ModuleHost;
let tokens: TokenEntry[];

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'shebao-demo-'));
  manifest = await makeDemoTokens({ outDir });
  process.env.SOFTHSM2_CONF = manifest.softhsm.conf;
  // Through the U-Key simulator, which also holds the SM2 U盾's keys.
  Object.assign(process.env, {
    UKEY_SIM_KEYS: manifest.ukeySim!.keysDir,
    UKEY_SIM_STATE: mkdtempSync(join(tmpdir(), 'shebao-demo-sim-')),
  });
  host = await Pkcs11ModuleHost.open(manifest.ukeySim!.module);
  tokens = await host.listTokens();
}, 120_000);

afterAll(async () => {
  await host?.close();
});

describe('demo token set', () => {
  it('is made in modest time and described by a manifest that reads back', () => {
    expect(manifest.provisioningMs).toBeLessThan(60_000);
    expect(readDemoManifest(outDir)).toEqual(manifest);
    const made = manifest.tokens.flatMap((t) => t.certificates.map((c) => c.scenario)).sort();
    expect(made).toEqual([...scenarios].sort());
  });

  it('shows one U-Key per persona and one with the problem certificates, each certificate with its key', () => {
    expect(tokens.map((t) => t.token.label).sort()).toEqual([
      'WatchKey',
      'ePass2003',
      'ePass3003',
      'mToken GM3000',
      'mToken GM3000 SM2',
    ]);
    for (const planned of manifest.tokens) {
      const listed = tokens.find((t) => t.token.serialNumber === planned.serialNumber);
      expect(listed?.token.label).toBe(planned.label);
      const fingerprints = listed!.certificates
        .map((c) => createHash('sha256').update(c.der).digest('hex'))
        .sort();
      expect(fingerprints).toEqual(planned.certificates.map((c) => c.sha256).sort());
      expect(listed!.certificates.every((c) => c.hasPrivateKey)).toBe(true);
    }
  });

  it('uses RSA for 张伟, ECDSA P-256 and SM2 for 李娜, and the demo PIN signs', async () => {
    const byScenario = (s: string) =>
      manifest.tokens.flatMap((t) => t.certificates).find((c) => c.scenario === s)!;
    expect(byScenario('legal-rsa').alg).toBe('rsa');
    expect(byScenario('agent-ec').alg).toBe('ec');
    expect(byScenario('agent-sm2').alg).toBe('sm2');
    for (const scenario of ['legal-rsa', 'agent-ec', 'agent-sm2']) {
      const cert = byScenario(scenario);
      const token = tokens.find((t) => t.certificates.some((c) => c.ckaIdHex === cert.ckaIdHex))!;
      await host.login(token.slotId, DEMO_USER_PIN);
      const data = Buffer.from(`demo login ${scenario}`);
      const signature = await host.sign(token.slotId, cert.ckaIdHex, data);
      const x = new X509Certificate(cert.pem);
      const key = x.publicKey;
      const ok =
        cert.alg === 'sm2'
          ? sm2Verify(
              sm2PublicKeyFromSpki(key.export({ type: 'spki', format: 'der' }))!,
              data,
              signature,
            )
          : cert.alg === 'ec'
            ? verify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, signature)
            : verify('sha256', data, key, signature);
      expect(ok, scenario).toBe(true);
      await host.logout(token.slotId);
    }
  });

  it('has certificates whose validity matches their scenario', () => {
    const now = Date.now();
    const day = 24 * 60 * 60 * 1000;
    const certs = manifest.tokens.flatMap((t) => t.certificates);
    const of = (s: string) => certs.find((c) => c.scenario === s)!;
    expect(Date.parse(of('expired').notAfter)).toBeLessThan(now);
    expect(Date.parse(of('not-yet-valid').notBefore)).toBeGreaterThan(now);
    const left = (Date.parse(of('expiring-10-days').notAfter) - now) / day;
    expect(left).toBeGreaterThan(9.9);
    expect(left).toBeLessThan(11);
    expect(of('untrusted').issuer).toBe('untrusted');
    expect(new X509Certificate(of('unit-cert').pem).subject).toMatch(
      /organizationIdentifier=91320102MA1XYF005A/,
    );
  });

  it('writes a trust store whose CRL lists the revoked certificate and nothing else', () => {
    for (const f of [
      'root.pem',
      'intermediate.pem',
      'intermediate.crl',
      'sm2-root.pem',
      'sm2-intermediate.pem',
      'sm2-intermediate.crl',
    ]) {
      expect(existsSync(join(manifest.pki.trustStoreDir, f)), f).toBe(true);
    }
    const crl = new x509.X509Crl(
      readFileSync(join(manifest.pki.trustStoreDir, 'intermediate.crl')),
    );
    const revoked = manifest.tokens.flatMap((t) => t.certificates).filter((c) => c.revoked);
    expect(revoked.map((c) => c.scenario)).toEqual(['revoked']);
    const listed = crl.entries.map((e) => e.serialNumber.toLowerCase().replace(/^0+/, ''));
    expect(listed).toEqual([revoked[0]!.serialHex.replace(/^0+/, '')]);
  });

  it('writes the demo soft certificate, opened with the demo PIN and labelled 演示软证书', () => {
    const p12Der = readFileSync(manifest.softCert.p12).toString('binary');
    const p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(p12Der), DEMO_USER_PIN);
    const shrouded = forge.pki.oids.pkcs8ShroudedKeyBag!;
    const keyBags = p12.getBags({ bagType: shrouded })[shrouded];
    expect(keyBags?.[0]?.key).toBeDefined();
    expect(keyBags?.[0]?.attributes.friendlyName).toEqual(['演示软证书']);
    expect(() => forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(p12Der), 'wrong')).toThrow();
    const cer = readFileSync(manifest.softCert.cer);
    expect(createHash('sha256').update(cer).digest('hex')).toBe(manifest.softCert.sha256);
    expect(new X509Certificate(cer).subject).toContain('CN=张伟');
  });
});
