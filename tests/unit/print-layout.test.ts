// The printed form of a declaration: every person once, numbered, money in 元 summed exactly in
// fen, pages of a fixed size, the totals on the last page only.
import { describe, expect, it } from 'vitest';
import { buildSheet, LINES_PER_PAGE, paginate } from '../../renderer/src/print/layout';
import { fenToYuan } from '../../domain/money';
import { additionRows, additionWageTotalFen } from '../../bench/print/sample-rows';

const base = {
  month: '2026-11',
  declarationTitle: '2026-11 增员',
  unitName: '南京云帆科技有限公司',
  unitNo: '32010000001',
  operator: '张伟',
  printedOn: '2026-11-30',
};

describe('print layout', () => {
  it('lays out 1,000 people on 34 pages with exact totals', () => {
    const sheet = buildSheet({ ...base, kind: 'addition', rows: additionRows(1000) });
    expect(sheet.title).toBe('社会保险参保人员增员申报表');
    expect(sheet.lines).toHaveLength(1000);
    expect(sheet.lines.map((l) => l.__serial)).toEqual(
      Array.from({ length: 1000 }, (_, i) => String(i + 1)),
    );
    expect(sheet.totals).toMatchObject({
      __serial: '合计',
      name: '共1000人',
      wageFen: fenToYuan(additionWageTotalFen(1000)),
    });
    // A missing wage prints blank and counts as nothing.
    expect(sheet.lines[49]!.wageFen).toBe('');
    expect(sheet.lines[0]).toMatchObject({ gender: '男', additionReason: '转入' });

    const pages = paginate(sheet);
    expect(pages).toHaveLength(Math.ceil(1000 / LINES_PER_PAGE));
    expect(pages.filter((p) => p.last).map((p) => p.number)).toEqual([pages.length]);
    expect(pages.flatMap((p) => p.lines)).toEqual(sheet.lines);
  });

  it('an empty declaration still prints one page, with 共0人', () => {
    const sheet = buildSheet({ ...base, kind: 'reduction', rows: [] });
    expect(paginate(sheet)).toEqual([{ number: 1, lines: [], last: true }]);
    expect(sheet.totals.name).toBe('共0人');
    expect(sheet.title).toBe('社会保险参保人员减员申报表');
  });

  it('月度申报 prints as 缴费明细 with base, unit, personal and total columns summed', () => {
    const rows = [
      {
        rowNo: 0,
        data: {
          name: '王芳',
          documentNumber: 'A',
          baseFen: 500_000,
          unitTotalFen: 150_000,
          personalTotalFen: 52_500,
          totalFen: 202_500,
        },
      },
      {
        rowNo: 1,
        data: {
          name: '李娜',
          documentNumber: 'B',
          baseFen: 800_001,
          unitTotalFen: 240_000,
          personalTotalFen: 84_001,
          totalFen: 324_001,
        },
      },
    ];
    const sheet = buildSheet({ ...base, kind: 'monthly', rows });
    expect(sheet.title).toBe('社会保险费月度申报缴费明细');
    expect(sheet.totals).toMatchObject({
      baseFen: '13000.01',
      unitTotalFen: '3900.00',
      personalTotalFen: '1365.01',
      totalFen: '5265.01',
    });
  });
});
