// An SM2 U盾 reached through its SKF (GM/T 0016) library, in the app as a clerk uses it: 李娜's
// SM2 certificate on skf-sim logs in and a 增员 is signed and synced; SKF's retry count drives the
// wrong-PIN warning, the final try and the lock; pulling the key out locks the session.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoUnits } from '../../server/demo/demo-data';
import { certificateCard, startDemoWorld, type DemoWorld } from '../support/demo-world';
import { residentId, submitAdditionRow, thisMonth } from '../support/workspace-page';

let world: DemoWorld;
const UNIT = demoUnits[0].name;
const WRONG = ['31415926', '27182818', '16180339'];

beforeAll(async () => {
  world = await startDemoWorld({ tokens: 'softhsm', skf: true });
}, 180_000);

afterAll(async () => {
  await world?.stop();
});

const pinField = () => world.page.getByLabel('U盾密码（PIN码）', { exact: true });
const loginButton = () => world.page.getByRole('button', { name: '登录', exact: true });
const errorShown = (code: string) => world.page.locator(`[data-error-code="${code}"]`).count();

async function chooseSkfCertificate(): Promise<void> {
  const card = certificateCard(world.page, world.manifest.skf!.sha256);
  await expect.poll(() => card.count(), { timeout: 20_000 }).toBe(1);
  await card.click();
}

/** Types the PIN and presses Enter (a notice appearing meanwhile cannot move Enter away). */
async function tryPin(pin: string): Promise<void> {
  await pinField().fill(pin);
  await pinField().press('Enter');
}

describe('an SM2 U盾 over SKF', () => {
  it('is listed with its label, its library and 李娜’s SM2 certificate', async () => {
    await chooseSkfCertificate();
    const page = world.page;
    expect(await page.getByText(world.manifest.skf!.label).count()).toBeGreaterThan(0);
    const token = page.locator(`[data-token-label="${world.manifest.skf!.label}"]`);
    expect(await token.textContent()).toMatch(/SKF 模拟U盾 \(skf-sim\).*接口：SKF/);
    expect(await token.textContent()).toContain('算法：SM2');
    await token.scrollIntoViewIfNeeded();
    await expect.poll(() => pinField().count(), { timeout: 10_000 }).toBe(1);
    await page.screenshot({ path: 'docs/skf-certificate-picker.png' });
  });

  it('wrong PINs count down by SKF’s retry count: warning, confirmed final try, lock', async () => {
    await chooseSkfCertificate();
    await tryPin(WRONG[0]!);
    await expect.poll(() => errorShown('PIN_INCORRECT'), { timeout: 15_000 }).toBe(1);
    await tryPin(WRONG[1]!);
    await expect
      .poll(() => world.page.locator('[data-pin-state="count-low"]').count(), { timeout: 15_000 })
      .toBe(1);

    await world.skf(['set-retries', '1']);
    await expect
      .poll(() => world.page.locator('[data-pin-state="final-try"]').count(), { timeout: 15_000 })
      .toBe(1);
    await pinField().fill(WRONG[2]!);
    expect(await loginButton().isDisabled()).toBe(true);
    await world.page.getByLabel('我已确认密码无误，继续登录').check();
    await loginButton().click();
    await expect.poll(() => errorShown('PIN_LOCKED'), { timeout: 15_000 }).toBe(1);
    expect(await pinField().count()).toBe(0);
    expect(await world.skf(['status'])).toMatch(/GM3000-DEMO.*LOCKED/);
  });

  it('after the CA unlocks it, the right PIN logs 李娜 in to her unit over SM2', async () => {
    await world.skf(['unlock']);
    await expect.poll(() => pinField().count(), { timeout: 15_000 }).toBe(1);
    await tryPin(world.manifest.userPin);
    await expect
      .poll(() => world.page.getByTestId('current-unit').textContent(), { timeout: 30_000 })
      .toBe(UNIT);
  });

  it('a 增员 is signed by the SKF key and synced: the service accepts it as 已上传', async () => {
    const { page } = world;
    const person = ['孙国密', '新参保', '居民身份证', residentId('320115', '1991-05-20', 303)];
    const id = await submitAdditionRow(page, [
      ...person,
      ...['男', '1991-05-20', '本地城镇', '劳动合同制', `${thisMonth()}-01`, '9000.00'],
      ...['全部', '13912345678'],
    ]);
    await expect
      .poll(
        () =>
          page
            .locator(`[data-declaration-id="${id}"] .mantine-Badge-root`)
            .textContent({ timeout: 5_000 }),
        { timeout: 90_000, interval: 500 },
      )
      .toBe('已上传');
  });

  it('pulling the SKF key out locks the session; back in with the PIN, work goes on', async () => {
    const { page } = world;
    await world.skf(['remove']);
    const lock = page.getByRole('dialog', { name: 'U盾已拔出，已暂时锁定' });
    await expect.poll(() => lock.count(), { timeout: 10_000, interval: 50 }).toBe(1);
    expect(await lock.textContent()).toContain('李娜');

    await world.skf(['insert']);
    const lockPin = lock.getByLabel('U盾密码（PIN码）', { exact: true });
    await expect.poll(() => lockPin.count(), { timeout: 15_000 }).toBe(1);
    await lockPin.fill(world.manifest.userPin);
    await lock.getByRole('button', { name: '继续工作' }).click();
    await expect.poll(() => lock.count(), { timeout: 20_000 }).toBe(0);
    expect(await page.getByTestId('current-unit').textContent()).toBe(UNIT);
  });
});
