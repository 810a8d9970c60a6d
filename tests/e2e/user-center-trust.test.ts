// 用户中心 → 备份与恢复 and 操作日志, as a clerk uses them in browser mode: back up with a
// password (the file is saved where the browser puts downloads), try a wrong password, restore,
// and read the audit log that recorded all of it.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoWorld, type DemoWorld } from '../support/demo-world';
import { loginToUnit } from '../support/workspace-page';

let world: DemoWorld;
const UNIT = '南京云帆科技有限公司';
const scratch = mkdtempSync(join(tmpdir(), 'shebao-backup-e2e-'));
const PASSWORD = 'Backup-密码-2026';
let backupFile = '';

beforeAll(async () => {
  world = await startDemoWorld({ tokens: 'softhsm' });
  await loginToUnit(world, UNIT);
  await world.page.locator('[data-nav="userCenter"]').click();
}, 180_000);

afterAll(async () => {
  await world?.stop();
});

describe('用户中心: backup, restore and the audit log', () => {
  it('backs up to a file the person saves, encrypted with the backup password', async () => {
    const { page } = world;
    await page.locator('[data-user-center="backup"]').click();
    const backup = page.getByTestId('backup-page');
    await backup.getByLabel('备份密码', { exact: true }).first().fill(PASSWORD);
    await backup.getByLabel('再次输入备份密码').fill('something else');
    await backup.getByText('两次输入的备份密码不一致。').waitFor();
    await backup.getByLabel('再次输入备份密码').fill(PASSWORD);
    const download = page.waitForEvent('download', { timeout: 60_000 });
    await backup.getByRole('button', { name: '生成备份文件' }).click();
    const saved = await download;
    expect(saved.suggestedFilename()).toMatch(/^社保经办助手备份_\d{14}\.sbbak$/);
    backupFile = join(scratch, saved.suggestedFilename());
    await saved.saveAs(backupFile);
    await page.getByTestId('backup-created').waitFor({ timeout: 30_000 });
    expect(readFileSync(backupFile).subarray(0, 8).toString('latin1')).toBe('SBBAK01\n');
    await page.screenshot({ path: 'docs/user-center-backup.png' });
  }, 120_000);

  it('a wrong password is refused in plain words; the right one restores', async () => {
    const { page } = world;
    const backup = page.getByTestId('backup-page');
    await backup.getByTestId('restore-file').setInputFiles(backupFile);
    const restorePassword = backup.getByLabel('备份密码', { exact: true }).last();
    await restorePassword.fill('not-the-password');
    await backup.getByRole('button', { name: '恢复数据' }).click();
    await page
      .getByRole('dialog', { name: '确认恢复' })
      .getByRole('button', { name: '确定恢复' })
      .click();
    const refused = backup.locator('[data-error-code="BACKUP_PASSWORD_WRONG"]');
    await refused.waitFor({ timeout: 60_000 });
    expect(await refused.textContent()).toContain('本机现有数据没有任何改变');

    await restorePassword.fill(PASSWORD);
    await backup.getByRole('button', { name: '恢复数据' }).click();
    await page
      .getByRole('dialog', { name: '确认恢复' })
      .getByRole('button', { name: '确定恢复' })
      .click();
    const done = page.getByTestId('restore-done');
    await done.waitFor({ timeout: 60_000 });
    expect(await done.textContent()).toMatch(/已恢复 .* 的备份/);
  }, 120_000);

  it('the audit log shows who did what, whole, and filters by action', async () => {
    const { page } = world;
    await page.locator('[data-user-center="audit"]').click();
    const log = page.getByTestId('audit-log');
    await log
      .getByTestId('audit-chain')
      .filter({ hasText: '日志完整' })
      .waitFor({ timeout: 30_000 });
    const table = log.getByTestId('audit-table');
    await table.getByText('恢复').first().waitFor();
    const text = (await table.textContent()) ?? '';
    expect(text).toContain('登录');
    expect(text).toContain('张伟');
    expect(text).toContain('成功');
    await page.screenshot({ path: 'docs/user-center-audit.png' });

    await log.getByLabel('操作', { exact: true }).click();
    await page.getByRole('option', { name: '恢复' }).click();
    await log.getByRole('button', { name: '查询' }).click();
    await expect
      .poll(async () => (await table.locator('tbody tr').allTextContents()).length, {
        timeout: 15_000,
      })
      .toBeGreaterThan(0);
    const rows = await table.locator('tbody tr').allTextContents();
    expect(rows.every((r) => r.includes('恢复'))).toBe(true);
  }, 120_000);
});
