// Offline work and sync, as a clerk would live it in browser mode: the service is down while two
// 增员 declarations are prepared and submitted; the header says they wait and why. The service
// comes back, both upload by themselves; the service approves one and returns the other, and
// both results show in the 增员 list and in 业务记录 (filtered by state, a row opens its detail).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startDemoWorld, type DemoWorld } from '../support/demo-world';
import { loginToUnit, residentId, submitAdditionRow, thisMonth } from '../support/workspace-page';

const UNIT = '南京云帆科技有限公司';
const SCREENSHOTS = '/work/main/.tmp';
const RETURN_REASON = '缴费工资低于本市最低工资标准，请核实后重新申报';

let world: DemoWorld;

interface Person {
  name: string;
  id: string;
  gender: '男' | '女';
  birth: string;
}

// Region 320115 is not in the demo roster; the 17th digit makes the gender (odd: male).
const people: [Person, Person] = [
  {
    name: '周明远',
    id: residentId('320115', '1990-03-14', 101),
    gender: '男',
    birth: '1990-03-14',
  },
  {
    name: '陈思琪',
    id: residentId('320115', '1992-07-08', 202),
    gender: '女',
    birth: '1992-07-08',
  },
];
/** Declaration ids in the order of `people`. */
const ids: string[] = [];

function reviewer() {
  const decide = async (
    id: string,
    decision: 'reviewing' | 'approve' | 'return',
    reason?: string,
  ) => {
    const res = await fetch(`${world.serverUrl}/v1/review/declarations/${id}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${world.reviewToken}`,
      },
      body: JSON.stringify(reason ? { decision, reason } : { decision }),
    });
    if (res.status !== 200)
      throw new Error(`review ${decision} ${id}: ${res.status} ${await res.text()}`);
  };
  return { decide };
}

function listRow(page: Page, id: string) {
  return page.locator(`[data-declaration-id="${id}"]`);
}

async function badge(page: Page, id: string): Promise<string | null> {
  return listRow(page, id).locator('.mantine-Badge-root').textContent({ timeout: 5_000 });
}

async function goAddition(page: Page) {
  // Through another section, so the list is mounted (and read) afresh.
  await page.locator('[data-nav="dashboard"]').click();
  await page.locator('[data-nav="addition"]').click();
  await page.getByRole('button', { name: '新建申报' }).waitFor({ timeout: 10_000 });
}

/** 新建申报 for this month, one person typed in as a row pasted from Excel, 数据校验, 提交申报. */
async function declareOne(page: Page, person: Person): Promise<string> {
  await goAddition(page);
  const row = [
    person.name,
    '新参保',
    '居民身份证',
    person.id,
    person.gender,
    person.birth,
    '本地城镇',
    '劳动合同制',
    `${thisMonth()}-01`,
    '8000.00',
    '全部',
    '13812345678',
  ];
  return submitAdditionRow(page, row, 'documentNumber');
}

async function headerText(page: Page, testId: string): Promise<string> {
  const el = page.getByTestId(testId);
  return (await el.count()) > 0 ? ((await el.textContent()) ?? '') : '';
}

beforeAll(async () => {
  world = await startDemoWorld({ tokens: 'softhsm' });
  await loginToUnit(world, UNIT);
}, 180_000);

afterAll(async () => {
  await world?.stop();
});

describe('declarations prepared offline reach the service and its decisions come back', () => {
  it('with the service down, two submitted 增员 wait as 待上传 and the header says the service cannot be reached', async () => {
    const { page } = world;
    await expect
      .poll(() => page.getByTestId('sync-status').getAttribute('data-sync-state'), {
        timeout: 30_000,
      })
      .toBe('idle');
    await world.stopServer();

    for (const person of people) ids.push(await declareOne(page, person));
    for (const id of ids) {
      expect(await listRow(page, id).textContent()).toContain('待上传');
    }

    const status = page.getByTestId('sync-status');
    await expect
      .poll(() => status.getAttribute('data-sync-state'), { timeout: 30_000 })
      .toBe('offline');
    expect(await status.locator('.mantine-Badge-root').textContent()).toBe('网络未连接');
    await expect
      .poll(() => headerText(page, 'sync-pending'), { timeout: 30_000 })
      .toBe('2笔待上传');
    expect(await headerText(page, 'sync-explanation')).toMatch(
      /^无法连接社保服务器。将于\d{1,2}:\d{2}:\d{2}自动重试。$/,
    );
    await page.screenshot({ path: `${SCREENSHOTS}/sync-offline-status.png` });
  });

  it('when the service is back, both upload by themselves and show 已上传', async () => {
    const { page } = world;
    await world.startServer();
    const status = page.getByTestId('sync-status');
    await expect
      .poll(() => headerText(page, 'sync-pending'), { timeout: 90_000, interval: 500 })
      .toBe('0笔待上传');
    await expect
      .poll(() => status.getAttribute('data-sync-state'), { timeout: 30_000 })
      .toBe('idle');
    expect(await status.locator('.mantine-Badge-root').textContent()).toBe('已同步');
    expect(await headerText(page, 'sync-last')).toMatch(/^上次同步 \d{1,2}:\d{2}:\d{2}$/);
    // The 增员 list stayed on screen all along: it follows the sync by itself.
    await expect
      .poll(() => Promise.all(ids.map((id) => badge(page, id))), { timeout: 20_000 })
      .toEqual(['已上传', '已上传']);
  });

  it('the service approves one and returns the other: the 增员 list shows 已通过, and 被退回 with the reason', async () => {
    const { page } = world;
    const [approved, returned] = ids as [string, string];
    const desk = reviewer();
    await desk.decide(approved, 'reviewing');
    await desk.decide(approved, 'approve');
    await desk.decide(returned, 'return', RETURN_REASON);
    // No click and no navigation: the list on screen follows the next pull (on the engine's timer).
    await expect
      .poll(() => Promise.all(ids.map((id) => badge(page, id))), {
        timeout: 60_000,
        interval: 1_000,
      })
      .toEqual(['已通过', '被退回']);
    expect(await listRow(page, returned).textContent()).toContain(`退回原因：${RETURN_REASON}`);
    expect(await listRow(page, approved).textContent()).not.toContain('退回原因');
  });

  it('业务记录 shows both results, filters by state, and a row opens its detail with the reason', async () => {
    const { page } = world;
    const [approved, returned] = ids as [string, string];
    await page.locator('[data-nav="records"]').click();
    const screen = page.getByTestId('records-screen');
    await screen.waitFor({ timeout: 10_000 });
    const record = (id: string) => screen.locator(`[data-record-id="${id}"]`);
    await expect.poll(() => record(approved).count(), { timeout: 10_000 }).toBe(1);
    expect(await record(approved).locator('[data-state]').textContent()).toBe('已通过');
    expect(await record(returned).locator('[data-state]').textContent()).toBe('被退回');
    expect(await record(returned).textContent()).toContain(`退回原因：${RETURN_REASON}`);
    await page.screenshot({ path: `${SCREENSHOTS}/sync-records.png` });

    const filterByState = async (state: string) => {
      await screen.getByLabel('办理状态', { exact: true }).click();
      await page.getByRole('option', { name: state }).click();
      await screen.getByRole('button', { name: '查询' }).click();
    };
    const shownRecordIds = () =>
      screen
        .locator('[data-record-id]')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-record-id')));

    // 办理状态 = 被退回, 查询: only the returned one.
    await filterByState('被退回');
    await expect.poll(shownRecordIds).toEqual([returned]);

    await record(returned).click();
    const detail = page.getByTestId('record-detail');
    await detail.waitFor({ timeout: 10_000 });
    await expect.poll(() => detail.textContent()).toContain(`退回原因：${RETURN_REASON}`);
    const text = (await detail.textContent()) ?? '';
    expect(text).toContain(people[1].name);
    expect(text).toContain(people[1].id);
    // Rows are counted from 1, as the grid shows them.
    expect(text).toContain('第1行');
    expect(text).not.toContain('第0行');
    expect(text).toContain('修改后重新提交');
    // The history: submitted here, then the service's steps.
    expect(text).toContain('待上传');
    expect(text).toContain('社保系统');
    await page.screenshot({ path: `${SCREENSHOTS}/sync-record-detail.png` });
    await detail.getByRole('button', { name: '关闭' }).click();

    // 办理状态 = 已通过: only the approved one, whose detail has no reason.
    await filterByState('已通过');
    await expect.poll(shownRecordIds).toEqual([approved]);
    await record(approved).click();
    await detail.waitFor({ timeout: 10_000 });
    await expect.poll(() => detail.textContent()).toContain(people[0].name);
    expect(await detail.textContent()).not.toContain('退回原因');
    await detail.getByRole('button', { name: '关闭' }).click();
  });
});
