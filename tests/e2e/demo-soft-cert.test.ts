// A new user with no U-Key driver at all still reaches the login screen and can log in with the
// demo soft certificate (演示软证书).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoWorld, type DemoWorld } from '../support/demo-world';

let world: DemoWorld;

beforeAll(async () => {
  world = await startDemoWorld({ tokens: 'none' });
}, 120_000);

afterAll(async () => {
  await world?.stop();
});

describe('demo soft certificate when no token module is installed', () => {
  it('offers only the demo soft certificate, clearly labelled, and logs in with it', async () => {
    const { page } = world;
    await expect
      .poll(() => page.getByText('演示软证书', { exact: true }).count(), { timeout: 15_000 })
      .toBeGreaterThan(0);
    expect(await page.getByText(/仅供体验，不能办理真实业务/).count()).toBe(1);
    expect(await page.locator('[data-token-label]').count()).toBe(1);

    await page.locator(`[data-cert-sha256="${world.manifest.softCert.sha256}"]`).click();
    await page.getByLabel('U盾密码（PIN码）', { exact: true }).fill('wrong-password');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await expect
      .poll(() => page.locator('[data-error-code="PIN_INCORRECT"]').count(), { timeout: 15_000 })
      .toBe(1);

    await page
      .getByLabel('U盾密码（PIN码）', { exact: true })
      .fill(world.manifest.softCert.password);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await expect
      .poll(() => page.getByText('请选择要办理业务的单位').count(), { timeout: 20_000 })
      .toBe(1);
    await page.getByRole('button', { name: '进入 南京云帆科技有限公司' }).click();
    await expect
      .poll(() => page.getByTestId('current-unit').textContent())
      .toBe('南京云帆科技有限公司');
  });
});
