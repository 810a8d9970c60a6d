// SM2 (国密) certificates and signatures against a real server on loopback whose trust store
// holds the RSA test PKI and the SM2 one side by side: login and a signed batch with SM2 keys,
// every refusal with its code, and interoperability with the openssl binary.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SM2_DEFAULT_ID,
  sm2DerToRaw,
  sm2GenerateKeyPair,
  sm2RawToDer,
  sm2Sign,
} from '../../domain/crypto/sm2';
import {
  certLoginResponseSchema,
  declareSignedText,
  loginSignedText,
} from '../../domain/protocol/auth';
import type { PushRequest } from '../../domain/protocol/sync';
import { demoPersons, demoUnits, personHolder } from '../../server/demo/demo-data';
import { createTestPki, leafSpec, validity, type IssuedCertificate } from '../pki/pki';
import {
  createSm2TestPki,
  type Sm2SoftwareIssuedCertificate,
  type Sm2TestPki,
} from '../pki/sm2-pki';
import { openssl, opensslSm2Key, opensslSm2Sign, opensslSm2Verify } from '../support/openssl-sm2';
import { getChallenge, login, post, sha256Hex, startServer, type RunningServer } from './support';
import {
  additionRow,
  batchHash,
  pushRaw,
  serviceMonth,
  submitMutation,
  ulid,
} from './sync-support';

const { legal, agent } = demoPersons;
const [unit1, unit2] = demoUnits;
const utf8 = (text: string) => new TextEncoder().encode(text);
const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const errorOf = (body: unknown) => body as { code: string; message: string };

let sm2: Sm2TestPki;
let server: RunningServer;
const dir = mkdtempSync(join(tmpdir(), 'sm2-server-'));
const certs = {} as Record<
  'legal' | 'agent' | 'untrusted' | 'revoked' | 'expired' | 'encipherment',
  Sm2SoftwareIssuedCertificate
>;
let rsaLegal: Awaited<
  ReturnType<Awaited<ReturnType<typeof createTestPki>>['issueWithSoftwareKey']>
>;

beforeAll(async () => {
  const pki = await createTestPki();
  sm2 = createSm2TestPki();
  const agentHolder = personHolder(agent, unit1.name);
  certs.legal = sm2.issueWithSoftwareKey(leafSpec(personHolder(legal, unit1.name)));
  certs.agent = sm2.issueWithSoftwareKey(leafSpec(agentHolder));
  certs.untrusted = sm2.issueWithSoftwareKey(leafSpec(agentHolder, { issuer: 'untrusted' }));
  certs.revoked = sm2.issueWithSoftwareKey(leafSpec(agentHolder));
  certs.expired = sm2.issueWithSoftwareKey(leafSpec(agentHolder, validity(400, -1)));
  certs.encipherment = sm2.issueWithSoftwareKey(
    leafSpec(agentHolder, { usage: 'encipherment-only' }),
  );
  sm2.revoke(certs.revoked.serialHex);
  rsaLegal = await pki.issueWithSoftwareKey(leafSpec(personHolder(legal, unit1.name)), 'rsa');
  server = await startServer({ pki });
  // The trust directory is re-read when it changes: the SM2 CAs join the RSA ones.
  await sm2.writeTrustStore(server.trustDir);
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

interface LoginOptions {
  signer?: Uint8Array;
  id?: string;
  encode?: (raw: Uint8Array) => Uint8Array;
}

async function sm2Login(
  cert: IssuedCertificate & { privateKey: Uint8Array },
  o: LoginOptions = {},
) {
  const challenge = await getChallenge(server.url);
  const text = loginSignedText(challenge.origin, challenge.nonce, sha256Hex(cert.der));
  const raw = sm2Sign(o.signer ?? cert.privateKey, utf8(text), o.id);
  return post(server.url, '/v1/auth/cert-login', {
    nonce: challenge.nonce,
    certificate: cert.der.toString('base64'),
    signature: b64(o.encode ? o.encode(raw) : raw),
  });
}

describe('SM2 login', () => {
  it('张伟 with an SM2 certificate (raw r‖s, ID 1234567812345678) lands as 法人 of both units', async () => {
    const res = await sm2Login(certs.legal);
    expect(res.status).toBe(200);
    expect(certLoginResponseSchema.parse(res.body).units).toEqual([
      { unitNo: unit1.unitNo, name: unit1.name, uscc: unit1.uscc, role: 'legal' },
      { unitNo: unit2.unitNo, name: unit2.name, uscc: unit2.uscc, role: 'legal' },
    ]);
  });

  it('李娜 the 经办人 with an SM2 certificate sees her one unit as agent', async () => {
    const res = await sm2Login(certs.agent);
    expect(res.status).toBe(200);
    const body = certLoginResponseSchema.parse(res.body);
    expect(body.person.name).toBe('李娜');
    expect(body.units.map((u) => [u.unitNo, u.role])).toEqual([[unit1.unitNo, 'agent']]);
  });

  it('RSA certificates still log in beside the SM2 CAs', async () => {
    expect((await login(server.url, rsaLegal)).status).toBe(200);
  });

  const refusals: [string, () => Promise<{ status: number; body: unknown }>, string][] = [
    [
      'Z computed with another user ID',
      () => sm2Login(certs.agent, { id: 'ALICE123@YAHOO.COM' }),
      'SIGNATURE_INVALID',
    ],
    [
      'signed by another SM2 key',
      () => sm2Login(certs.agent, { signer: sm2GenerateKeyPair().privateKey }),
      'SIGNATURE_INVALID',
    ],
    [
      'the signature DER-encoded where raw r‖s is required',
      () => sm2Login(certs.agent, { encode: sm2RawToDer }),
      'SM2_SIGNATURE_NOT_RAW',
    ],
    [
      'a certificate from an SM2 CA the service does not trust',
      () => sm2Login(certs.untrusted),
      'CERT_UNTRUSTED',
    ],
    ['a revoked SM2 certificate (on the SM2 CRL)', () => sm2Login(certs.revoked), 'CERT_REVOKED'],
    ['an expired SM2 certificate', () => sm2Login(certs.expired), 'CERT_EXPIRED'],
    ['an SM2 encryption certificate', () => sm2Login(certs.encipherment), 'CERT_BAD_USAGE'],
  ];
  for (const [what, attempt, code] of refusals) {
    it(`refuses ${what}: ${code}`, async () => {
      const res = await attempt();
      expect(res.status).toBe(401);
      expect(errorOf(res.body).code).toBe(code);
      expect(errorOf(res.body).message).toMatch(/[\u4e00-\u9fff]/);
    });
  }
});

describe('SM2-signed batches', () => {
  let session: string;
  let month: string;

  beforeAll(async () => {
    const res = await sm2Login(certs.agent);
    session = certLoginResponseSchema.parse(res.body).session;
    month = serviceMonth();
  });

  function sm2Batch(n: number, signer = certs.agent.privateKey): PushRequest {
    const clientId = ulid();
    const mutations = [submitMutation('addition', month, [additionRow(n, month)])];
    const hash = batchHash(clientId, unit1.unitNo, mutations);
    const text = declareSignedText(server.url, unit1.unitNo, hash);
    return {
      clientId,
      mutations,
      batchHash: hash,
      signature: b64(sm2Sign(signer, utf8(text))),
      certificate: certs.agent.der.toString('base64'),
    };
  }

  it('李娜 pushes an SM2-signed 增员: accepted', async () => {
    const res = await pushRaw(server.url, session, unit1.unitNo, sm2Batch(7101));
    expect(res.status).toBe(200);
    const body = res.body as { results: { status: string }[] };
    expect(body.results.map((r) => r.status)).toEqual(['accepted']);
  });

  it('a batch signed by another SM2 key: BATCH_SIGNATURE_INVALID, nothing applied', async () => {
    const declarations = () =>
      (
        server.app.shebao.db.prepare('SELECT count(*) AS n FROM declarations').get() as {
          n: number;
        }
      ).n;
    const before = declarations();
    const res = await pushRaw(
      server.url,
      session,
      unit1.unitNo,
      sm2Batch(7102, sm2GenerateKeyPair().privateKey),
    );
    expect(res.status).toBe(401);
    expect(errorOf(res.body).code).toBe('BATCH_SIGNATURE_INVALID');
    expect(declarations()).toBe(before);
  });
});

describe('SM2 with the openssl binary', () => {
  const ID = ['-sigopt', `distid:${SM2_DEFAULT_ID}`];
  const caPem = join(dir, 'ossl-ca.pem');
  let caKey: string;

  /** A 经办人 leaf issued by the openssl CA with `openssl ca`, so it can be revoked there too. */
  function opensslLeaf(name: string): { keyFile: string; der: Buffer; pem: string } {
    const leaf = opensslSm2Key(dir, name);
    const csr = join(dir, `${name}.csr`);
    const subj = `/C=CN/O=${unit1.name}/serialNumber=${agent.residentId}/CN=${agent.name}`;
    openssl([
      'req',
      '-new',
      '-key',
      leaf.keyFile,
      '-sm3',
      ...ID,
      '-subj',
      subj,
      '-utf8',
      '-out',
      csr,
    ]);
    const pem = join(dir, `${name}.pem`);
    openssl([
      'ca',
      '-batch',
      '-config',
      join(dir, 'ca.cnf'),
      '-in',
      csr,
      '-out',
      pem,
      '-notext',
      '-keyfile',
      caKey,
      '-cert',
      caPem,
      ...ID,
      '-vfyopt',
      `distid:${SM2_DEFAULT_ID}`,
    ]);
    return {
      keyFile: leaf.keyFile,
      pem,
      der: openssl(['x509', '-in', pem, '-outform', 'DER']),
    };
  }

  async function loginSignedByOpenssl(leaf: { keyFile: string; der: Buffer }) {
    const challenge = await getChallenge(server.url);
    const text = loginSignedText(challenge.origin, challenge.nonce, sha256Hex(leaf.der));
    const raw = sm2DerToRaw(opensslSm2Sign(leaf.keyFile, utf8(text)));
    return post(server.url, '/v1/auth/cert-login', {
      nonce: challenge.nonce,
      certificate: leaf.der.toString('base64'),
      signature: b64(raw!),
    });
  }

  beforeAll(() => {
    caKey = opensslSm2Key(dir, 'ossl-ca').keyFile;
    openssl([
      'req',
      '-new',
      '-x509',
      '-key',
      caKey,
      '-sm3',
      ...ID,
      '-utf8',
      '-days',
      '30',
      '-out',
      caPem,
      '-subj',
      '/C=CN/O=OpenSSL国密测试CA/CN=OpenSSL SM2 Root',
      '-addext',
      'basicConstraints=critical,CA:true',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ]);
    writeFileSync(join(dir, 'index.txt'), '');
    writeFileSync(join(dir, 'crlnumber'), '01\n');
    writeFileSync(
      join(dir, 'ca.cnf'),
      [
        '[ca]',
        'default_ca = sm2',
        '[sm2]',
        `dir = ${dir}`,
        'database = $dir/index.txt',
        'crlnumber = $dir/crlnumber',
        'new_certs_dir = $dir',
        'rand_serial = yes',
        'default_md = sm3',
        'default_days = 10',
        'default_crl_days = 30',
        'policy = any',
        'x509_extensions = leaf',
        'utf8 = yes',
        'string_mask = utf8only',
        'preserve = yes',
        'unique_subject = no',
        '[any]',
        'countryName = optional',
        'organizationName = optional',
        'serialNumber = optional',
        'commonName = supplied',
        '[leaf]',
        'basicConstraints = critical,CA:false',
        'keyUsage = critical,digitalSignature,nonRepudiation',
        '',
      ].join('\n'),
    );
    writeFileSync(join(server.trustDir, 'openssl-sm2-root.pem'), openssl(['x509', '-in', caPem]));
  });

  it('an SM2 CA, leaf and login signature all made by openssl are accepted', async () => {
    const res = await loginSignedByOpenssl(opensslLeaf('ossl-good'));
    expect(res.body).toMatchObject({ person: { name: agent.name } });
    expect(res.status).toBe(200);
    expect(certLoginResponseSchema.parse(res.body).person.name).toBe(agent.name);
  });

  it('a leaf revoked on a CRL made by openssl: CERT_REVOKED', async () => {
    const leaf = opensslLeaf('ossl-revoked');
    const cfg = ['-config', join(dir, 'ca.cnf'), '-keyfile', caKey, '-cert', caPem];
    openssl(['ca', ...cfg, '-revoke', leaf.pem]);
    const crl = openssl(['ca', ...cfg, '-gencrl', ...ID]);
    writeFileSync(join(server.trustDir, 'openssl-sm2-root.crl'), crl);
    const res = await loginSignedByOpenssl(leaf);
    expect(res.status).toBe(401);
    expect(errorOf(res.body).code).toBe('CERT_REVOKED');
  });

  it('our login signature verifies with openssl against the certificate’s key', () => {
    const text = utf8('shebao-desk login v1\nnonce=abc\n签名测试');
    const raw = sm2Sign(certs.agent.privateKey, text);
    const certPem = join(dir, 'agent.pem');
    writeFileSync(certPem, certs.agent.pem);
    const pub = join(dir, 'agent.pub.pem');
    writeFileSync(pub, openssl(['x509', '-in', certPem, '-pubkey', '-noout']));
    expect(opensslSm2Verify(dir, pub, text, sm2RawToDer(raw))).toBe(true);
  });
});
