// Saves screenshots of the main screens at 1366×768 into docs/ (the README's login screen and
// the ones a reviewer looks at): `npx tsx scripts/screenshots.ts`.
import { join } from 'node:path';
import { certificateCard, startDemoWorld } from '../tests/support/demo-world';

const out = join(import.meta.dirname, '..', 'docs');
const world = await startDemoWorld({ tokens: 'sim', simDelayMs: 100 });
const { page } = world;
try {
  await certificateCard(page, world.certificate('legal-rsa').sha256).waitFor({ timeout: 15_000 });
  await page.screenshot({ path: join(out, 'login-screen.png') });

  await certificateCard(page, world.certificate('expiring-10-days').sha256).click();
  await page.screenshot({ path: join(out, 'login-expiring.png') });

  await certificateCard(page, world.certificate('legal-rsa').sha256).click();
  await page.getByLabel('U盾密码（PIN码）', { exact: true }).fill(world.manifest.userPin);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.getByText('请选择要办理业务的单位').waitFor({ timeout: 20_000 });
  await page.screenshot({ path: join(out, 'unit-chooser.png') });

  await page.getByRole('button', { name: '进入 南京云帆科技有限公司' }).click();
  await page.getByTestId('current-unit').waitFor();
  await page.screenshot({ path: join(out, 'home.png') });

  await page.locator('[data-nav="addition"]').click();
  await page.getByRole('button', { name: '新建申报' }).click();
  await page.getByTestId('declaration-grid').waitFor({ timeout: 15_000 });
  await page.screenshot({ path: join(out, 'declaration-editor.png') });

  await world.sim(['remove', '--label', 'ePass3003']);
  await page.getByRole('dialog').waitFor({ timeout: 5_000 });
  await page.screenshot({ path: join(out, 'session-locked.png') });
  console.log(`screenshots written to ${out}`);
} finally {
  await world.stop();
}
