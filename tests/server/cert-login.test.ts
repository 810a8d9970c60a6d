// The certificate login protocol against a real server on loopback, with a real test PKI.
import { createPrivateKey, sign as nodeSign } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { maskId } from '../../domain/certificate-subject';
import { errorCatalogue } from '../../domain/error-catalogue';
import {
  certLoginResponseSchema,
  declareSignedText,
  loginSignedText,
} from '../../domain/protocol/auth';
import { demoSecondInsurance } from '../../server/demo/demo-accounts';
import { demoPersons, demoUnits, personHolder, unitHolder } from '../../server/demo/demo-data';
import {
  createTestPki,
  leafSpec,
  validity,
  type SoftwareIssuedCertificate,
  type TestPki,
} from '../pki/pki';
import {
  getChallenge,
  login,
  loginBody,
  post,
  sha256Hex,
  startServer,
  type RunningServer,
} from './support';

let pki: TestPki;
let server: RunningServer;
const { legal, agent, unauthorized, unregisteredPerson } = demoPersons;
const [unit1, unit2] = demoUnits;

const certs = {} as Record<
  | 'legalRsa'
  | 'legalEc'
  | 'agentEc'
  | 'unitRsa'
  | 'unauthorized'
  | 'unregistered'
  | 'untrusted'
  | 'expired'
  | 'notYetValid'
  | 'revoked'
  | 'enciphermentOnly'
  | 'forgedIssuer'
  | 'expiresTomorrow',
  SoftwareIssuedCertificate
>;

beforeAll(async () => {
  pki = await createTestPki();
  const agentHolder = personHolder(agent, unit1.name);
  certs.legalRsa = await pki.issueWithSoftwareKey(leafSpec(personHolder(legal, unit1.name)), 'rsa');
  certs.legalEc = await pki.issueWithSoftwareKey(leafSpec(personHolder(legal)), 'ec');
  certs.agentEc = await pki.issueWithSoftwareKey(leafSpec(agentHolder), 'ec');
  certs.unitRsa = await pki.issueWithSoftwareKey(leafSpec(unitHolder(unit1)), 'rsa');
  certs.unauthorized = await pki.issueWithSoftwareKey(leafSpec(personHolder(unauthorized)), 'ec');
  certs.unregistered = await pki.issueWithSoftwareKey(
    leafSpec(personHolder(unregisteredPerson)),
    'rsa',
  );
  certs.untrusted = await pki.issueWithSoftwareKey(
    leafSpec(agentHolder, { issuer: 'untrusted' }),
    'ec',
  );
  certs.expired = await pki.issueWithSoftwareKey(leafSpec(agentHolder, validity(400, -1)), 'ec');
  certs.notYetValid = await pki.issueWithSoftwareKey(
    leafSpec(agentHolder, validity(-2, 365)),
    'rsa',
  );
  certs.revoked = await pki.issueWithSoftwareKey(leafSpec(agentHolder), 'ec');
  certs.enciphermentOnly = await pki.issueWithSoftwareKey(
    leafSpec(agentHolder, { usage: 'encipherment-only' }),
    'rsa',
  );
  certs.expiresTomorrow = await pki.issueWithSoftwareKey(
    leafSpec(agentHolder, validity(1, 1)),
    'ec',
  );
  // Another PKI whose issuing CA has exactly our intermediate's name but its own key.
  const impostor = await createTestPki();
  certs.forgedIssuer = await impostor.issueWithSoftwareKey(leafSpec(agentHolder), 'ec');
  pki.revoke(certs.revoked.serialHex);
  server = await startServer({ pki });
});

afterAll(async () => {
  await server?.close();
});

afterEach(() => {
  server.clock.offsetMs = 0;
});

const errorOf = (body: unknown) => body as { code: string; message: string };

describe('cert-login succeeds', () => {
  it('张伟 with an RSA certificate lands with both units he is 法人 of', async () => {
    const res = await login(server.url, certs.legalRsa);
    expect(res.status).toBe(200);
    const body = certLoginResponseSchema.parse(res.body);
    expect(body.person).toEqual({ name: '张伟', idMasked: maskId(legal.residentId) });
    expect(body.person.idMasked).not.toContain(legal.residentId.slice(6, 14));
    expect(body.units).toEqual([
      { unitNo: unit1.unitNo, name: unit1.name, uscc: unit1.uscc, role: 'legal' },
      { unitNo: unit2.unitNo, name: unit2.name, uscc: unit2.uscc, role: 'legal' },
    ]);
  });

  it('张伟 with an ECDSA P-256 certificate (raw r||s signature) logs in too', async () => {
    const res = await login(server.url, certs.legalEc);
    expect(res.status).toBe(200);
    expect(certLoginResponseSchema.parse(res.body).units.map((u) => u.unitNo)).toEqual([
      unit1.unitNo,
      unit2.unitNo,
    ]);
  });

  it('李娜 the 经办人 sees only the one unit she is authorized for, as agent', async () => {
    const res = await login(server.url, certs.agentEc);
    expect(res.status).toBe(200);
    const body = certLoginResponseSchema.parse(res.body);
    expect(body.person.name).toBe('李娜');
    expect(body.units).toEqual([
      { unitNo: unit1.unitNo, name: unit1.name, uscc: unit1.uscc, role: 'agent' },
    ]);
  });

  it('a unit certificate logs in as the unit itself, in the 法人 role, with its USCC masked', async () => {
    const res = await login(server.url, certs.unitRsa);
    expect(res.status).toBe(200);
    const body = certLoginResponseSchema.parse(res.body);
    expect(body.person).toEqual({ name: unit1.name, idMasked: maskId(unit1.uscc) });
    // Every 参保关系 the enterprise holds under its USCC.
    expect(body.units).toEqual([
      { unitNo: unit1.unitNo, name: unit1.name, uscc: unit1.uscc, role: 'legal' },
      { unitNo: demoSecondInsurance.unitNo, name: unit1.name, uscc: unit1.uscc, role: 'legal' },
    ]);
  });

  it('a JSON body declared with a charset parameter is read like any JSON', async () => {
    const body = await loginBody(await getChallenge(server.url), certs.agentEc);
    const res = await post(server.url, '/v1/auth/cert-login', body, {
      contentType: 'application/json; charset=utf-8',
    });
    expect(res.status).toBe(200);
  });

  it('the challenge is 32 random bytes, names the server origin, and expires in 2 minutes', async () => {
    const a = await getChallenge(server.url);
    const b = await getChallenge(server.url);
    expect(Buffer.from(a.nonce, 'base64url')).toHaveLength(32);
    expect(a.nonce).not.toBe(b.nonce);
    expect(a.origin).toBe(server.url);
    expect(Date.parse(a.expiresAt) - Date.parse(a.serverTime)).toBe(120_000);
  });
});

describe('nonces are single-use and short-lived', () => {
  it('replaying a successful login is refused as NONCE_REUSED', async () => {
    const challenge = await getChallenge(server.url);
    const body = await loginBody(challenge, certs.agentEc);
    expect((await post(server.url, '/v1/auth/cert-login', body)).status).toBe(200);
    const replay = await post(server.url, '/v1/auth/cert-login', body);
    expect(replay.status).toBe(401);
    expect(errorOf(replay.body).code).toBe('NONCE_REUSED');
  });

  it('a nonce burnt by a failed try cannot be used again, even with a good signature', async () => {
    const challenge = await getChallenge(server.url);
    const bad = await loginBody(challenge, certs.agentEc, { signer: certs.legalEc });
    expect(errorOf((await post(server.url, '/v1/auth/cert-login', bad)).body).code).toBe(
      'SIGNATURE_INVALID',
    );
    const good = await loginBody(challenge, certs.agentEc);
    const retry = await post(server.url, '/v1/auth/cert-login', good);
    expect(retry.status).toBe(401);
    expect(errorOf(retry.body).code).toBe('NONCE_REUSED');
  });

  it('a nonce the server never issued is NONCE_UNKNOWN', async () => {
    const challenge = await getChallenge(server.url);
    const forged = { ...challenge, nonce: Buffer.alloc(32, 7).toString('base64url') };
    const res = await post(
      server.url,
      '/v1/auth/cert-login',
      await loginBody(forged, certs.agentEc),
    );
    expect(res.status).toBe(401);
    expect(errorOf(res.body).code).toBe('NONCE_UNKNOWN');
  });

  it('signing after the 2 minutes are over gives NONCE_EXPIRED, judged by the server clock', async () => {
    const challenge = await getChallenge(server.url);
    const body = await loginBody(challenge, certs.agentEc);
    server.clock.offsetMs = 120_000 + 1_000;
    const res = await post(server.url, '/v1/auth/cert-login', body);
    expect(res.status).toBe(401);
    expect(errorOf(res.body)).toMatchObject({
      code: 'NONCE_EXPIRED',
      message: errorCatalogue.NONCE_EXPIRED.message,
    });
  });

  it('two logins racing with one nonce: exactly one gets in', async () => {
    const challenge = await getChallenge(server.url);
    const body = await loginBody(challenge, certs.agentEc);
    const results = await Promise.all(
      [1, 2, 3].map(() => post(server.url, '/v1/auth/cert-login', body)),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 401, 401]);
  });
});

describe('signatures are bound to purpose, origin, nonce, certificate and key', () => {
  it('a signature over the declaration purpose string is SIGNATURE_INVALID', async () => {
    const challenge = await getChallenge(server.url);
    const text = declareSignedText(challenge.origin, challenge.nonce, sha256Hex(certs.agentEc.der));
    const res = await post(
      server.url,
      '/v1/auth/cert-login',
      await loginBody(challenge, certs.agentEc, { text }),
    );
    expect(res.status).toBe(401);
    expect(errorOf(res.body)).toMatchObject({
      code: 'SIGNATURE_INVALID',
      message: errorCatalogue.SIGNATURE_INVALID.message,
    });
  });

  it('a signature by another key than the certificate’s is SIGNATURE_INVALID', async () => {
    const challenge = await getChallenge(server.url);
    const res = await post(
      server.url,
      '/v1/auth/cert-login',
      await loginBody(challenge, certs.legalRsa, { signer: certs.unitRsa }),
    );
    expect(errorOf(res.body).code).toBe('SIGNATURE_INVALID');
  });

  it('a signature made for another server origin is SIGNATURE_INVALID', async () => {
    const challenge = await getChallenge(server.url);
    const text = loginSignedText(
      'https://phishing.example',
      challenge.nonce,
      sha256Hex(certs.agentEc.der),
    );
    const res = await post(
      server.url,
      '/v1/auth/cert-login',
      await loginBody(challenge, certs.agentEc, { text }),
    );
    expect(errorOf(res.body).code).toBe('SIGNATURE_INVALID');
  });

  it('a signature naming another certificate’s hash is SIGNATURE_INVALID', async () => {
    const challenge = await getChallenge(server.url);
    const text = loginSignedText(challenge.origin, challenge.nonce, sha256Hex(certs.legalEc.der));
    const res = await post(
      server.url,
      '/v1/auth/cert-login',
      await loginBody(challenge, certs.agentEc, { text }),
    );
    expect(errorOf(res.body).code).toBe('SIGNATURE_INVALID');
  });

  it('an ECDSA signature in DER form instead of raw r||s is SIGNATURE_INVALID', async () => {
    const challenge = await getChallenge(server.url);
    const text = loginSignedText(challenge.origin, challenge.nonce, sha256Hex(certs.agentEc.der));
    const key = createPrivateKey({
      key: certs.agentEc.privateKeyPkcs8Der,
      format: 'der',
      type: 'pkcs8',
    });
    const der = nodeSign('sha256', Buffer.from(text), { key, dsaEncoding: 'der' });
    const body = {
      nonce: challenge.nonce,
      certificate: certs.agentEc.der.toString('base64'),
      signature: der.toString('base64'),
    };
    expect(errorOf((await post(server.url, '/v1/auth/cert-login', body)).body).code).toBe(
      'SIGNATURE_INVALID',
    );
  });
});

describe('malformed input is BAD_REQUEST, never a 500', () => {
  const goodShape = async () => loginBody(await getChallenge(server.url), certs.agentEc);
  const cases: [string, () => Promise<{ body: unknown; raw?: boolean; contentType?: string }>][] = [
    ['broken JSON', async () => ({ body: '{"nonce": "abc", ', raw: true })],
    ['an empty body', async () => ({ body: '', raw: true })],
    ['a JSON array', async () => ({ body: [] })],
    ['JSON null', async () => ({ body: null })],
    ['missing signature', async () => ({ body: { ...(await goodShape()), signature: undefined } })],
    [
      'missing certificate',
      async () => ({ body: { ...(await goodShape()), certificate: undefined } }),
    ],
    [
      'numbers instead of strings',
      async () => ({ body: { nonce: 1, certificate: 2, signature: 3 } }),
    ],
    [
      'signature not base64',
      async () => ({ body: { ...(await goodShape()), signature: 'not base64!' } }),
    ],
    [
      'base64 with bad padding',
      async () => ({ body: { ...(await goodShape()), signature: 'QUJD=' } }),
    ],
    [
      'certificate that is not DER',
      async () => ({
        body: {
          ...(await goodShape()),
          certificate: Buffer.from('garbage, not a certificate').toString('base64'),
        },
      }),
    ],
    [
      'a truncated certificate',
      async () => ({
        body: {
          ...(await goodShape()),
          certificate: certs.agentEc.der.subarray(0, 200).toString('base64'),
        },
      }),
    ],
    [
      'a form-encoded body',
      async () => ({
        body: 'nonce=a&certificate=b',
        raw: true,
        contentType: 'application/x-www-form-urlencoded',
      }),
    ],
    [
      'text/plain JSON',
      async () => ({
        body: JSON.stringify(await goodShape()),
        raw: true,
        contentType: 'text/plain',
      }),
    ],
  ];
  it.each(cases)('%s → 400 BAD_REQUEST', async (_name, make) => {
    const { body, raw, contentType } = await make();
    const res = await post(server.url, '/v1/auth/cert-login', body, { raw, contentType });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      code: 'BAD_REQUEST',
      message: errorCatalogue.BAD_REQUEST.message,
      action: errorCatalogue.BAD_REQUEST.action,
    });
  });

  it('a body over the size limit → 413 REQUEST_VALUE_TOO_LONG, not read to the end', async () => {
    const body = { ...(await goodShape()), certificate: 'A'.repeat(200_000) };
    const res = await post(server.url, '/v1/auth/cert-login', body);
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({
      code: 'REQUEST_VALUE_TOO_LONG',
      message: errorCatalogue.REQUEST_VALUE_TOO_LONG.message,
    });
  });

  it('an unknown path answers 404 with a code, not an HTML page', async () => {
    const res = await post(server.url, '/v1/nothing-here', {});
    expect(res.status).toBe(404);
    expect(errorOf(res.body).code).toBe('NOT_FOUND');
  });
});

describe('certificates the service refuses', () => {
  const refusal = async (cert: SoftwareIssuedCertificate) => {
    const res = await login(server.url, cert);
    return { status: res.status, ...errorOf(res.body) };
  };

  it('a certificate from a CA the service does not trust is CERT_UNTRUSTED', async () => {
    expect(await refusal(certs.untrusted)).toMatchObject({
      status: 401,
      code: 'CERT_UNTRUSTED',
      message: errorCatalogue.CERT_UNTRUSTED.message,
    });
  });

  it('a certificate from an impostor CA with our issuing CA’s very name is CERT_UNTRUSTED', async () => {
    expect(await refusal(certs.forgedIssuer)).toMatchObject({
      status: 401,
      code: 'CERT_UNTRUSTED',
    });
  });

  it('an expired certificate is CERT_EXPIRED', async () => {
    expect(await refusal(certs.expired)).toMatchObject({ status: 401, code: 'CERT_EXPIRED' });
  });

  it('a certificate not valid yet is CERT_NOT_YET_VALID', async () => {
    expect(await refusal(certs.notYetValid)).toMatchObject({
      status: 401,
      code: 'CERT_NOT_YET_VALID',
    });
  });

  it('validity is judged by the server clock: a certificate ending tomorrow fails once the server is 2 days on', async () => {
    expect((await login(server.url, certs.expiresTomorrow)).status).toBe(200);
    server.clock.offsetMs = 2 * 24 * 3600 * 1000;
    expect(await refusal(certs.expiresTomorrow)).toMatchObject({ code: 'CERT_EXPIRED' });
  });

  it('a certificate on the issuing CA’s CRL is CERT_REVOKED', async () => {
    expect(await refusal(certs.revoked)).toMatchObject({
      status: 401,
      code: 'CERT_REVOKED',
      message: errorCatalogue.CERT_REVOKED.message,
    });
  });

  it('revoking takes effect as soon as the new CRL is in the trust store, without a restart', async () => {
    const cert = await pki.issueWithSoftwareKey(leafSpec(personHolder(agent)), 'ec');
    expect((await login(server.url, cert)).status).toBe(200);
    pki.revoke(cert.serialHex);
    await pki.writeTrustStore(server.trustDir);
    expect(await refusal(cert)).toMatchObject({ code: 'CERT_REVOKED' });
  });

  it('a CRL not signed by the issuing CA is ignored', async () => {
    const impostor = await createTestPki();
    const cert = await pki.issueWithSoftwareKey(leafSpec(personHolder(agent)), 'ec');
    impostor.revoke(cert.serialHex);
    const forged = join(server.trustDir, 'forged.crl');
    await writeFile(forged, await impostor.crlDer());
    try {
      expect((await login(server.url, cert)).status).toBe(200);
    } finally {
      await rm(forged);
    }
  });

  it('an encipherment-only certificate cannot log in: CERT_BAD_USAGE', async () => {
    expect(await refusal(certs.enciphermentOnly)).toMatchObject({
      status: 401,
      code: 'CERT_BAD_USAGE',
    });
  });
});

describe('people the service does not let in', () => {
  it('赵强, unknown to the service, reads 未查询到登录人信息，请注册!', async () => {
    const res = await login(server.url, certs.unregistered);
    expect(res.status).toBe(401);
    expect(errorOf(res.body)).toMatchObject({
      code: 'PERSON_NOT_FOUND',
      message: '未查询到登录人信息，请注册!',
    });
  });

  it('王芳, registered but authorized by no 法人, reads the seed’s authorization sentence', async () => {
    const res = await login(server.url, certs.unauthorized);
    expect(res.status).toBe(403);
    expect(errorOf(res.body)).toMatchObject({
      code: 'AGENT_NOT_AUTHORIZED',
      message: '未找到当前办事员账号信息，请联系法人授权或者去窗口授权!',
    });
  });
});
