// Page helpers for end-to-end tests of the workspace: log in and enter a unit, address a cell of
// the 增员 grid, wait for autosave, paste a block as Excel puts it on the clipboard.
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { residentIdCheckDigit } from '../../domain/ids';
import { certificateCard, type DemoWorld } from './demo-world';

/** The 增员 grid's columns, in order (aria-colindex = index + 2; the row number is column 1). */
export const additionColumns = [
  'name',
  'reason',
  'documentType',
  'documentNumber',
  'gender',
  'birthDate',
  'householdType',
  'employmentType',
  'insuredFrom',
  'wageFen',
  'kinds',
  'mobile',
] as const;
export type AdditionColumn = (typeof additionColumns)[number];

/** The PC's current month, as 新建申报 proposes it. */
export function thisMonth(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

/** A valid 18-digit resident ID (region, birth date, sequence, check digit). */
export function residentId(region: string, birth: string, seq: number): string {
  const first17 = region + birth.replace(/-/g, '') + String(seq).padStart(3, '0');
  return first17 + residentIdCheckDigit(first17);
}

/** Logs in with `scenario`'s certificate and the demo PIN, then enters `unit`. */
export async function loginToUnit(
  world: DemoWorld,
  unit: string,
  scenario: Parameters<DemoWorld['certificate']>[0] = 'legal-rsa',
): Promise<void> {
  const { page } = world;
  await certificateCard(page, world.certificate(scenario).sha256).click();
  await page.getByLabel('U盾密码（PIN码）', { exact: true }).fill(world.manifest.userPin);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.getByRole('button', { name: `进入 ${unit}` }).click({ timeout: 20_000 });
  await page.getByTestId('current-unit').filter({ hasText: unit }).waitFor({ timeout: 20_000 });
}

export function additionCell(page: Page, row: number, field: AdditionColumn) {
  return page.locator(
    `[data-testid="declaration-grid"] [role="row"][aria-rowindex="${row + 2}"] [role="gridcell"][aria-colindex="${additionColumns.indexOf(field) + 2}"]`,
  );
}

export async function waitSaved(page: Page): Promise<void> {
  await expect
    .poll(() => page.getByTestId('save-status').textContent(), { timeout: 10_000 })
    .toMatch(/已自动保存/);
}

/** Pastes tab-separated text into the focused grid cell, as Ctrl+V from Excel does. */
export async function pasteTsv(page: Page, tsv: string): Promise<void> {
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    document.activeElement!.dispatchEvent(
      new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
    );
  }, tsv);
}

/** The ids of the declarations the list shows, top to bottom. */
export async function listedIds(page: Page): Promise<string[]> {
  return page
    .locator('[data-declaration-id]')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-declaration-id') ?? ''));
}

/**
 * Goes to `section`'s list and, once it has been read, 新建申报 until its grid shows; returns the
 * ids the list showed before, for newDeclarationId.
 */
export async function openNewDeclaration(
  page: Page,
  section: 'addition' | 'monthly',
): Promise<Set<string>> {
  await page.locator(`[data-nav="${section}"]`).click();
  await page.getByRole('button', { name: '新建申报' }).waitFor({ timeout: 10_000 });
  // The list as read from the store, not the empty one shown while it loads.
  await page.locator('[data-list-loaded="true"]').waitFor({ timeout: 15_000 });
  const before = new Set(await listedIds(page));
  await page.getByRole('button', { name: '新建申报' }).click();
  await expect
    .poll(() => page.getByTestId('declaration-grid').count(), { timeout: 15_000 })
    .toBe(1);
  return before;
}

/** 返回列表 from the editor; the id of the one declaration listed now that `before` did not have. */
export async function newDeclarationId(page: Page, before: ReadonlySet<string>): Promise<string> {
  await page.getByRole('button', { name: /返回列表/ }).click();
  await expect
    .poll(async () => (await listedIds(page)).filter((id) => !before.has(id)).length, {
      timeout: 10_000,
    })
    .toBe(1);
  return (await listedIds(page)).find((id) => !before.has(id))!;
}

/**
 * 新建申报 in the 增员 list, `rows` pasted as Excel puts them on the clipboard (each row's cells
 * in the order of additionColumns), 数据校验, 提交申报, back to the list; returns the new
 * declaration's id. The paste counts as landed once the last row's `landed` cell shows its value.
 */
export async function submitAdditionRows(
  page: Page,
  rows: readonly (readonly string[])[],
  landed: AdditionColumn = 'name',
): Promise<string> {
  const before = await openNewDeclaration(page, 'addition');
  await additionCell(page, 0, 'name').click();
  await pasteTsv(page, rows.map((cells) => cells.join('\t') + '\r\n').join(''));
  await waitSaved(page);
  const last = rows.length - 1;
  await expect
    .poll(() => additionCell(page, last, landed).textContent())
    .toBe(rows[last]![additionColumns.indexOf(landed)]);
  await page.getByRole('button', { name: '数据校验' }).click();
  await expect
    .poll(() => page.getByTestId('validation-passed').count(), { timeout: 15_000 })
    .toBe(1);
  await page.getByRole('button', { name: '提交申报' }).click();
  await expect
    .poll(() => page.getByTestId('grid-notice').textContent(), { timeout: 15_000 })
    .toContain('已提交，等待上传到社保服务。');
  return newDeclarationId(page, before);
}

/** submitAdditionRows with one row. */
export function submitAdditionRow(
  page: Page,
  cells: readonly string[],
  landed: AdditionColumn = 'name',
): Promise<string> {
  return submitAdditionRows(page, [cells], landed);
}

/** 从Excel导入 with a file, up to the preview (nothing written yet). */
export async function importFile(page: Page, path: string): Promise<void> {
  await page.getByRole('button', { name: '从Excel导入' }).click();
  await page.getByTestId('import-file').setInputFiles(path);
  await expect.poll(() => page.getByTestId('import-preview').count(), { timeout: 60_000 }).toBe(1);
}

/** Rows the grid shows (after its filters). */
export async function gridRowCount(page: Page): Promise<number> {
  return Number(await page.getByTestId('declaration-grid').getAttribute('data-row-count'));
}
