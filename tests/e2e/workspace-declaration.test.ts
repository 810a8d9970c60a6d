// The declaration workspace, as a clerk would do it in browser mode: import a messy 1,000-row Excel file
// into a 增员 declaration, see exactly its bad rows in the preview, fix them in the grid, pass
// 数据校验, survive a crash of the app process, and round-trip the declaration through Excel.
// Also the grid's keyboard and clipboard, the way people move data in from Excel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { residentIdCheckDigit } from '../../domain/ids';
import { startDemoWorld, type DemoWorld } from '../support/demo-world';
import {
  additionCell,
  gridRowCount,
  importFile,
  additionColumns,
  loginToUnit,
  pasteTsv,
  thisMonth,
  waitSaved,
} from '../support/workspace-page';

let world: DemoWorld;
const scratch = mkdtempSync(join(tmpdir(), 'shebao-ws-e2e-'));
const UNIT = '南京云帆科技有限公司';

interface Person {
  name: string;
  id: string;
  gender: '男' | '女';
  birth: string;
  wage: number;
}

/** 1,000 distinct people born on distinct days; region 320115 is not in the demo roster. */
function people(): Person[] {
  const surnames = '赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜';
  const given = [
    '伟',
    '芳',
    '娜',
    '敏',
    '静',
    '磊',
    '洋',
    '勇',
    '艳',
    '杰',
    '涛',
    '明',
    '超',
    '霞',
    '刚',
  ];
  const list: Person[] = [];
  const start = Date.UTC(1980, 0, 1);
  for (let i = 0; i < 1000; i++) {
    const birth = new Date(start + i * 7 * 86_400_000).toISOString().slice(0, 10);
    const seq = String(100 + (i % 800)).padStart(3, '0');
    const first17 = `320115${birth.replace(/-/g, '')}${seq}`;
    list.push({
      name: `${surnames[i % surnames.length]}${given[i % given.length]}${given[(i * 7) % given.length]}`,
      id: first17 + residentIdCheckDigit(first17),
      gender: Number(seq[2]) % 2 === 1 ? '男' : '女',
      birth,
      wage: 7_000 + (i % 300) * 10,
    });
  }
  return list;
}

function wrongCheckDigit(id: string): string {
  const last = id[17]!;
  const other = last === '1' ? '2' : '1';
  return id.slice(0, 17) + other;
}

interface MessyFile {
  path: string;
  people: Person[];
  /** File rows (1-based, as Excel shows them) that must be reported, with their code. */
  bad: Map<number, string>;
  badPeople: Person[];
}

/**
 * A file like the ones clerks bring: a title row above the header, header synonyms, an unknown
 * column, a blank line, names with spaces, lowercase x, full-width digits, dates as Excel dates,
 * text and numbers, wages as numbers and as "7,800.50". Two rows are really wrong: a mistyped
 * check digit, and an ID Excel turned into 3.20102E+17.
 */
async function writeMessyXlsx(): Promise<MessyFile> {
  const list = people();
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('增员');
  ws.addRow([`${thisMonth()} 增员花名册`]);
  ws.addRow([
    '序号',
    '姓名',
    '增员原因',
    '证件类型',
    '公民身份号码',
    '性别',
    '出生日期',
    '户籍性质',
    '用工形式',
    '参保日期',
    '缴费工资',
    '手机号码',
    '备注',
  ]);
  const bad = new Map<number, string>();
  const badPeople: Person[] = [];
  const insured = `${thisMonth()}-01`;
  list.forEach((p, i) => {
    if (i === 500) ws.addRow([]);
    let id: string = p.id;
    if (i % 97 === 5) id = id.toLowerCase();
    if (i % 89 === 3)
      id = id.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    if (i === 137) {
      id = wrongCheckDigit(p.id);
      badPeople.push(p);
    }
    if (i === 702) {
      id = '3.20102E+17';
      badPeople.push(p);
    }
    const birth =
      i % 3 === 0
        ? new Date(`${p.birth}T00:00:00Z`)
        : i % 3 === 1
          ? p.birth.replace(/-/g, '/')
          : p.birth;
    const wage = i % 4 === 0 ? `${p.wage.toLocaleString('en')}.50` : p.wage;
    const row = ws.addRow([
      i + 1,
      i % 10 === 0 ? ` ${p.name} ` : p.name,
      '新参保',
      '居民身份证',
      id,
      p.gender,
      birth,
      i % 2 ? '本地城镇' : '外地农村',
      '劳动合同制',
      i % 5 === 0 ? insured.replace(/-/g, '/') : insured,
      wage,
      '',
      i % 50 === 0 ? '试用期' : '',
    ]);
    row.getCell(5).numFmt = '@';
    if (i === 137) bad.set(row.number, 'ID_CHECK_DIGIT');
    if (i === 702) bad.set(row.number, 'ID_SHOWN_SCIENTIFIC');
  });
  const path = join(scratch, '增员花名册.xlsx');
  await wb.xlsx.writeFile(path);
  return { path, people: list, bad, badPeople };
}

async function openAddition(page: Page, which: 'new' | number) {
  await page.locator('[data-nav="addition"]').click();
  if (which === 'new') await page.getByRole('button', { name: '新建申报' }).click();
  else
    await page
      .getByRole('button', { name: /^打开 / })
      .nth(which)
      .click();
  await expect
    .poll(() => page.getByTestId('declaration-grid').count(), { timeout: 15_000 })
    .toBe(1);
}

async function download(page: Page, button: string, name: string): Promise<string> {
  const [file] = await Promise.all([
    page.waitForEvent('download', { timeout: 30_000 }),
    page.getByRole('button', { name: button }).click(),
  ]);
  const path = join(scratch, name);
  await file.saveAs(path);
  return path;
}

async function sheetValues(path: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.worksheets[0]!;
  const out: string[][] = [];
  ws.eachRow((row) => {
    const values: string[] = [];
    row.eachCell({ includeEmpty: true }, (c) => values.push(c.text));
    out.push(values);
  });
  return out;
}

let messy: MessyFile;

beforeAll(async () => {
  [world, messy] = await Promise.all([startDemoWorld({ tokens: 'softhsm' }), writeMessyXlsx()]);
  await loginToUnit(world, UNIT);
}, 180_000);

afterAll(async () => {
  await world?.stop();
});

describe('the declaration workspace', () => {
  it('a messy 1,000-row Excel file previews exactly its two bad rows, with reasons, before writing anything', async () => {
    const { page } = world;
    await openAddition(page, 'new');
    await importFile(page, messy.path);
    expect(await page.getByTestId('import-summary').textContent()).toContain('共1000行');
    const issueRows = page.locator('[data-testid="import-issues"] tbody tr');
    const reported = new Map<number, string>();
    for (const row of await issueRows.all()) {
      reported.set(
        Number(await row.getAttribute('data-file-row')),
        String(await row.getAttribute('data-issue-code')),
      );
    }
    expect(reported).toEqual(messy.bad);
    const text = await page.getByTestId('import-issues').textContent();
    expect(text).toContain('证件号码校验不通过');
    expect(text).toContain('科学计数法');
    // Nothing is written until 导入 is pressed.
    expect(await gridRowCount(page)).toBe(0);

    const report = await download(page, '下载错误报告（xlsx）', 'errors.xlsx');
    const reportRows = await sheetValues(report);
    expect(reportRows.length).toBeGreaterThanOrEqual(3);

    await page.getByRole('button', { name: '导入全部1000行' }).click();
    await expect.poll(() => gridRowCount(page), { timeout: 30_000 }).toBe(1000);
  });

  it('数据校验 lists the two problems; fixing the two cells in the grid makes it pass', async () => {
    const { page } = world;
    await page.getByRole('button', { name: '数据校验' }).click();
    await expect.poll(() => page.getByTestId('problems-summary').textContent()).toMatch(/^2个错误/);
    for (const [i, person] of messy.badPeople.entries()) {
      // The first remaining problem: jump to its cell, type the right number.
      await page.locator('[data-testid="problems-panel"] label', { hasText: '逐条列出' }).click();
      await page.locator('[data-testid="problems-panel"] .ws-problem').first().click();
      await page.keyboard.press('Enter');
      const editor = page.locator('input.ws-editor');
      await expect.poll(() => editor.count()).toBe(1);
      await editor.fill(person.id);
      await page.keyboard.press('Enter');
      await waitSaved(page);
      await page.getByRole('button', { name: '数据校验' }).click();
      if (i === 0)
        await expect
          .poll(() => page.getByTestId('problems-summary').textContent())
          .toMatch(/^1个错误/);
    }
    await expect
      .poll(() => page.getByTestId('validation-passed').count(), { timeout: 15_000 })
      .toBe(1);
  });

  it('after the app process is killed mid-edit and started again, every saved edit is there', async () => {
    const { page } = world;
    // An edit is open in the grid (typed, not committed) when the process dies.
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('Enter');
    await page.keyboard.type('abc');
    await world.restartApp('SIGKILL');
    await loginToUnit(world, UNIT);
    await openAddition(page, 0);
    await expect.poll(() => gridRowCount(page), { timeout: 30_000 }).toBe(1000);
    await page.getByRole('button', { name: '数据校验' }).click();
    await expect
      .poll(() => page.getByTestId('validation-passed').count(), { timeout: 15_000 })
      .toBe(1);
    const search = page.getByLabel('按姓名或证件号码查找，回车跳到下一个');
    for (const person of messy.badPeople) {
      await search.fill(person.id);
      await search.press('Enter');
      await expect.poll(() => page.getByTestId('search-result').textContent()).toBe('第1/1个');
    }
  });

  it('exporting to xlsx and importing the export again gives the same declaration', async () => {
    const { page } = world;
    const first = await sheetValues(await download(page, '导出Excel', 'export-1.xlsx'));
    expect(first.length).toBeGreaterThanOrEqual(1001);
    const exported = join(scratch, 'export-1.xlsx');
    await page.getByRole('button', { name: /返回列表/ }).click();
    await page.getByRole('button', { name: '新建申报' }).click();
    await expect
      .poll(() => page.getByTestId('declaration-grid').count(), { timeout: 15_000 })
      .toBe(1);
    await importFile(page, exported);
    expect(await page.getByTestId('import-summary').textContent()).toContain('共1000行');
    expect(await page.locator('[data-testid="import-issues"]').count()).toBe(0);
    await page.getByRole('button', { name: '导入全部1000行' }).click();
    await expect.poll(() => gridRowCount(page), { timeout: 30_000 }).toBe(1000);
    const second = await sheetValues(await download(page, '导出Excel', 'export-2.xlsx'));
    // From the header row on (a title above it may name the declaration).
    const body = (rows: string[][]) => rows.slice(rows.findIndex((r) => r.includes('姓名')));
    expect(body(second)).toEqual(body(first));
    expect(body(first).length).toBe(1001);
  });

  it('arrows, Tab and Home/End move between cells; a TSV block pasted from Excel fills and extends rows as one undo step', async () => {
    const { page } = world;
    await page.getByRole('button', { name: /返回列表/ }).click();
    await openAddition(page, 'new');
    // The empty line at the end takes the first row.
    await additionCell(page, 0, 'name').click();
    await page.keyboard.press('Enter');
    await page.locator('input.ws-editor').fill('王小明');
    await page.keyboard.press('Enter');
    await waitSaved(page);
    await expect.poll(() => gridRowCount(page)).toBe(1);

    await additionCell(page, 0, 'name').click();
    const active = page.locator(
      '[data-testid="declaration-grid"] [role="gridcell"][aria-selected="true"]',
    );
    await page.keyboard.press('ArrowRight');
    expect(await active.getAttribute('aria-colindex')).toBe(
      String(additionColumns.indexOf('reason') + 2),
    );
    await page.keyboard.press('Tab');
    expect(await active.getAttribute('aria-colindex')).toBe(
      String(additionColumns.indexOf('documentType') + 2),
    );
    await page.keyboard.press('End');
    expect(await active.getAttribute('aria-colindex')).toBe(
      String(additionColumns.indexOf('mobile') + 2),
    );
    await page.keyboard.press('Home');
    expect(await active.getAttribute('aria-colindex')).toBe(
      String(additionColumns.indexOf('name') + 2),
    );
    await page.keyboard.press('ArrowDown');
    expect(await active.locator('xpath=..').getAttribute('aria-rowindex')).toBe('3');
    await page.keyboard.press('ArrowUp');

    // Three rows × four columns from Excel, starting at the first row's 姓名.
    const [a, b, c] = people().slice(0, 3) as [Person, Person, Person];
    const tsv =
      [a, b, c].map((p) => [p.name, '新参保', '居民身份证', p.id].join('\t')).join('\r\n') + '\r\n';
    await pasteTsv(page, tsv);
    await waitSaved(page);
    await expect.poll(() => gridRowCount(page)).toBe(3);
    for (const [i, p] of [a, b, c].entries()) {
      expect(await additionCell(page, i, 'name').textContent()).toBe(p.name);
      expect(await additionCell(page, i, 'reason').textContent()).toBe('新参保');
      expect(await additionCell(page, i, 'documentNumber').textContent()).toBe(p.id);
    }

    // Copy the block back out as TSV.
    await additionCell(page, 0, 'name').click();
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowRight');
    const copied = await page.evaluate(() => {
      const data = new DataTransfer();
      document.activeElement!.dispatchEvent(
        new ClipboardEvent('copy', { clipboardData: data, bubbles: true, cancelable: true }),
      );
      return data.getData('text/plain');
    });
    expect(copied).toBe([a, b, c].map((p) => `${p.name}\t新参保`).join('\r\n') + '\r\n');

    // Ctrl+D fills the 出生日期 of the first row down the selection.
    await additionCell(page, 0, 'birthDate').click();
    await page.keyboard.press('Enter');
    await page.locator('input.ws-editor').fill('1990/1/2');
    await page.keyboard.press('Enter');
    await waitSaved(page);
    expect(await additionCell(page, 0, 'birthDate').textContent()).toBe('1990-01-02');
    await additionCell(page, 0, 'birthDate').click();
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Control+d');
    await expect.poll(() => additionCell(page, 2, 'birthDate').textContent()).toBe('1990-01-02');

    // One Ctrl+Z takes back the fill-down, the next the typed date, the next the pasted block.
    await page.keyboard.press('Control+z');
    await expect.poll(() => additionCell(page, 2, 'birthDate').textContent()).toBe('');
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+z');
    await expect.poll(() => gridRowCount(page)).toBe(1);
    expect(await additionCell(page, 0, 'name').textContent()).toBe('王小明');
    await page.keyboard.press('Control+y');
    await expect.poll(() => gridRowCount(page)).toBe(3);
  });
});
