// A 国密 U盾 as a clerk meets it in browser mode: the demo set's SM2 U盾 (keys in the U-Key
// simulator, a signing and an encryption certificate) behind the simulator, the real reference
// server trusting the SM2 CAs, Chromium. The picker offers only the signing certificate and says
// SM2 and PKCS#11; the clerk logs in with it and a 增员 she submits is signed SM2 and uploaded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { certificateCard, startDemoWorld, type DemoWorld } from '../support/demo-world';
import { residentId, submitAdditionRow, thisMonth } from '../support/workspace-page';

const TOKEN = 'mToken GM3000 SM2';
const UNIT = '南京云帆科技有限公司';

let world: DemoWorld;

beforeAll(async () => {
  world = await startDemoWorld({ tokens: 'sim', simDelayMs: 150 });
}, 180_000);

afterAll(async () => {
  await world?.stop();
});

const tokenCard = (page: Page) => page.locator(`[data-token-label="${TOKEN}"]`);

describe('an SM2 U盾 over PKCS#11', () => {
  it('the picker shows its signing certificate as SM2 through PKCS#11, and not its encryption certificate', async () => {
    const { page } = world;
    await expect.poll(() => tokenCard(page).count(), { timeout: 30_000 }).toBe(1);
    const signing = certificateCard(page, world.certificate('agent-sm2').sha256);
    await expect.poll(() => signing.count(), { timeout: 15_000 }).toBe(1);
    expect(await signing.textContent()).toContain('算法：SM2');
    expect(await tokenCard(page).textContent()).toContain('接口：PKCS#11');
    expect(
      await certificateCard(page, world.certificate('agent-sm2-encryption').sha256).count(),
    ).toBe(0);
    // Other U盾 say what they are too.
    const rsa = certificateCard(page, world.certificate('legal-rsa').sha256);
    expect(await rsa.textContent()).toContain('算法：RSA');
    await tokenCard(page).scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'docs/sm2-certificate-picker.png' });
  });

  it('李娜 logs in with the SM2 certificate and lands in her unit', async () => {
    const { page } = world;
    await certificateCard(page, world.certificate('agent-sm2').sha256).click();
    await page.getByLabel('U盾密码（PIN码）', { exact: true }).fill(world.manifest.userPin);
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await expect
      .poll(() => page.getByTestId('current-unit').textContent(), { timeout: 30_000 })
      .toBe(UNIT);
  });

  it('a 增员 she submits is signed by the SM2 key and uploaded', async () => {
    const { page } = world;
    const documentNumber = residentId('320115', '1991-04-21', 311);
    const row = ['吴国密', '新参保', '居民身份证', documentNumber, '男', '1991-04-21', '本地城镇'];
    row.push('劳动合同制', `${thisMonth()}-01`, '8000.00', '全部', '13812345678');
    const id = await submitAdditionRow(page, row);
    const listed = page.locator(`[data-declaration-id="${id}"]`);
    await expect
      .poll(() => listed.locator('.mantine-Badge-root').textContent(), {
        timeout: 90_000,
        interval: 500,
      })
      .toBe('已上传');
    expect(
      await page.getByTestId('sync-status').getAttribute('data-sync-state', { timeout: 5_000 }),
    ).not.toBe('error');
  });
});
