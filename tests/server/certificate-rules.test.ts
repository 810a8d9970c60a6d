// What a certificate must be to sign with the service: revocation known from a current CRL of
// its issuer (a stale or missing one refuses, fail-open only when configured), CRLs verified with
// the issuer's key under their own hash, a signing end entity, and a subject that names a person
// or a unit by the one profile rule — a person's certificate never acts as a unit's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OID } from '../../domain/certificate-subject';
import { errorCatalogue } from '../../domain/error-catalogue';
import { certLoginResponseSchema } from '../../domain/protocol/auth';
import { demoPersons, demoUnits, personHolder, unitHolder } from '../../server/demo/demo-data';
import { x509 } from '../../server/pki/x509';
import { createTestPki, holderSubject, leafSpec, type TestPki } from '../pki/pki';
import { issueLeaf, issuingCa, makeCrl, setCrls, type IssuingCa } from './ca-support';
import { login, loginSession, startServer, type RunningServer } from './support';
import { oneAdditionBatch, pushRaw } from './sync-support';

const DAY = 24 * 3600 * 1000;
const { agent, unauthorized: wang } = demoPersons;
const [unit1] = demoUnits;
let pki: TestPki;
let ca: IssuingCa;
let server: RunningServer;
let failOpen: RunningServer;

const refusal = async (s: RunningServer, cert: Parameters<typeof login>[1]) => {
  const res = await login(s.url, cert);
  return { status: res.status, code: (res.body as { code?: string }).code };
};
const ago = (days: number): Date => new Date(Date.now() - days * DAY);

beforeAll(async () => {
  pki = await createTestPki();
  ca = await issuingCa(pki);
  server = await startServer({ pki });
  failOpen = await startServer({ pki, server: { revocation: 'fail-open' } });
});

afterAll(async () => {
  await server?.close();
  await failOpen?.close();
});

const agentSubject = () => holderSubject(personHolder(agent, unit1.name));

describe('CRLs', () => {
  async function withCrls<T>(target: RunningServer, crls: Buffer[], run: () => Promise<T>) {
    await setCrls(target.trustDir, crls);
    try {
      return await run();
    } finally {
      await setCrls(target.trustDir, [await pki.crlDer()]);
    }
  }

  it('a CRL past its nextUpdate refuses every certificate of that CA: CERT_REVOCATION_UNKNOWN', async () => {
    const cert = await issueLeaf(ca, { subject: agentSubject() });
    expect((await login(server.url, cert)).status).toBe(200);
    const stale = await makeCrl(ca, { thisUpdate: ago(40), nextUpdate: ago(10) });
    await withCrls(server, [stale], async () => {
      const res = await login(server.url, cert);
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({
        code: 'CERT_REVOCATION_UNKNOWN',
        message: errorCatalogue.CERT_REVOCATION_UNKNOWN.message,
      });
    });
    expect((await login(server.url, cert)).status).toBe(200);
  });

  it('a CRL with no nextUpdate, or one not yet in force, is not current either', async () => {
    const cert = await issueLeaf(ca, { subject: agentSubject() });
    const endless = await makeCrl(ca, { thisUpdate: ago(1) });
    const future = await makeCrl(ca, { thisUpdate: ago(-2), nextUpdate: ago(-30) });
    for (const crl of [endless, future]) {
      await withCrls(server, [crl], async () => {
        expect(await refusal(server, cert)).toEqual({
          status: 401,
          code: 'CERT_REVOCATION_UNKNOWN',
        });
      });
    }
  });

  it('a certificate naming a CRL distribution point with no CRL of its CA in the store: CERT_REVOCATION_UNKNOWN', async () => {
    const published = await issueLeaf(ca, { subject: agentSubject(), crlDistributionPoint: true });
    const plain = await issueLeaf(ca, { subject: agentSubject() });
    await withCrls(server, [], async () => {
      expect(await refusal(server, published)).toEqual({
        status: 401,
        code: 'CERT_REVOCATION_UNKNOWN',
      });
      // A CA that publishes no CRL at all leaves nothing to check.
      expect((await login(server.url, plain)).status).toBe(200);
    });
  });

  it('fail-open (demo only) lets a stale CRL pass, but a revocation on it still refuses', async () => {
    const cert = await issueLeaf(ca, { subject: agentSubject() });
    const revoked = await issueLeaf(ca, { subject: agentSubject() });
    const stale = await makeCrl(ca, {
      thisUpdate: ago(40),
      nextUpdate: ago(10),
      revoked: [revoked.serialHex],
    });
    await withCrls(failOpen, [stale], async () => {
      expect((await login(failOpen.url, cert)).status).toBe(200);
      expect(await refusal(failOpen, revoked)).toEqual({ status: 401, code: 'CERT_REVOKED' });
    });
    await withCrls(server, [stale], async () => {
      expect(await refusal(server, revoked)).toEqual({ status: 401, code: 'CERT_REVOKED' });
    });
  });

  it.each(['SHA-384', 'SHA-512'] as const)(
    'a CRL signed with %s by a CA whose own certificate uses SHA-256 is honoured',
    async (hash) => {
      const cert = await issueLeaf(ca, { subject: agentSubject() });
      const crl = await makeCrl(ca, {
        thisUpdate: ago(1),
        nextUpdate: ago(-7),
        hash,
        revoked: [cert.serialHex],
      });
      await withCrls(server, [crl], async () => {
        expect(await refusal(server, cert)).toEqual({ status: 401, code: 'CERT_REVOKED' });
      });
    },
  );

  it('a stale CRL refuses a push too, and nothing is stored', async () => {
    const cert = await issueLeaf(ca, { subject: agentSubject() });
    const session = await loginSession(server.url, cert);
    const body = await oneAdditionBatch(server.url, unit1.unitNo, cert, 1);
    const count = () =>
      (
        server.app.shebao.db.prepare('SELECT count(*) AS n FROM declarations').get() as {
          n: number;
        }
      ).n;
    const before = count();
    const stale = await makeCrl(ca, { thisUpdate: ago(40), nextUpdate: ago(10) });
    await withCrls(server, [stale], async () => {
      const res = await pushRaw(server.url, session, unit1.unitNo, body);
      expect({ status: res.status, code: (res.body as { code: string }).code }).toEqual({
        status: 401,
        code: 'CERT_REVOCATION_UNKNOWN',
      });
    });
    expect(count()).toBe(before);
  });
});

describe('only a signing end entity may sign', () => {
  it('a certificate that is itself a CA: CERT_BAD_USAGE', async () => {
    const cert = await issueLeaf(ca, {
      subject: agentSubject(),
      ca: true,
      usages: x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyCertSign,
    });
    expect(await refusal(server, cert)).toEqual({ status: 401, code: 'CERT_BAD_USAGE' });
  });

  it('a certificate for non-repudiation only, without digitalSignature: CERT_BAD_USAGE', async () => {
    const cert = await issueLeaf(ca, {
      subject: agentSubject(),
      usages: x509.KeyUsageFlags.nonRepudiation,
    });
    expect(await refusal(server, cert)).toEqual({ status: 401, code: 'CERT_BAD_USAGE' });
  });

  it('extended key usages without client authentication: CERT_BAD_USAGE; with it, or none at all, fine', async () => {
    const email = await issueLeaf(ca, {
      subject: agentSubject(),
      eku: [x509.ExtendedKeyUsage.emailProtection, x509.ExtendedKeyUsage.codeSigning],
    });
    expect(await refusal(server, email)).toEqual({ status: 401, code: 'CERT_BAD_USAGE' });
    const client = await issueLeaf(ca, {
      subject: agentSubject(),
      eku: [x509.ExtendedKeyUsage.emailProtection, x509.ExtendedKeyUsage.clientAuth],
    });
    expect((await login(server.url, client)).status).toBe(200);
    const none = await issueLeaf(ca, { subject: agentSubject() });
    expect((await login(server.url, none)).status).toBe(200);
  });
});

describe('one rule decides person or unit', () => {
  const mixed = (
    person: { name: string; residentId: string },
    serial = person.residentId,
  ): x509.JsonName => [
    { C: ['CN'] },
    { [OID.organization]: [unit1.name] },
    { [OID.organizationIdentifier]: [unit1.uscc] },
    { [OID.serialNumber]: [serial] },
    { [OID.commonName]: [person.name] },
  ];

  it('a unit certificate (USCC, no resident ID) logs in as the unit, in the 法人 role, for each of its 参保关系', async () => {
    const cert = await pki.issueWithSoftwareKey(leafSpec(unitHolder(unit1)), 'ec');
    const res = await login(server.url, cert);
    expect(res.status).toBe(200);
    const units = certLoginResponseSchema.parse(res.body).units;
    // The demo enterprise holds two 参保关系 (单位编号) under one USCC; the unit acts as 法人 for both.
    expect(units.map((u) => u.unitNo)).toContain(unit1.unitNo);
    expect(units.length).toBeGreaterThan(0);
    for (const u of units) expect(u).toMatchObject({ uscc: unit1.uscc, role: 'legal' });
  });

  it('李娜’s certificate that also carries her unit’s USCC is still 李娜’s: 经办人, not the unit', async () => {
    const cert = await issueLeaf(ca, { subject: mixed(agent) });
    const res = await login(server.url, cert);
    expect(res.status).toBe(200);
    const body = certLoginResponseSchema.parse(res.body);
    expect(body.person.name).toBe('李娜');
    expect(body.units).toEqual([expect.objectContaining({ unitNo: unit1.unitNo, role: 'agent' })]);
  });

  it('王芳 (authorized by no one) cannot get in as the unit by a USCC in her certificate', async () => {
    const cert = await issueLeaf(ca, { subject: mixed(wang) });
    expect(await refusal(server, cert)).toEqual({ status: 403, code: 'AGENT_NOT_AUTHORIZED' });
  });

  it('王芳’s certificate with the unit’s USCC cannot sign a push for the unit in 李娜’s session', async () => {
    const session = await loginSession(
      server.url,
      await pki.issueWithSoftwareKey(leafSpec(personHolder(agent, unit1.name)), 'ec'),
    );
    const cert = await issueLeaf(ca, { subject: mixed(wang) });
    const body = await oneAdditionBatch(server.url, unit1.unitNo, cert, 2);
    const res = await pushRaw(server.url, session, unit1.unitNo, body);
    expect({ status: res.status, code: (res.body as { code: string }).code }).toEqual({
      status: 403,
      code: 'BATCH_SIGNER_NOT_AUTHORIZED',
    });
  });

  it('a resident ID that fails its check digit next to a USCC names no one: CERT_PROFILE_INVALID', async () => {
    const broken = wang.residentId.slice(0, 17) + (wang.residentId[17] === '1' ? '2' : '1');
    const cert = await issueLeaf(ca, { subject: mixed(wang, broken) });
    const res = await login(server.url, cert);
    expect(res.status).toBe(401);
    expect(res.body).toMatchObject({
      code: 'CERT_PROFILE_INVALID',
      message: errorCatalogue.CERT_PROFILE_INVALID.message,
    });
  });

  it('a subject with neither a resident ID nor a USCC names no one: CERT_PROFILE_INVALID', async () => {
    const cert = await issueLeaf(ca, {
      subject: [{ C: ['CN'] }, { [OID.commonName]: ['某某'] }],
    });
    expect(await refusal(server, cert)).toEqual({ status: 401, code: 'CERT_PROFILE_INVALID' });
  });
});
