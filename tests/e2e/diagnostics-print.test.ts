// 自检 and printing as a clerk and the help desk meet them, in browser mode on the demo U盾 set:
// the 自检 dialog from the login screen (1366×768), the same page in 用户中心, and a 增员
// declaration and its 回执 printed to PDF whose text (pdftotext) holds the unit, the people and
// the totals.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoRosters } from '../../server/demo/demo-roster';
import { startDemoWorld, type DemoWorld } from '../support/demo-world';
import {
  loginToUnit,
  newDeclarationId,
  openNewDeclaration,
  residentId,
  submitAdditionRows,
  thisMonth,
} from '../support/workspace-page';

const UNIT = '南京云帆科技有限公司';
const DOCS = resolve(import.meta.dirname, '../../docs');

const people = [
  {
    name: '周明远',
    id: residentId('320115', '1990-03-14', 101),
    gender: '男',
    birth: '1990-03-14',
    wage: '8000.00',
  },
  {
    name: '陈思琪',
    id: residentId('320115', '1992-07-08', 202),
    gender: '女',
    birth: '1992-07-08',
    wage: '9250.50',
  },
];
const TOTAL_WAGE = '17250.50';

let world: DemoWorld;
let work: string;
let declarationId: string;

beforeAll(async () => {
  world = await startDemoWorld({ tokens: 'softhsm' });
  work = mkdtempSync(join(tmpdir(), 'shebao-print-'));
}, 180_000);

afterAll(async () => {
  await world?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

async function pdfText(page: Page, name: string): Promise<string> {
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  const file = join(work, name);
  writeFileSync(file, pdf);
  // Every font is embedded (the PC that opens the PDF may have no Chinese font).
  const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2);
  for (const line of fonts.filter((l) => l.trim() !== '')) {
    expect(line.split(/\s+/).slice(-5, -4)[0], line).toBe('yes');
  }
  return execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

describe('自检 from the login screen', () => {
  it('checks drivers, U盾, certificates, clock, service and data, at 1366×768', async () => {
    const { page } = world;
    await page.getByRole('button', { name: '无法登录？运行自检' }).click();
    const dialog = page.locator('[data-screen="diagnostics"]');
    await dialog.locator('[data-diagnostics-summary]').waitFor({ timeout: 60_000 });
    const codes = await dialog
      .locator('[data-finding]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-finding')));
    expect(codes).toEqual(
      expect.arrayContaining([
        'MODULE_OK',
        'TOKEN_OK',
        'CERT_OK',
        'SERVICE_OK',
        'CLOCK_OK',
        'VERSIONS',
      ]),
    );
    // The demo set's expired certificate is a problem with the CA's renewal advice.
    const expired = dialog.locator('[data-finding="CERT_EXPIRED"]');
    expect(await expired.getAttribute('data-severity')).toBe('error');
    expect(await expired.textContent()).toMatch(/CA机构办理证书更新/);
    expect(await dialog.locator('[data-area="network"]').textContent()).toMatch(
      /社保服务器连接正常/,
    );
    await page.screenshot({ path: join(DOCS, 'diagnostics.png') });
    await page.getByRole('button', { name: '关闭' }).click();
    await dialog.waitFor({ state: 'detached' });
  }, 90_000);
});

describe('printing a declaration and its receipt', () => {
  it('a 增员 of two people is submitted and taken by the service', async () => {
    const { page } = world;
    await loginToUnit(world, UNIT);
    declarationId = await submitAdditionRows(
      page,
      people.map((p) => [
        p.name,
        '新参保',
        '居民身份证',
        p.id,
        p.gender,
        p.birth,
        '本地城镇',
        '劳动合同制',
        `${thisMonth()}-01`,
        p.wage,
        '全部',
        '13812345678',
      ]),
      'documentNumber',
    );
    // The service takes it (signed by the U盾) by itself.
    await page.locator('[data-nav="records"]').click();
    const row = page.getByTestId('records-screen').locator(`[data-record-id="${declarationId}"]`);
    await expect
      .poll(async () => ((await row.count()) > 0 ? await row.textContent() : ''), {
        timeout: 60_000,
      })
      .toMatch(/已上传|审核中|已通过/);
  }, 180_000);

  async function openPreview(button: '打印' | '打印回执') {
    const { page } = world;
    await page.getByTestId('records-screen').locator(`[data-record-id="${declarationId}"]`).click();
    const detail = page.getByTestId('record-detail');
    await detail.getByRole('button', { name: button, exact: true }).click();
    await page.getByTestId('print-preview').waitFor({ timeout: 15_000 });
  }

  async function closePreview() {
    const { page } = world;
    await page.getByRole('button', { name: '关闭预览' }).click();
    await page.getByTestId('print-preview').waitFor({ state: 'detached' });
    await page.keyboard.press('Escape');
    await page.getByTestId('record-detail').waitFor({ state: 'detached' });
  }

  it('prints the 增员 declaration: unit, people, amounts, totals, 经办人 and page numbers', async () => {
    await openPreview('打印');
    await world.page.screenshot({ path: join(DOCS, 'print-declaration.png') });
    const text = await pdfText(world.page, 'declaration.pdf');
    expect(text).toContain('社会保险参保人员增员申报表');
    expect(text).toContain(UNIT);
    for (const p of people) {
      expect(text).toContain(p.name);
      expect(text).toContain(p.id);
      expect(text).toContain(p.wage);
    }
    expect(text).toContain(TOTAL_WAGE);
    expect(text).toContain('共2人');
    expect(text).toMatch(/经办人：\S+/);
    expect(text).toMatch(/第\s*1\s*页\s*共\s*1\s*页/);
    await closePreview();
  }, 90_000);

  it('prints the service’s 回执: receipt number, time, batch hash, signer, people and totals', async () => {
    await openPreview('打印回执');
    const receiptNo = await world.page.locator('[data-receipt-no]').textContent();
    expect(receiptNo).toMatch(/^SB\d{8}\d{8}$/);
    await world.page.screenshot({ path: join(DOCS, 'print-receipt.png') });
    const text = await pdfText(world.page, 'receipt.pdf');
    expect(text).toContain('社会保险业务受理回执');
    expect(text).toContain(receiptNo!);
    expect(text).toMatch(/[0-9a-f]{64}/);
    expect(text).toContain(UNIT);
    for (const p of people) expect(text).toContain(p.name);
    expect(text).toContain(TOTAL_WAGE);
    expect(text).toContain('共2人');
    await closePreview();
  }, 90_000);

  it('prints 月度申报 as 缴费明细 whose 合计 is the sum of its lines', async () => {
    const { page } = world;
    const before = await openNewDeclaration(page, 'monthly');
    await page.getByRole('button', { name: '提交申报' }).click();
    const confirm = page.getByRole('button', { name: '确认提交' });
    await expect
      .poll(
        async () =>
          (await confirm.count()) > 0 ||
          /已提交/.test(
            (await page
              .getByTestId('grid-notice')
              .textContent()
              .catch(() => '')) ?? '',
          ),
        { timeout: 20_000 },
      )
      .toBe(true);
    if ((await confirm.count()) > 0) {
      await page.getByRole('dialog').getByRole('checkbox').check();
      await confirm.click();
    }
    await expect
      .poll(() => page.getByTestId('grid-notice').textContent(), { timeout: 20_000 })
      .toContain('已提交');
    const id = await newDeclarationId(page, before);
    await page.locator('[data-nav="records"]').click();
    await page.getByTestId('records-screen').locator(`[data-record-id="${id}"]`).click();
    await page
      .getByTestId('record-detail')
      .getByRole('button', { name: '打印', exact: true })
      .click();
    await page.getByTestId('print-preview').waitFor({ timeout: 15_000 });
    const text = await pdfText(page, 'monthly.pdf');
    expect(text).toContain('社会保险费月度申报缴费明细');
    expect(text).toContain(UNIT);
    const roster = demoRosters['32010000001']!;
    expect(text).toContain(roster[0]!.name);
    // Each person's line ends in four sums (基数, 单位, 个人, 合计); the 合计 line adds them up.
    const money = (line: string) =>
      [...line.matchAll(/\d+\.\d{2}/g)].map((m) => Math.round(Number(m[0]) * 100));
    const lines = text.split('\n').filter((l) => /^\s*\d+\s+\S/.test(l) && money(l).length >= 4);
    const totalLine = text.split('\n').find((l) => /合计\s+共\d+人/.test(l));
    expect(totalLine, text).toBeDefined();
    const count = Number(/共(\d+)人/.exec(totalLine!)![1]);
    expect(lines).toHaveLength(count);
    const sums = [0, 1, 2, 3].map((i) => lines.reduce((sum, l) => sum + money(l).slice(-4)[i]!, 0));
    expect(money(totalLine!).slice(-4)).toEqual(sums);
    await closePreview();
  }, 120_000);

  it('自检 is also a page of 用户中心', async () => {
    const { page } = world;
    await page.locator('[data-nav="userCenter"]').click();
    await page.locator('[data-user-center="diagnostics"]').click();
    await page
      .locator('[data-screen="diagnostics"] [data-diagnostics-summary]')
      .waitFor({ timeout: 60_000 });
    expect(await page.locator('[data-finding="SERVICE_OK"]').count()).toBe(1);
  }, 90_000);
});
