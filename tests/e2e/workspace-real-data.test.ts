// A company's real files in browser mode, as a clerk works with them: the messy 增员 workbook and
// CSV import whole (every planted fault found, every original value still in the grid, every ID
// canonical in the export); a group fix repairs 920 rows in one step and one undo restores them;
// Excel's range keys; the 险种 editor by mouse and keyboard; after 提交申报 the state follows the
// sync to 已通过 by itself. Screenshots at 1366×768 go to docs/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { canonicalId } from '../../domain/declarations/values';
import { CSV_UNKNOWN_EMPLOYMENT, messyCsv, messyWorkbook } from '../fixtures/messy-addition';
import { startDemoWorld, type DemoWorld } from '../support/demo-world';
import {
  additionCell,
  gridRowCount,
  importFile,
  loginToUnit,
  pasteTsv,
  residentId,
  thisMonth,
  waitSaved,
} from '../support/workspace-page';

let world: DemoWorld;
const UNIT = '南京云帆科技有限公司';
const fixtures = join(import.meta.dirname, '../fixtures');
const docs = join(import.meta.dirname, '../../docs');
const scratch = mkdtempSync(join(tmpdir(), 'shebao-real-data-'));

beforeAll(async () => {
  world = await startDemoWorld({ tokens: 'softhsm' });
  await loginToUnit(world, UNIT);
}, 180_000);

afterAll(async () => {
  await world?.stop();
});

async function newAddition(page: Page) {
  await page.locator('[data-nav="dashboard"]').click();
  await page.locator('[data-nav="addition"]').click();
  await page.getByRole('button', { name: '新建申报' }).click();
  await expect
    .poll(() => page.getByTestId('declaration-grid').count(), { timeout: 15_000 })
    .toBe(1);
}

async function filterColumn(page: Page, label: string, text: string) {
  await page.getByLabel(`${label}筛选`, { exact: true }).fill(text);
}

async function copySelection(page: Page): Promise<string[][]> {
  const tsv = await page.evaluate(() => {
    const data = new DataTransfer();
    document.activeElement!.dispatchEvent(
      new ClipboardEvent('copy', { clipboardData: data, bubbles: true, cancelable: true }),
    );
    return data.getData('text/plain');
  });
  return tsv
    .replace(/\r\n$/, '')
    .split('\r\n')
    .map((l) => l.split('\t'));
}

function groupOf(page: Page, field: string, code: string) {
  return page.locator(
    `[data-testid="problem-group"][data-field="${field}"][data-finding-code="${code}"]`,
  );
}

describe("a company's real files", () => {
  it('the messy workbook imports whole: the preview counts are honest, every kept value is in the grid, IDs are canonical', async () => {
    const { page } = world;
    const file = messyWorkbook();
    await newAddition(page);
    await importFile(page, join(fixtures, '增员-messy.xlsx'));
    const summary = (await page.getByTestId('import-summary').textContent()) ?? '';
    const counts = /^共(\d+)行：(\d+)行无问题，(\d+)行有错误，(\d+)行只有提醒。$/.exec(summary);
    expect(counts, summary).not.toBeNull();
    const [total, ready, errors, warnings] = counts!.slice(1).map(Number) as [
      number,
      number,
      number,
      number,
    ];
    expect(total).toBe(1000);
    expect(ready + errors + warnings).toBe(total);
    // Every planted fault whose cell cannot be read is listed, in its column, with its file row.
    const listed = new Map<number, string[]>();
    for (const row of await page.locator('[data-testid="import-issues"] tbody tr').all()) {
      const n = Number(await row.getAttribute('data-file-row'));
      listed.set(n, [...(listed.get(n) ?? []), String(await row.getAttribute('data-issue-code'))]);
    }
    for (const [row, p] of file.planted) {
      if (p.code === 'INSURED_FROM_TOO_LATE') continue; // depends on the PC's month
      expect(listed.get(row), `file row ${row}`).toContain(p.code);
    }
    expect(await page.getByTestId('import-groups').textContent()).toContain('户口性质 值不可识别');
    await page.screenshot({ path: join(docs, 'workspace-import-preview.png') });

    await page.getByTestId('import-commit').click();
    await expect.poll(() => gridRowCount(page), { timeout: 30_000 }).toBe(1000);
    // What the file said is still there, shown as an error cell, e.g. 面议 in 缴费工资.
    for (const p of [...file.planted.values()].filter((x) => x.kept && x.field !== 'kinds')) {
      const label =
        p.field === 'wageFen'
          ? '缴费工资（元）'
          : p.field === 'documentNumber'
            ? '证件号码'
            : p.field === 'householdType'
              ? '户籍性质'
              : p.field === 'employmentType'
                ? '用工形式'
                : '参保日期';
      await filterColumn(page, label, p.kept!);
      await expect.poll(() => gridRowCount(page), { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
      const cell = page.locator('[data-testid="declaration-grid"] [data-kept="true"]', {
        hasText: p.kept!,
      });
      await expect.poll(() => cell.count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
      await filterColumn(page, label, '');
    }
    // The export holds every ID in one form (ASCII, upper-case X) and the kept texts as written.
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      page.getByRole('button', { name: '导出Excel' }).click(),
    ]);
    const path = join(scratch, 'export.xlsx');
    await download.saveAs(path);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path);
    const ws = wb.worksheets[0]!;
    const head = (ws.getRow(1).values as unknown[]).map((v) => String(v ?? ''));
    const idCol = head.indexOf('证件号码');
    const exported: string[] = [];
    ws.eachRow((r, n) => {
      if (n > 1) exported.push(r.getCell(idCol).text);
    });
    expect(exported).toHaveLength(1000);
    for (const text of file.ids.values()) {
      const id = canonicalId(text);
      if (/^\d{17}[\dX]$/.test(id)) expect(exported).toContain(id);
    }
    for (const id of exported) expect(id).toMatch(/^([0-9A-Z]*|\d\.\d+E\+\d+)$/);
  }, 300_000);

  it('a column of 920 unknown values is fixed in one step from the grouped problems, and one undo restores it', async () => {
    const { page } = world;
    const file = messyCsv();
    const unknown = [...file.planted.values()].filter(
      (p) => p.field === 'employmentType' && p.kept === CSV_UNKNOWN_EMPLOYMENT,
    ).length;
    expect(unknown).toBeGreaterThanOrEqual(900);
    await newAddition(page);
    await importFile(page, join(fixtures, '增员-messy.csv'));
    await page.getByTestId('import-commit').click();
    await expect.poll(() => gridRowCount(page), { timeout: 30_000 }).toBe(file.people);
    const group = groupOf(page, 'employmentType', 'CHOICE_INVALID');
    await expect
      .poll(() => group.getAttribute('data-count'), { timeout: 30_000 })
      .toBe(String(unknown));
    expect(await group.textContent()).toContain(
      `用工形式 值不可识别 原文“${CSV_UNKNOWN_EMPLOYMENT}”`,
    );
    await page.screenshot({ path: join(docs, 'workspace-grouped-problems.png') });

    await group.getByRole('button', { name: '替换为…' }).click();
    await group.getByRole('combobox').selectOption('劳动合同制');
    await group.getByRole('button', { name: `替换${unknown}个单元格` }).click();
    await waitSaved(page);
    await page.getByRole('button', { name: '数据校验' }).click();
    await expect.poll(() => group.count(), { timeout: 30_000 }).toBe(0);
    await filterColumn(page, '用工形式', CSV_UNKNOWN_EMPLOYMENT);
    await expect.poll(() => gridRowCount(page), { timeout: 10_000 }).toBe(0);
    await filterColumn(page, '用工形式', '');

    await page.getByRole('button', { name: '撤销', exact: true }).click();
    await waitSaved(page);
    await page.getByRole('button', { name: '数据校验' }).click();
    await expect
      .poll(() => group.getAttribute('data-count'), { timeout: 30_000 })
      .toBe(String(unknown));
    await filterColumn(page, '用工形式', CSV_UNKNOWN_EMPLOYMENT);
    await expect.poll(() => gridRowCount(page), { timeout: 10_000 }).toBe(unknown);
    await filterColumn(page, '用工形式', '');
  }, 300_000);

  it('Shift+click, Shift+arrows, Ctrl+Shift+arrows and Ctrl+A select ranges as in Excel', async () => {
    const { page } = world;
    const rows = await gridRowCount(page);
    await page
      .getByTestId('declaration-grid')
      .locator('.rdg')
      .evaluate((el) => {
        el.scrollTop = 0;
        el.scrollLeft = 0;
      });
    await additionCell(page, 0, 'name').click();
    await additionCell(page, 2, 'reason').click({ modifiers: ['Shift'] });
    expect((await copySelection(page)).map((r) => r.length)).toEqual([2, 2, 2]);
    await additionCell(page, 0, 'name').click();
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowRight');
    expect((await copySelection(page)).map((r) => r.length)).toEqual([2, 2]);
    await additionCell(page, 0, 'name').click();
    await page.keyboard.press('Control+Shift+ArrowDown');
    const column = await copySelection(page);
    expect(column).toHaveLength(rows);
    await page.keyboard.press('Control+Shift+ArrowRight');
    const all = await copySelection(page);
    expect(all).toHaveLength(rows);
    expect(all[0]).toHaveLength(12);
    await page.screenshot({ path: join(docs, 'workspace-grid.png') });
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Home');
    await additionCell(page, 0, 'reason').click();
    await page.keyboard.press('Control+a');
    expect(await copySelection(page)).toHaveLength(rows);
    // The keys are shown where they help.
    expect(await page.getByTestId('grid-keys').textContent()).toContain('Ctrl+Shift+方向键');
  }, 180_000);

  it('the 险种 editor opens unclipped and works by keyboard (typing 五险) and by mouse', async () => {
    const { page } = world;
    await newAddition(page);
    const id = residentId('320102', '1990-03-04', 12);
    await additionCell(page, 0, 'name').click();
    await pasteTsv(page, `王小明\t新参保\t居民身份证\t${id}\r\n`);
    await waitSaved(page);
    await additionCell(page, 0, 'kinds').click();
    await page.keyboard.press('Enter');
    const popup = page.getByRole('dialog', { name: '险种' });
    await expect.poll(() => popup.isVisible(), { timeout: 5_000 }).toBe(true);
    const box = (await popup.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(768);
    await page.keyboard.type('五险');
    await page.keyboard.press('Enter');
    await waitSaved(page);
    await expect.poll(() => additionCell(page, 0, 'kinds').textContent()).toBe('全部');

    await additionCell(page, 0, 'kinds').dblclick();
    await expect.poll(() => popup.isVisible(), { timeout: 5_000 }).toBe(true);
    await popup.getByLabel('生育').uncheck();
    await popup.getByLabel('工伤').uncheck();
    await additionCell(page, 0, 'name').click();
    await waitSaved(page);
    await expect.poll(() => additionCell(page, 0, 'kinds').textContent()).toBe('养老、医疗、失业');
  }, 180_000);

  it('after 提交申报 the state follows the sync to 已通过 without a refresh', async () => {
    const { page } = world;
    await newAddition(page);
    const id = residentId('320102', '1991-05-06', 14);
    await additionCell(page, 0, 'name').click();
    await pasteTsv(
      page,
      [
        '李小红',
        '新参保',
        '居民身份证',
        id,
        '女',
        '1991-05-06',
        '城镇',
        '劳动合同',
        `${thisMonth()}-01`,
        '8,000',
        '五险',
        '13812345678',
      ].join('\t') + '\r\n',
    );
    await waitSaved(page);
    await page.getByRole('button', { name: '数据校验' }).click();
    await expect
      .poll(async () => (await page.getByTestId('problems-summary').textContent()) ?? '', {
        timeout: 15_000,
      })
      .toMatch(/^0个错误/);
    await page.getByRole('button', { name: '提交申报' }).click();
    const confirm = page.getByRole('dialog', { name: '请确认提醒事项' });
    if (await confirm.isVisible({ timeout: 3_000 }).catch(() => false)) {
      await confirm.getByLabel('我已核对以上提醒，确认无误').check();
      await confirm.getByRole('button', { name: '确认提交' }).click();
    }
    const state = page.getByTestId('declaration-state');
    await expect.poll(() => state.textContent(), { timeout: 60_000 }).toBe('已上传');
    const declarationId = (await page
      .getByTestId('declaration-title')
      .getAttribute('data-declaration-id'))!;
    const decide = async (decision: 'reviewing' | 'approve') => {
      const res = await fetch(`${world.serverUrl}/v1/review/declarations/${declarationId}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${world.reviewToken}`,
        },
        body: JSON.stringify({ decision }),
      });
      expect(res.status).toBe(200);
    };
    await decide('reviewing');
    await expect.poll(() => state.textContent(), { timeout: 30_000 }).toBe('审核中');
    await decide('approve');
    await expect.poll(() => state.textContent(), { timeout: 30_000 }).toBe('已通过');
  }, 180_000);
});
