// U盾 login, as a clerk would do it: SoftHSM2 tokens, the real reference server, the
// app in browser mode, Chromium.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { certificateCard, startDemoWorld, type DemoWorld } from '../support/demo-world';

let world: DemoWorld;

beforeAll(async () => {
  world = await startDemoWorld({ tokens: 'softhsm' });
}, 120_000);

afterAll(async () => {
  await world?.stop();
});

async function chooseAndLogin(scenario: Parameters<DemoWorld['certificate']>[0], pin: string) {
  const { page } = world;
  await certificateCard(page, world.certificate(scenario).sha256).click();
  const pinField = page.getByLabel('U盾密码（PIN码）', { exact: true });
  await pinField.fill(pin);
  // Enter, as clerks do: a notice that appears meanwhile cannot move it away from the pointer.
  await pinField.press('Enter');
}

describe('U盾 login on a real token', () => {
  it('shows the plugged-in tokens with their certificates', async () => {
    const { page } = world;
    await expect
      .poll(() => page.getByText('ePass3003').count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    await expect
      .poll(() => certificateCard(page, world.certificate('legal-rsa').sha256).count())
      .toBe(1);
    await expect
      .poll(() => certificateCard(page, world.certificate('agent-ec').sha256).count())
      .toBe(1);
  });

  it('an expired certificate cannot be chosen and says why', async () => {
    const card = certificateCard(world.page, world.certificate('expired').sha256);
    await expect.poll(() => card.isDisabled()).toBe(true);
    expect(await card.textContent()).toMatch(/已过期.*不能用于登录.*CA机构办理证书更新/);
    await card.click({ force: true });
    expect(await world.page.getByLabel('U盾密码（PIN码）', { exact: true }).count()).toBe(0);
  });

  it('a certificate expiring in 10 days is marked, with the renewal advice', async () => {
    const card = certificateCard(world.page, world.certificate('expiring-10-days').sha256);
    expect(await card.textContent()).toMatch(/剩余(9|10)天到期/);
    await card.click();
    await expect
      .poll(() => world.page.getByText(/请尽快携带U盾.*到CA机构办理证书更新/).count())
      .toBe(1);
    await world.page.getByRole('button', { name: '取消' }).click();
  });

  it('a wrong PIN gives the zh-CN wrong-PIN message and clears the field', async () => {
    await chooseAndLogin('legal-rsa', '000000');
    const alert = world.page.locator('[data-error-code="PIN_INCORRECT"]');
    await expect.poll(() => alert.count(), { timeout: 15_000 }).toBe(1);
    expect(await alert.textContent()).toContain('U盾密码（PIN码）错误。');
    expect(await world.page.getByLabel('U盾密码（PIN码）', { exact: true }).inputValue()).toBe('');
    // Once the token watch has read the token again, the clerk is warned that tries are running
    // low (the notice moves the 登录 button down: the next login must not click where it was).
    await expect
      .poll(() => world.page.locator('[data-pin-state="count-low"]').count(), { timeout: 15_000 })
      .toBe(1);
  });

  it('the right PIN logs in; a two-unit 法人 chooses a unit, reaches home, and logs out', async () => {
    const { page } = world;
    await chooseAndLogin('legal-rsa', world.manifest.userPin);
    await expect
      .poll(() => page.getByText('请选择要办理业务的单位').count(), { timeout: 20_000 })
      .toBe(1);
    expect(await page.locator('[data-unit-no]').count()).toBe(2);
    await page.getByRole('button', { name: '进入 南京云帆贸易有限公司' }).click();
    await expect
      .poll(() => page.getByTestId('current-unit').textContent())
      .toBe('南京云帆贸易有限公司');
    expect(await page.getByText('法人', { exact: true }).count()).toBeGreaterThan(0);

    await page.getByRole('button', { name: '切换单位' }).click();
    await page.getByRole('button', { name: '进入 南京云帆科技有限公司' }).click();
    await expect
      .poll(() => page.getByTestId('current-unit').textContent())
      .toBe('南京云帆科技有限公司');

    await page.getByRole('button', { name: '退出登录' }).click();
    await expect.poll(() => page.getByText('单位经办人登录').count()).toBe(1);
  });

  it('a 经办人 with one unit goes straight to it (ECDSA P-256 key)', async () => {
    const { page } = world;
    await chooseAndLogin('agent-ec', world.manifest.userPin);
    await expect
      .poll(() => page.getByTestId('current-unit').textContent(), { timeout: 20_000 })
      .toBe('南京云帆科技有限公司');
    expect(await page.getByText('经办人', { exact: true }).count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: '退出登录' }).click();
    await expect.poll(() => page.getByText('单位经办人登录').count()).toBe(1);
  });

  const refused = [
    ['untrusted', 'CERT_UNTRUSTED', '该证书不是社保系统认可的CA机构颁发的。'],
    ['revoked', 'CERT_REVOKED', '该证书已被吊销（注销）。'],
    [
      'unauthorized',
      'AGENT_NOT_AUTHORIZED',
      '未找到当前办事员账号信息，请联系法人授权或者去窗口授权!',
    ],
    ['unregistered', 'PERSON_NOT_FOUND', '未查询到登录人信息，请注册!'],
  ] as const;
  for (const [scenario, code, sentence] of refused) {
    it(`the server refuses the ${scenario} certificate with: ${sentence}`, async () => {
      await chooseAndLogin(scenario, world.manifest.userPin);
      const alert = world.page.locator(`[data-error-code="${code}"]`);
      await expect.poll(() => alert.count(), { timeout: 20_000 }).toBe(1);
      expect(await alert.textContent()).toContain(sentence);
      await world.page.getByRole('button', { name: '取消' }).click();
    });
  }

  it('never writes a typed PIN into the app’s logs or data', async () => {
    const log = readFileSync(join(world.appDataDir, 'logs', 'app.log'), 'utf8');
    expect(log).toContain('auth.login');
    expect(log).not.toContain(world.manifest.userPin);
    expect(log).not.toContain('000000');
  });
});
