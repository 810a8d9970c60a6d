// Registration as the portals have it: a person whose ID matches the insured records, a unit
// checked against the insured-unit records and its 法人 (seed 003 5.1.1 / 5.1.2), reviewed, then
// logging in with its password and forced to change it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCatalogue } from '../../domain/error-catalogue';
import { unitApplicationSchema } from '../../domain/protocol/accounts';
import { demoPersons, demoUnits } from '../../server/demo/demo-data';
import { demoRosters } from '../../server/demo/demo-roster';
import {
  demoUnitAccount,
  demoUnregisteredLegal,
  demoUnregisteredUnit,
} from '../../server/demo/demo-accounts';
import { createTestPki } from '../pki/pki';
import {
  call,
  expectError,
  passwordLogin,
  passwordSession,
  REVIEW_TOKEN,
  reviewerCall,
  smsCode,
  TEST_CAPTCHA,
} from './accounts-support';
import { get, startServer, type RunningServer } from './support';

let server: RunningServer;

beforeAll(async () => {
  server = await startServer({
    pki: await createTestPki(),
    server: { testCaptcha: TEST_CAPTCHA, reviewToken: REVIEW_TOKEN },
  });
});
afterAll(async () => {
  await server?.close();
});

const rosterPerson = Object.values(demoRosters)[0]![0]!;

describe('person registration', () => {
  const mobile = '13911112222';

  it('someone on a unit roster registers with a matching name; unauthorized, login says 5.2.2.2', async () => {
    const code = await smsCode(server.url, mobile, 'register');
    const res = await call(server.url, 'POST', '/v1/register/person', {
      name: rosterPerson.name,
      residentId: rosterPerson.documentNumber,
      mobile,
      smsCode: code,
      password: 'Mine2024pass',
    });
    expect(res.status).toBe(201);
    // Registered, but no 法人 has authorized them yet: the portal's 5.2.2.2.
    const login = await passwordLogin(server.url, rosterPerson.documentNumber, 'Mine2024pass');
    expect(expectError(login, 403, 'AGENT_NOT_AUTHORIZED').message).toBe(
      errorCatalogue.AGENT_NOT_AUTHORIZED.message,
    );
  });

  it('already registered → ALREADY_REGISTERED; wrong name or unknown ID → ID_MISMATCH with the fix', async () => {
    const base = { mobile, smsCode: '123456', password: 'Mine2024pass' };
    expectError(
      await call(server.url, 'POST', '/v1/register/person', {
        ...base,
        name: rosterPerson.name,
        residentId: rosterPerson.documentNumber,
      }),
      409,
      'ALREADY_REGISTERED',
    );
    const mismatch = expectError(
      await call(server.url, 'POST', '/v1/register/person', {
        ...base,
        name: '王芳芳',
        residentId: demoPersons.unauthorized.residentId,
      }),
      400,
      'ID_MISMATCH',
    );
    expect(mismatch.message).toBe('身份证号与社保系统信息不一致');
    expect(mismatch.action).toContain('携带本人身份证原件');
    expectError(
      await call(server.url, 'POST', '/v1/register/person', {
        ...base,
        name: '赵强',
        residentId: demoPersons.unregisteredPerson.residentId,
      }),
      400,
      'ID_MISMATCH',
    );
  });

  it('checks the ID digits, the mobile, the password rules and the SMS code', async () => {
    const base = {
      name: demoPersons.unauthorized.name,
      residentId: demoPersons.unauthorized.residentId,
      mobile: '13933334444',
      smsCode: '000000',
      password: 'Mine2024pass',
    };
    const post = (body: object) =>
      call(server.url, 'POST', '/v1/register/person', { ...base, ...body });
    expectError(await post({ residentId: '320113199208084121' }), 400, 'ID_CHECK_DIGIT');
    expectError(await post({ mobile: '2345' }), 400, 'MOBILE_INVALID');
    expectError(await post({ password: 'abcdefgh' }), 400, 'PASSWORD_RULES');
    expectError(
      await post({
        residentId: demoPersons.legal.residentId,
        password: demoPersons.legal.residentId,
      }),
      400,
      'PASSWORD_SAME_AS_ACCOUNT',
    );
    expectError(await post({}), 400, 'SMS_CODE_EXPIRED');
    const code = await smsCode(server.url, base.mobile, 'register');
    expect((await post({ smsCode: code })).status).toBe(201);
  });
});

describe('unit registration', () => {
  const agent = { name: '陈静', residentId: '320104199503021628', mobile: '13955556666' };
  const request = (overrides: object = {}) => ({
    uscc: demoUnregisteredUnit.uscc,
    unitName: demoUnregisteredUnit.name,
    legalName: demoUnregisteredLegal.name,
    legalResidentId: demoUnregisteredLegal.residentId,
    agent,
    smsCode: '000000',
    password: 'Qiming2024',
    ...overrides,
  });

  it('5.1.1 when the unit, its name or its 法人 do not match the insured-unit records', async () => {
    const cases = [
      { uscc: '91320105MA1XYF014E'.slice(0, 17) + 'X' },
      { unitName: '南京启明文化有限公司' },
      { legalName: '刘阳' },
      { legalResidentId: demoPersons.legal.residentId },
    ];
    for (const overrides of cases) {
      const res = await call(server.url, 'POST', '/v1/register/unit', request(overrides));
      if (res.status === 400 && (res.body as { code: string }).code.startsWith('USCC_')) continue;
      expect(expectError(res, 400, 'UNIT_VERIFY_FAILED').message).toBe(
        '企业信息在组织机构相关信息库验证失败，无法注册!',
      );
    }
  });

  it('5.1.2 when the enterprise already has its 法人 account', async () => {
    const res = await call(server.url, 'POST', '/v1/register/unit', {
      ...request(),
      uscc: demoUnits[0].uscc,
      unitName: demoUnits[0].name,
      legalName: demoPersons.legal.name,
      legalResidentId: demoPersons.legal.residentId,
    });
    expect(expectError(res, 409, 'LEGAL_ACCOUNT_EXISTS').message).toBe(
      '根据统一社会信用代码发现，当前法人账号已经存在，可以直接扫码登录!',
    );
  });

  it('is reviewed; a returned application says why; an approved one logs in and must change its password', async () => {
    const submit = async () => {
      const code = await smsCode(server.url, agent.mobile, 'register');
      return call(server.url, 'POST', '/v1/register/unit', request({ smsCode: code }));
    };
    const first = await submit();
    expect(first.status).toBe(202);
    const firstApp = unitApplicationSchema.parse(first.body);
    expect(firstApp.state).toBe('reviewing');
    server.clock.offsetMs = 61_000;
    expectError(
      await call(server.url, 'POST', '/v1/register/unit', request()),
      409,
      'REGISTRATION_PENDING',
    );
    expectError(
      await passwordLogin(server.url, demoUnregisteredUnit.uscc, 'Qiming2024'),
      401,
      'CREDENTIALS_INVALID',
    );

    const returned = await reviewerCall(
      server.url,
      `/v1/review/unit-applications/${firstApp.applicationId}`,
      {
        decision: 'return',
        reason: '营业执照扫描件不清晰',
      },
    );
    expect(returned.status).toBe(200);
    const status = await call(server.url, 'GET', `/v1/register/unit/${firstApp.applicationId}`);
    expect(unitApplicationSchema.parse(status.body)).toMatchObject({
      state: 'returned',
      reason: '营业执照扫描件不清晰',
    });

    server.clock.offsetMs = 122_000;
    const second = unitApplicationSchema.parse((await submit()).body);
    const approved = await reviewerCall(
      server.url,
      `/v1/review/unit-applications/${second.applicationId}`,
      {
        decision: 'approve',
      },
    );
    expect(approved.status).toBe(200);
    expect(
      unitApplicationSchema.parse(
        (await call(server.url, 'GET', `/v1/register/unit/${second.applicationId}`)).body,
      ).state,
    ).toBe('approved');
    expectError(
      await reviewerCall(server.url, `/v1/review/unit-applications/${second.applicationId}`, {
        decision: 'approve',
      }),
      409,
      'APPLICATION_DECIDED',
    );

    const login = await passwordSession(server.url, demoUnregisteredUnit.uscc, 'Qiming2024');
    expect(login.mustChangePassword).toBe(true);
    expect(login.units.map((u) => [u.unitNo, u.role])).toEqual([
      [demoUnregisteredUnit.unitNo, 'legal'],
    ]);
    expectError(await get(server.url, '/v1/me', login.session), 403, 'PASSWORD_CHANGE_REQUIRED');
    const changed = await call(
      server.url,
      'POST',
      '/v1/auth/password',
      { oldPassword: 'Qiming2024', newPassword: 'Qiming2025' },
      login.session,
    );
    expect(changed.status).toBe(200);
    expect((await get(server.url, '/v1/me', login.session)).status).toBe(200);
  });

  it('the review endpoint needs the reviewer token; an unknown application is 404', async () => {
    const res = await call(
      server.url,
      'POST',
      '/v1/review/unit-applications/aaaaaaaaaaaaaaaaaaaaaaaa',
      {
        decision: 'approve',
      },
    );
    expectError(res, 401, 'REVIEWER_NOT_AUTHORIZED');
    expectError(
      await call(server.url, 'GET', '/v1/register/unit/aaaaaaaaaaaaaaaaaaaaaaaa'),
      404,
      'APPLICATION_NOT_FOUND',
    );
  });

  it('the demo account still logs in', async () => {
    expect(
      (await passwordLogin(server.url, demoUnitAccount.account, demoUnitAccount.password)).status,
    ).toBe(200);
  });
});
