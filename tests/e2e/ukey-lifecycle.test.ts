// The U-Key's life in the app: a U-Key that counts wrong PINs, locks, and gets pulled out,
// driven through the simulator (native/ukey-sim) in front of SoftHSM2.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { certificateCard, startDemoWorld, type DemoWorld } from '../support/demo-world';
import { ui } from '../../domain/ui-text';

let world: DemoWorld;
const WRONG_PINS = ['908172', '771234', '650019'];
const UNSAVED = '王小明';

beforeAll(async () => {
  world = await startDemoWorld({ tokens: 'sim', simDelayMs: 150 });
}, 120_000);

afterAll(async () => {
  await world?.stop();
});

const pinField = () => world.page.getByLabel('U盾密码（PIN码）', { exact: true });
const loginButton = () => world.page.getByRole('button', { name: '登录', exact: true });

async function choose(scenario: Parameters<DemoWorld['certificate']>[0]) {
  const card = certificateCard(world.page, world.certificate(scenario).sha256);
  await expect.poll(() => card.count(), { timeout: 15_000 }).toBeGreaterThan(0);
  await card.first().click();
}

/** Types the PIN and presses Enter (a notice appearing meanwhile cannot move Enter away). */
async function tryPin(pin: string) {
  await pinField().fill(pin);
  await pinField().press('Enter');
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

describe('PIN retries on a U-Key that counts', () => {
  it('two wrong PINs show the remaining-tries warning', async () => {
    await choose('agent-ec');
    await tryPin(WRONG_PINS[0]!);
    await expect
      .poll(() => world.page.locator('[data-error-code="PIN_INCORRECT"]').count(), {
        timeout: 15_000,
      })
      .toBe(1);
    await tryPin(WRONG_PINS[1]!);
    await expect
      .poll(() => world.page.locator('[data-pin-state="count-low"]').count(), { timeout: 15_000 })
      .toBe(1);
    expect(await world.page.getByText('密码剩余尝试次数较少').count()).toBe(1);
  });

  it('the final try must be confirmed before the PIN is sent', async () => {
    await world.sim(['set-retries', '1', '--label', 'WatchKey']);
    await expect
      .poll(() => world.page.locator('[data-pin-state="final-try"]').count(), { timeout: 15_000 })
      .toBe(1);
    await pinField().fill(WRONG_PINS[2]!);
    expect(await loginButton().isDisabled()).toBe(true);
    await world.page.getByLabel('我已确认密码无误，继续登录').check();
    expect(await loginButton().isDisabled()).toBe(false);
    await loginButton().click();
    await expect
      .poll(() => world.page.locator('[data-error-code="PIN_INCORRECT"]').count(), {
        timeout: 15_000,
      })
      .toBe(1);
  });

  it('a locked token takes no PIN and says how to unlock it', async () => {
    const guidance = world.page.locator('[data-error-code="PIN_LOCKED"]');
    await expect.poll(() => guidance.count(), { timeout: 15_000 }).toBe(1);
    expect(await pinField().count()).toBe(0);
    expect(await guidance.textContent()).toMatch(/CA机构（测试CA中心）解锁.*U盾厂商/);
    expect(await loginButton().isDisabled()).toBe(true);
  });

  it('after the CA unlocks it, the right PIN logs in', async () => {
    await world.sim(['unlock', '--label', 'WatchKey']);
    await expect.poll(() => pinField().count(), { timeout: 15_000 }).toBe(1);
    await tryPin(world.manifest.userPin);
    await expect
      .poll(() => world.page.getByTestId('current-unit').count(), { timeout: 20_000 })
      .toBe(1);
    await world.page.getByRole('button', { name: '退出登录' }).click();
    await expect.poll(() => world.page.getByText('单位经办人登录').count()).toBe(1);
  });

  it('a U-Key with a PIN pad asks for no PIN: the clerk types it on the key and is logged in', async () => {
    await world.sim(['pin-pad', 'on', world.manifest.userPin, '--label', 'WatchKey']);
    try {
      await choose('agent-ec');
      await expect
        .poll(() => world.page.getByText(ui.login.pinPad).count(), { timeout: 15_000 })
        .toBe(1);
      expect(await pinField().count()).toBe(0);
      await loginButton().click();
      await expect
        .poll(() => world.page.getByTestId('current-unit').count(), { timeout: 20_000 })
        .toBe(1);
      await world.page.getByRole('button', { name: '退出登录' }).click();
      await expect.poll(() => world.page.getByText('单位经办人登录').count()).toBe(1);
    } finally {
      await world.sim(['pin-pad', 'off', '--label', 'WatchKey']);
    }
  });
});

describe('pulling the U盾 out while it signs', () => {
  it('gives a clear error and leaves nothing half-done: no session, the PIN field is empty', async () => {
    const { page } = world;
    // A signature far longer than starting the simulator's control command takes on a loaded
    // machine, so the key is surely pulled out while it signs (removal cuts the signature short).
    await world.sim(['set-delay', '30000', '--label', 'ePass3003']);
    await choose('legal-rsa');
    await tryPin(world.manifest.userPin);
    await expect
      .poll(() => page.getByText('正在使用U盾签名，请勿拔出U盾…').count(), { timeout: 10_000 })
      .toBe(1);
    await world.sim(['remove', '--label', 'ePass3003']);
    const error = page.locator('[data-error-code="TOKEN_REMOVED"]');
    await expect.poll(() => error.count(), { timeout: 25_000 }).toBe(1);
    expect(await page.getByText('单位经办人登录').count()).toBe(1);
    await world.sim(['insert', '--label', 'ePass3003']);
    await world.sim(['set-delay', '150', '--label', 'ePass3003']);
  });
});

describe('pulling the U盾 out during a session', () => {
  it('locks the screen when the U盾 is pulled out, keeping the unit and person in view', async () => {
    const { page } = world;
    await choose('legal-rsa');
    await tryPin(world.manifest.userPin);
    await page
      .getByRole('button', { name: '进入 南京云帆贸易有限公司' })
      .click({ timeout: 20_000 });
    await expect
      .poll(() => page.getByTestId('current-unit').textContent())
      .toBe('南京云帆贸易有限公司');
    // The clerk is typing a name into a new 增员 when the key comes out: not yet committed.
    await page.locator('[data-nav="addition"]').click();
    await page.getByRole('button', { name: '新建申报' }).click();
    await expect
      .poll(() => page.getByTestId('declaration-grid').count(), { timeout: 15_000 })
      .toBe(1);
    await page.locator('[data-testid="declaration-grid"] [role="gridcell"]').first().click();
    await page.keyboard.press('Enter');
    await page.keyboard.type(UNSAVED);

    await world.sim(['remove', '--label', 'ePass3003']);
    // How fast is a bench figure (token removal → lock); here, that it locks by itself.
    const lock = page.getByRole('dialog', { name: 'U盾已拔出，已暂时锁定' });
    await expect.poll(() => lock.count(), { timeout: 15_000, interval: 50 }).toBe(1);
    expect(await lock.textContent()).toContain('张伟 · 南京云帆贸易有限公司');
    expect(await page.getByTestId('current-unit').textContent()).toBe('南京云帆贸易有限公司');
  });

  it('another certificate cannot resume the session, and the clerk is told to log out first', async () => {
    const lock = world.page.getByRole('dialog', { name: 'U盾已拔出，已暂时锁定' });
    // Other U-Keys are still plugged in (李娜's, 王芳's): none of them is offered a PIN field.
    const refusal = lock.locator('[data-error-code="RESUME_OTHER_CERTIFICATE"]');
    await expect.poll(() => refusal.count(), { timeout: 5_000 }).toBe(1);
    expect(await refusal.textContent()).toContain('请先退出登录');
    expect(await lock.getByLabel('U盾密码（PIN码）', { exact: true }).count()).toBe(0);
  });

  it('putting the same U盾 back and entering the PIN resumes where the clerk was', async () => {
    const { page } = world;
    await world.sim(['insert', '--label', 'ePass3003']);
    const lock = page.getByRole('dialog', { name: 'U盾已拔出，已暂时锁定' });
    await expect
      .poll(() => lock.getByLabel('U盾密码（PIN码）', { exact: true }).count(), { timeout: 5_000 })
      .toBe(1);
    await lock.getByLabel('U盾密码（PIN码）', { exact: true }).fill(world.manifest.userPin);
    await lock.getByRole('button', { name: '继续工作' }).click();
    await expect.poll(() => lock.count(), { timeout: 15_000 }).toBe(0);
    expect(await page.getByTestId('current-unit').textContent()).toBe('南京云帆贸易有限公司');
    // The name typed before the key came out is still in the grid: in its open editor, or in
    // the cell when the lock took the focus away and the grid committed it.
    const gridText = await page
      .getByTestId('declaration-grid')
      .evaluate(
        (el) =>
          `${el.textContent ?? ''} ${[...el.querySelectorAll('input')].map((i) => i.value).join(' ')}`,
      );
    expect(gridText).toContain(UNSAVED);
  });
});

describe('PINs stay on the token', () => {
  it('no typed PIN appears in any file the app wrote', () => {
    const files = filesUnder(world.appDataDir);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const bytes = readFileSync(file);
      for (const pin of [...WRONG_PINS, world.manifest.userPin]) {
        expect(bytes.includes(Buffer.from(pin)), `${pin} found in ${file}`).toBe(false);
      }
    }
  });
});
