// Accounts end to end, as the people involved would do it, in browser mode against the real
// reference server and SoftHSM2 tokens: a new unit registers and is approved, logs in with its
// password and must change it; its 法人 scans the QR code as 法人 (the 电子社保卡 app played by
// `npm run essc`), adds 王芳 and grants her one 参保关系; 王芳's U盾 then reaches that unit;
// 李娜's grant is revoked and her next login says 5.2.2.2; 5 wrong passwords lock an account
// and the clerk sees when it unlocks. Screenshots of each new screen go to docs/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { smsOutboxSchema } from '../../domain/protocol/accounts';
import { demoPersons } from '../../server/demo/demo-data';
import {
  demoUnitAccount,
  demoUnregisteredLegal,
  demoUnregisteredUnit,
} from '../../server/demo/demo-accounts';
import { certificateCard, startDemoWorld, type DemoWorld } from '../support/demo-world';
import { repoRoot, runTsx } from '../support/processes';

const CAPTCHA = '2468';
const DOCS = join(repoRoot, 'docs');
const NEW_PASSWORD = 'Qiming2025ok';
const agent = { name: '陈静', residentId: '320104199503021628', mobile: '13955556666' };
let world: DemoWorld;

beforeAll(async () => {
  world = await startDemoWorld({ tokens: 'softhsm', serverArgs: ['--test-captcha', CAPTCHA] });
}, 180_000);

afterAll(async () => {
  await world?.stop();
});

const shot = (page: Page, name: string) => page.screenshot({ path: join(DOCS, `${name}.png`) });

async function latestSms(mobile: string): Promise<string> {
  const res = await fetch(`${world.serverUrl}/v1/dev/sms-outbox?mobile=${mobile}`);
  const outbox = smsOutboxSchema.parse(await res.json());
  return outbox.messages[0]!.code;
}

async function openTab(page: Page, name: '账号密码登录' | '电子社保卡扫码' | 'U盾登录') {
  await page.getByRole('tab', { name }).click();
}

async function passwordLogin(page: Page, account: string, password: string) {
  await openTab(page, '账号密码登录');
  const form = page.getByTestId('password-login');
  await expect.poll(() => form.getByTestId('captcha-image').count(), { timeout: 15_000 }).toBe(1);
  await form.getByLabel('账号').fill(account);
  await form.getByLabel('密码', { exact: true }).fill(password);
  await form.getByLabel('图形验证码').fill(CAPTCHA);
  await form.getByRole('button', { name: '登录' }).click();
}

async function logout(page: Page) {
  await page.getByRole('button', { name: '退出登录' }).first().click();
  await expect
    .poll(() => page.getByRole('tab', { name: 'U盾登录' }).count(), { timeout: 15_000 })
    .toBe(1);
}

async function ukeyLogin(page: Page, scenario: 'unauthorized' | 'agent-ec') {
  await openTab(page, 'U盾登录');
  await certificateCard(page, world.certificate(scenario).sha256).click();
  await page.getByLabel('U盾密码（PIN码）', { exact: true }).fill(world.manifest.userPin);
  await page.getByRole('button', { name: '登录', exact: true }).click();
}

async function openUserCenter(page: Page, section: 'agents' | 'profile' | 'password') {
  await page.locator('[data-nav="userCenter"]').click();
  await page.locator(`[data-user-center="${section}"]`).click();
}

describe('accounts as the portals have them', () => {
  it('a new unit registers with field checks as it types, and is approved', async () => {
    const { page } = world;
    await expect
      .poll(() => page.getByRole('tab', { name: 'U盾登录' }).count(), { timeout: 20_000 })
      .toBe(1);
    await shot(page, 'accounts-login-tabs');
    await page.getByRole('button', { name: '单位注册' }).click();
    const form = page.getByTestId('register-unit');
    await form.getByLabel('统一社会信用代码').fill(demoUnregisteredUnit.uscc.slice(0, 17) + '0');
    await expect.poll(() => form.getByText(/校验/).count()).toBeGreaterThan(0);
    await form.getByLabel('统一社会信用代码').fill(demoUnregisteredUnit.uscc);
    await form.getByLabel('单位名称').fill(demoUnregisteredUnit.name);
    await form.getByLabel('法定代表人姓名').fill(demoUnregisteredLegal.name);
    await form.getByLabel('法定代表人身份证号').fill(demoUnregisteredLegal.residentId);
    await form.getByLabel('经办人姓名').fill(agent.name);
    await form.getByLabel('经办人身份证号').fill(agent.residentId);
    await form.getByLabel('经办人手机号码').fill(agent.mobile);
    await form.getByLabel('设置密码').fill('short');
    await expect
      .poll(() => form.getByText('密码须为8到20位，并且同时包含字母和数字。').count())
      .toBe(1);
    await form.getByLabel('设置密码').fill('Qiming2024');
    await form.getByLabel('确认密码').fill('Qiming2024');
    await form.getByRole('button', { name: '获取验证码' }).click();
    await expect.poll(() => form.getByText(/秒后重新获取/).count(), { timeout: 15_000 }).toBe(1);
    await form.getByLabel('短信验证码').fill(await latestSms(agent.mobile));
    await shot(page, 'accounts-register-unit');
    await form.getByRole('button', { name: '提交注册申请' }).click();

    const status = page.getByTestId('unit-application');
    await expect
      .poll(() => status.getAttribute('data-state'), { timeout: 15_000 })
      .toBe('reviewing');
    await shot(page, 'accounts-register-unit-reviewing');
    await status.getByRole('button', { name: '查询审核进度' }).click();
    await expect
      .poll(() => status.getAttribute('data-state'), { timeout: 15_000 })
      .toBe('approved');
    await page.getByRole('button', { name: /返回登录/ }).click();
  });

  it('the person and forgotten-password forms check IDs as you type', async () => {
    const { page } = world;
    await page.getByRole('button', { name: '个人注册' }).click();
    const form = page.getByTestId('register-person');
    await form.getByLabel('公民身份号码').fill('320113199208084121');
    await expect.poll(() => form.getByText(/校验不通过/).count()).toBeGreaterThan(0);
    await shot(page, 'accounts-register-person');
    await page.getByRole('button', { name: /返回登录/ }).click();
    await page.getByRole('button', { name: '忘记密码' }).click();
    await expect.poll(() => page.getByTestId('forgot-password').count()).toBe(1);
    await shot(page, 'accounts-forgot-password');
    await page.getByRole('button', { name: /返回登录/ }).click();
  });

  it('the approved unit logs in with its password and must change it first', async () => {
    const { page } = world;
    await passwordLogin(page, demoUnregisteredUnit.uscc, 'Qiming2024');
    const forced = page.getByTestId('forced-password-change');
    await expect.poll(() => forced.count(), { timeout: 20_000 }).toBe(1);
    await shot(page, 'accounts-forced-password-change');
    await forced.getByLabel('原密码').fill('Qiming2024');
    await forced.getByLabel('新密码').fill(NEW_PASSWORD);
    await forced.getByLabel('确认密码').fill(NEW_PASSWORD);
    await forced.getByRole('button', { name: '确认修改' }).click();
    await expect
      .poll(() => page.getByTestId('current-unit').textContent(), { timeout: 20_000 })
      .toBe(demoUnregisteredUnit.name);
    // No U盾 behind this session: the screen says what it can and cannot do.
    await expect.poll(() => page.getByTestId('signature-notice').count()).toBe(1);
    await shot(page, 'accounts-password-session-home');
    await logout(page);
  });

  it('its 法人 scans the QR code as 法人, adds 王芳 and grants her one 参保关系', async () => {
    const { page } = world;
    await openTab(page, '电子社保卡扫码');
    const panel = page.getByTestId('qr-login');
    await expect.poll(() => panel.getByTestId('qr-image').count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => panel.getByText('法人扫码登录').count()).toBeGreaterThan(0);
    await shot(page, 'accounts-qr-login');
    const qrText = (await panel.locator('[data-qr-text]').getAttribute('data-qr-text'))!;
    const out = await runTsx('server/accounts/essc-cli.ts', [
      'scan',
      qrText,
      '--as',
      demoUnregisteredLegal.residentId,
      '--confirm',
    ]);
    expect(out.trim()).toBe('confirmed');
    await expect
      .poll(() => page.getByTestId('current-unit').textContent(), { timeout: 30_000 })
      .toBe(demoUnregisteredUnit.name);

    await page.locator('[data-nav="guides"]').click();
    await page.getByRole('button', { name: '办理指南' }).first().click();
    await expect.poll(() => page.locator('[data-guide]').count(), { timeout: 15_000 }).toBe(1);
    await shot(page, 'accounts-guide');

    await openUserCenter(page, 'agents');
    const agents = page.getByTestId('agents-page');
    await agents.getByRole('button', { name: '添加' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('公民身份号码').fill(demoPersons.unauthorized.residentId);
    await dialog.getByLabel('姓名').fill('王芳');
    await dialog.getByLabel('手机号码').fill('13800001111');
    await dialog.getByRole('button', { name: '保存' }).click();
    const row = agents.locator(`[data-agent="${demoPersons.unauthorized.residentId}"]`);
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
    await row.click();
    await agents.getByRole('button', { name: '单位授权' }).click();
    const grant = page.getByRole('dialog');
    await grant.getByRole('checkbox').first().check();
    await shot(page, 'accounts-grant');
    await grant.getByRole('button', { name: '保存授权' }).click();
    await expect
      .poll(() => row.textContent(), { timeout: 15_000 })
      .toContain(demoUnregisteredUnit.unitNo);
    // The grant dialog has closed (its fade-out is not part of the page a person reads).
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await shot(page, 'accounts-agents');
    await openUserCenter(page, 'profile');
    await expect
      .poll(() => page.getByTestId('unit-profile').textContent())
      .toContain(demoUnregisteredUnit.uscc);
    await shot(page, 'accounts-unit-profile');
    await logout(page);
  }, 180_000);

  it('王芳 then logs in with her U盾 and reaches that unit', async () => {
    const { page } = world;
    await ukeyLogin(page, 'unauthorized');
    await expect
      .poll(() => page.getByTestId('current-unit').textContent(), { timeout: 30_000 })
      .toBe(demoUnregisteredUnit.name);
    await logout(page);
  });

  it("李娜's grant is revoked by her 法人, and her next U盾 login shows 5.2.2.2", async () => {
    const { page } = world;
    await passwordLogin(page, demoUnitAccount.account, demoUnitAccount.password);
    await expect
      .poll(() => page.getByText('请选择要办理业务的单位').count(), { timeout: 20_000 })
      .toBe(1);
    await page.locator('[data-unit-no]').first().getByRole('button').click();
    await openUserCenter(page, 'agents');
    const agents = page.getByTestId('agents-page');
    const row = agents.locator(`[data-agent="${demoPersons.agent.residentId}"]`);
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
    await row.click();
    await agents.getByRole('button', { name: '单位授权' }).click();
    const grant = page.getByRole('dialog');
    const granted = grant.locator('[data-granted="true"]');
    expect(await granted.count()).toBe(1);
    await granted.getByRole('checkbox').uncheck();
    await grant.getByRole('button', { name: '保存授权' }).click();
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('未授权');
    await logout(page);

    await ukeyLogin(page, 'agent-ec');
    const alert = page.locator('[data-error-code="AGENT_NOT_AUTHORIZED"]');
    await expect.poll(() => alert.count(), { timeout: 30_000 }).toBe(1);
    expect(await alert.textContent()).toContain(
      '未找到当前办事员账号信息，请联系法人授权或者去窗口授权!',
    );
  });

  it('5 wrong passwords lock the account, and the clerk sees when it unlocks', async () => {
    const { page } = world;
    for (let i = 0; i < 4; i++) {
      await passwordLogin(page, demoUnitAccount.account, `Wrong${i}pass`);
      await expect
        .poll(() => page.locator('[data-error-code="CREDENTIALS_INVALID"]').textContent(), {
          timeout: 15_000,
        })
        .toContain(`还可以再试${4 - i}次`);
    }
    await passwordLogin(page, demoUnitAccount.account, 'Wrong4pass');
    const locked = page.locator('[data-error-code="ACCOUNT_LOCKED"]');
    await expect.poll(() => locked.count(), { timeout: 15_000 }).toBe(1);
    expect(await locked.textContent()).toMatch(/将于\d+月\d+日 \d{2}:\d{2}自动解锁/);
    await shot(page, 'accounts-locked');
  });
});
