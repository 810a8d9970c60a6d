// Account + password login as the portals have it: captcha, the portal's messages, 5 wrong
// passwords lock for 2 hours (on the service's test clock), forced password change, SMS codes,
// forgotten passwords.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  captchaResponseSchema,
  passwordLoginResponseSchema,
  smsCodeResponseSchema,
} from '../../domain/protocol/accounts';
import { demoPersons, demoUnits } from '../../server/demo/demo-data';
import { demoSecondInsurance, demoUnitAccount } from '../../server/demo/demo-accounts';
import {
  call,
  captchaId,
  expectError,
  passwordLogin,
  passwordSession,
  smsCode,
  startAccountsServer,
  TEST_CAPTCHA,
} from './accounts-support';
import { get, type RunningServer } from './support';

let server: RunningServer;
const HOUR = 60 * 60 * 1000;

beforeAll(async () => {
  server = await startAccountsServer();
});
afterAll(async () => {
  await server?.close();
});
afterEach(() => {
  server.clock.offsetMs = 0;
});

describe('captcha', () => {
  it('is an SVG image whose markup does not give the answer away, valid two minutes', async () => {
    const res = await call(server.url, 'GET', '/v1/auth/captcha');
    const body = captchaResponseSchema.parse(res.body);
    expect(body.image.startsWith('data:image/svg+xml;base64,')).toBe(true);
    const svg = Buffer.from(body.image.split(',')[1]!, 'base64').toString('utf8');
    expect(svg).toContain('<svg');
    expect(svg).not.toContain('<text');
    expect(svg).not.toContain(TEST_CAPTCHA);
    expect(svg.match(/<path/g)!.length).toBeGreaterThanOrEqual(5 + TEST_CAPTCHA.length);
    const ttl = Date.parse(body.expiresAt) - Date.now();
    expect(ttl).toBeGreaterThan(110_000);
    expect(ttl).toBeLessThanOrEqual(120_000);
  });

  it('is single use: the same captcha id fails the second time even with the right answer', async () => {
    const id = await captchaId(server.url);
    const body = {
      account: demoUnitAccount.account,
      password: demoUnitAccount.password,
      captchaId: id,
      captcha: TEST_CAPTCHA,
    };
    expect((await call(server.url, 'POST', '/v1/auth/password-login', body)).status).toBe(200);
    expectError(
      await call(server.url, 'POST', '/v1/auth/password-login', body),
      400,
      'CAPTCHA_INVALID',
    );
  });

  it('a wrong answer or an expired captcha is refused', async () => {
    expectError(
      await passwordLogin(server.url, demoUnitAccount.account, demoUnitAccount.password, '0000'),
      400,
      'CAPTCHA_INVALID',
    );
    const id = await captchaId(server.url);
    server.clock.offsetMs = 3 * 60 * 1000;
    const res = await call(server.url, 'POST', '/v1/auth/password-login', {
      account: demoUnitAccount.account,
      password: demoUnitAccount.password,
      captchaId: id,
      captcha: TEST_CAPTCHA,
    });
    expectError(res, 400, 'CAPTCHA_INVALID');
  });
});

describe('password login', () => {
  it('the unit account logs in as its 法人 with every 参保关系 under its USCC', async () => {
    const login = await passwordSession(
      server.url,
      demoUnitAccount.account,
      demoUnitAccount.password,
    );
    expect(login.method).toBe('password');
    expect(login.mustChangePassword).toBe(false);
    expect(login.units.map((u) => [u.unitNo, u.role])).toEqual([
      [demoUnits[0].unitNo, 'legal'],
      [demoSecondInsurance.unitNo, 'legal'],
    ]);
    const me = await get(server.url, '/v1/me', login.session);
    expect(me.status).toBe(200);
  });

  it('answers the portal messages for an empty account and an empty password', async () => {
    const empty = await passwordLogin(server.url, '  ', 'x');
    expect(expectError(empty, 400, 'ACCOUNT_EMPTY').message).toBe('账号不能为空!');
    const noPassword = await passwordLogin(server.url, demoUnitAccount.account, '');
    expect(expectError(noPassword, 400, 'PASSWORD_EMPTY').message).toBe('密码不能为空!');
  });

  it('an unknown account answers exactly like a wrong password, tries left included', async () => {
    const wrong = expectError(
      await passwordLogin(server.url, demoPersons.legal.residentId, 'Wrong12345'),
      401,
      'CREDENTIALS_INVALID',
    );
    const unknown = expectError(
      await passwordLogin(server.url, '110101199003070011', 'Wrong12345'),
      401,
      'CREDENTIALS_INVALID',
    );
    expect(unknown).toEqual(wrong);
    expect(wrong.message).toBe('用户名或密码错误!');
    expect(wrong.params).toEqual({ left: 4 });
    expect(wrong.action).toContain('还可以再试4次');
  });

  it('5 wrong passwords lock the account for 2 hours, even for the right password; then it opens', async () => {
    const account = demoUnitAccount.account;
    for (let left = 4; left >= 1; left--) {
      const res = await passwordLogin(server.url, account, `Wrong${left}xyz`);
      expect(expectError(res, 401, 'CREDENTIALS_INVALID').params).toEqual({ left });
    }
    const locked = expectError(
      await passwordLogin(server.url, account, 'Wrong0xyz'),
      403,
      'ACCOUNT_LOCKED',
    );
    expect(locked.message).toMatch(/将于\d+月\d+日 \d{2}:\d{2}自动解锁/);
    expectError(
      await passwordLogin(server.url, account, demoUnitAccount.password),
      403,
      'ACCOUNT_LOCKED',
    );

    server.clock.offsetMs = 2 * HOUR - 60_000;
    expectError(
      await passwordLogin(server.url, account, demoUnitAccount.password),
      403,
      'ACCOUNT_LOCKED',
    );
    server.clock.offsetMs = 2 * HOUR + 1000;
    const back = await passwordLogin(server.url, account, demoUnitAccount.password);
    expect(back.status).toBe(200);
    // After the lock the count starts again from 5.
    const again = await passwordLogin(server.url, account, 'Wrong9xyz');
    expect(expectError(again, 401, 'CREDENTIALS_INVALID').params).toEqual({ left: 4 });
    expect((await passwordLogin(server.url, account, demoUnitAccount.password)).status).toBe(200);
  });

  it('a right password resets the count of wrong ones', async () => {
    const account = demoUnitAccount.account;
    await passwordLogin(server.url, account, 'Wrong1xyz');
    await passwordLogin(server.url, account, 'Wrong2xyz');
    expect((await passwordLogin(server.url, account, demoUnitAccount.password)).status).toBe(200);
    const res = await passwordLogin(server.url, account, 'Wrong3xyz');
    expect(expectError(res, 401, 'CREDENTIALS_INVALID').params).toEqual({ left: 4 });
    await passwordLogin(server.url, account, demoUnitAccount.password);
  });

  it('malformed bodies are 400 BAD_REQUEST, never 500', async () => {
    for (const body of [
      null,
      [],
      { account: 1 },
      { account: 'x'.repeat(1000), password: 'a', captchaId: 'b', captcha: 'c' },
    ]) {
      expectError(
        await call(server.url, 'POST', '/v1/auth/password-login', body),
        400,
        'BAD_REQUEST',
      );
    }
  });
});

describe('SMS codes', () => {
  it('sends a 6-digit code to the outbox, at most one per 60 seconds per number', async () => {
    const mobile = '13900000001';
    const first = await call(server.url, 'POST', '/v1/sms/code', { purpose: 'register', mobile });
    expect(first.status).toBe(201);
    const sent = smsCodeResponseSchema.parse(first.body);
    expect(Date.parse(sent.expiresAt) - Date.now()).toBeGreaterThan(4.5 * 60_000);
    const outbox = await call(server.url, 'GET', `/v1/dev/sms-outbox?mobile=${mobile}`);
    expect((outbox.body as { messages: { code: string }[] }).messages[0]!.code).toMatch(/^\d{6}$/);

    server.clock.offsetMs = 20_000;
    const soon = expectError(
      await call(server.url, 'POST', '/v1/sms/code', { purpose: 'reset', mobile }),
      429,
      'SMS_TOO_SOON',
    );
    expect(soon.params!.seconds).toBeGreaterThanOrEqual(39);
    expect(soon.params!.seconds).toBeLessThanOrEqual(41);
    expect(soon.message).toMatch(/请\d+秒后再获取/);
    server.clock.offsetMs = 61_000;
    expect(
      (await call(server.url, 'POST', '/v1/sms/code', { purpose: 'reset', mobile })).status,
    ).toBe(201);
  });

  it('refuses a malformed mobile number', async () => {
    expectError(
      await call(server.url, 'POST', '/v1/sms/code', { purpose: 'register', mobile: '1234' }),
      400,
      'MOBILE_INVALID',
    );
  });
});

describe('password change and forgotten passwords', () => {
  it('a reset account must change its password before anything else works', async () => {
    const account = demoUnitAccount.account;
    const mobile = demoUnitAccount.agentMobile;
    const code = await smsCode(server.url, mobile, 'reset');
    const reset = await call(server.url, 'POST', '/v1/auth/reset-password', {
      account,
      residentId: demoPersons.agent.residentId,
      mobile,
      smsCode: code,
      newPassword: 'Reset2024abc',
    });
    expect(reset.status).toBe(200);

    const login = await passwordSession(server.url, account, 'Reset2024abc');
    expect(login.mustChangePassword).toBe(true);
    expectError(await get(server.url, '/v1/me', login.session), 403, 'PASSWORD_CHANGE_REQUIRED');
    expectError(
      await call(server.url, 'GET', '/v1/enterprise/agents', undefined, login.session),
      403,
      'PASSWORD_CHANGE_REQUIRED',
    );

    const change = (oldPassword: string, newPassword: string) =>
      call(server.url, 'POST', '/v1/auth/password', { oldPassword, newPassword }, login.session);
    expectError(await change('nope12345', 'Better2024x'), 400, 'OLD_PASSWORD_WRONG');
    expectError(await change('Reset2024abc', 'short1'), 400, 'PASSWORD_RULES');
    expectError(await change('Reset2024abc', 'onlyletters'), 400, 'PASSWORD_RULES');
    expectError(await change('Reset2024abc', '1234567890'), 400, 'PASSWORD_RULES');
    expectError(
      await change('Reset2024abc', account.toLowerCase()),
      400,
      'PASSWORD_SAME_AS_ACCOUNT',
    );
    expectError(await change('Reset2024abc', 'Reset2024abc'), 400, 'PASSWORD_SAME_AS_OLD');
    expect((await change('Reset2024abc', demoUnitAccount.password)).status).toBe(200);
    expect((await get(server.url, '/v1/me', login.session)).status).toBe(200);
    const next = await passwordSession(server.url, account, demoUnitAccount.password);
    expect(next.mustChangePassword).toBe(false);
  });

  it('reset needs the account, 经办人 ID and mobile as registered, and a live SMS code', async () => {
    const account = demoUnitAccount.account;
    const mobile = demoUnitAccount.agentMobile;
    server.clock.offsetMs = 10 * 60_000;
    const base = {
      account,
      residentId: demoPersons.agent.residentId,
      mobile,
      smsCode: '000000',
      newPassword: 'Another2024',
    };
    expectError(
      await call(server.url, 'POST', '/v1/auth/reset-password', {
        ...base,
        residentId: demoPersons.legal.residentId,
      }),
      400,
      'RESET_MISMATCH',
    );
    expectError(
      await call(server.url, 'POST', '/v1/auth/reset-password', { ...base, mobile: '13700000000' }),
      400,
      'RESET_MISMATCH',
    );
    const code = await smsCode(server.url, mobile, 'reset');
    const wrongCode = code === '111111' ? '222222' : '111111';
    for (let left = 4; left >= 1; left--) {
      const res = await call(server.url, 'POST', '/v1/auth/reset-password', {
        ...base,
        smsCode: wrongCode,
      });
      expect(expectError(res, 400, 'SMS_CODE_INVALID').params).toEqual({ left });
    }
    // The fifth wrong try ends the code: even the right one no longer works.
    expectError(
      await call(server.url, 'POST', '/v1/auth/reset-password', { ...base, smsCode: wrongCode }),
      400,
      'SMS_CODE_EXPIRED',
    );
    expectError(
      await call(server.url, 'POST', '/v1/auth/reset-password', { ...base, smsCode: code }),
      400,
      'SMS_CODE_EXPIRED',
    );
  });

  it('an SMS code expires after 5 minutes', async () => {
    const mobile = demoUnitAccount.agentMobile;
    server.clock.offsetMs = 20 * 60_000;
    const code = await smsCode(server.url, mobile, 'reset');
    server.clock.offsetMs = 25 * 60_000 + 1000;
    const res = await call(server.url, 'POST', '/v1/auth/reset-password', {
      account: demoUnitAccount.account,
      residentId: demoPersons.agent.residentId,
      mobile,
      smsCode: code,
      newPassword: 'Another2024',
    });
    expectError(res, 400, 'SMS_CODE_EXPIRED');
  });

  it('a certificate session has no password to change', async () => {
    const db = new Database(join(server.dataDir, 'shebao-server.sqlite'), { readonly: true });
    const count = db.prepare('SELECT COUNT(*) AS n FROM accounts').get() as { n: number };
    db.close();
    expect(count.n).toBeGreaterThanOrEqual(1);
    const res = await call(server.url, 'POST', '/v1/auth/password', {
      oldPassword: 'a',
      newPassword: 'b',
    });
    expectError(res, 401, 'SESSION_INVALID');
  });
});

describe('dev SMS outbox', () => {
  it('is not there on a service started without --demo', async () => {
    const { startServer } = await import('./support');
    const { createTestPki } = await import('../pki/pki');
    const plain = await startServer({ pki: await createTestPki(), demo: false });
    try {
      expectError(await call(plain.url, 'GET', '/v1/dev/sms-outbox'), 404, 'NOT_FOUND');
    } finally {
      await plain.close();
    }
  });
});

it('the login answer parses as a session body', async () => {
  const res = await passwordLogin(server.url, demoUnitAccount.account, demoUnitAccount.password);
  expect(passwordLoginResponseSchema.safeParse(res.body).success).toBe(true);
});
