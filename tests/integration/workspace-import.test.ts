// Import and export with real files made here: a messy 1,000-row xlsx, GBK and UTF-8 csv, an old
// .xls; the preview names exactly the bad rows with their reasons and writes nothing; export is
// formula-safe, keeps IDs as text and imports back to exactly the same rows.
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import * as XLSX from '@e965/xlsx';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canonicalId } from '../../domain/declarations/values';
import { messyCsv, messyWorkbook, type MessyFile } from '../fixtures/messy-addition';
import type { AdditionRow } from '../../domain/declarations/addition';
import {
  exportDeclaration,
  readTemplate,
} from '../../electron/services/workspace/export/export-service';
import { ImportService } from '../../electron/services/workspace/import/import-service';
import {
  additionRow,
  makeWorkspace,
  MONTH,
  nameOf,
  nthId,
  TODAY,
  UNIT,
  type TestWorkspace,
} from './workspace-support';

let t: TestWorkspace;
beforeEach(() => {
  t = makeWorkspace();
});
afterEach(() => t.close());

function newDraft(kind: 'addition' | 'reduction' | 'base' = 'addition'): string {
  return t.ws.create({ unitNo: UNIT.unitNo, kind, month: MONTH }).id;
}

async function xlsxBytes(rows: unknown[][]): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('增员');
  for (const r of rows) ws.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const header = [
  '姓名',
  '公民身份号码',
  '增员原因',
  '户口性质',
  '用工形式',
  '参保时间',
  '月缴费工资',
  '养老保险',
  '医疗保险',
  '失业保险',
  '工伤保险',
  '生育保险',
  '备注',
];

/** The messy file and, per file row, the codes the preview must report. */
function messyRows(count: number): { rows: unknown[][]; expected: Map<number, string[]> } {
  const rows: unknown[][] = [['2024年7月 增员名单（某某公司）'], header];
  const expected = new Map<number, string[]>();
  for (let i = 0; i < count; i++) {
    const fileRow = i + 3;
    let id: unknown = nthId(i);
    let wage: unknown = 8000 + (i % 50);
    let from: unknown = '2024-07-01';
    const k = i % 97;
    if (k === 5) {
      id = `${(3.20102 + i / 1e6).toFixed(5)}E+17`;
      expected.set(fileRow, ['ID_SHOWN_SCIENTIFIC']);
    } else if (k === 17) {
      id = Number(`${nthId(i).slice(0, 15)}000`);
      expected.set(fileRow, ['ID_STORED_AS_NUMBER']);
    } else if (k === 29) {
      const s = nthId(i);
      id = s.slice(0, 17) + (s[17] === '1' ? '2' : '1');
      expected.set(fileRow, ['ID_CHECK_DIGIT']);
    } else if (k === 41) {
      id = nthId(i - 1);
      expected.set(fileRow, ['DUPLICATE_IN_FILE']);
    } else if (k === 53) {
      wage = 100;
      expected.set(fileRow, ['BASE_BELOW_LOWER']);
    } else if (k === 67) {
      wage = 50000;
      expected.set(fileRow, ['BASE_ABOVE_UPPER']);
    } else if (k === 79) {
      wage = '八千';
      expected.set(fileRow, ['AMOUNT_INVALID']);
    } else if (k === 89) {
      from = '2024/13/01';
      expected.set(fileRow, ['DATE_INVALID']);
    }
    rows.push([
      nameOf(i),
      id,
      '新参保',
      '本地城镇',
      '劳动合同制',
      from,
      wage,
      '是',
      '是',
      '是',
      '是',
      '√',
      '无',
    ]);
  }
  return { rows, expected };
}

function codesByRow(
  issues: ReadonlyArray<{ fileRow: number; code: string }>,
): Map<number, string[]> {
  const m = new Map<number, string[]>();
  for (const i of issues) m.set(i.fileRow, [...(m.get(i.fileRow) ?? []), i.code]);
  return m;
}

describe('import preview', () => {
  it('a messy 1,000-row xlsx lists exactly the bad rows with their reasons and writes nothing', async () => {
    const id = newDraft();
    const { rows, expected } = messyRows(1000);
    const progress: string[] = [];
    const imports = new ImportService(t.ws, {
      today: () => '2024-07-15',
      progress: (p) => progress.push(p.stage),
    });
    const preview = await imports.preview(
      id,
      { fileName: '增员.xlsx', bytes: await xlsxBytes(rows) },
      { rowLimit: 10, requestId: 'r1' },
    );

    expect(preview.format).toBe('xlsx');
    expect(preview.headerRow).toBe(2);
    expect(preview.totalRows).toBe(1000);
    expect(preview.unrecognisedColumns).toEqual(['备注']);
    expect(preview.missingFields).toEqual([]);
    expect(preview.mapping.find((m) => m.header === '公民身份号码')?.field).toBe('documentNumber');
    expect(preview.mapping.find((m) => m.header === '月缴费工资')?.field).toBe('wageFen');
    expect(codesByRow(preview.issues)).toEqual(expected);
    const errorRows = [...expected.values()].filter((c) => !c[0]!.startsWith('BASE_')).length;
    expect(preview.errorRows).toBe(errorRows);
    expect(preview.warningRows).toBe(expected.size - errorRows);
    expect(preview.goodRows).toBe(1000 - expected.size);
    expect(progress[0]).toBe('reading');
    expect(progress.at(-1)).toBe('done');

    const sci = preview.issues.find((i) => i.code === 'ID_SHOWN_SCIENTIFIC')!;
    expect(sci.column).toBe('公民身份号码');
    expect(sci.message).toContain('科学计数法');
    expect(preview.issues.find((i) => i.code === 'ID_STORED_AS_NUMBER')!.message).toContain(
      '后几位已变成0',
    );
    // The first rows as they would be written: the per-kind columns became flags.
    expect((preview.rows[0]!.data as AdditionRow).kinds).toEqual({
      pension: true,
      medical: true,
      unemployment: true,
      injury: true,
      maternity: true,
    });
    expect((preview.rows[0]!.data as AdditionRow).wageFen).toBe(800_000);
    // Nothing written yet.
    expect(t.ws.summary(id).rowCount).toBe(0);

    // Commit only the rows without errors; the error report lists the others with reasons.
    const committed = imports.commit(id, preview.previewId, 'valid');
    expect(committed.appended).toBe(preview.goodRows + preview.warningRows);
    expect(t.ws.validate(id).errorCount).toBe(0);
    // One undo step takes the whole import back.
    t.ws.undo(id);
    expect(t.ws.summary(id).rowCount).toBe(0);
  });

  it('the error report is an xlsx of the bad rows as they were, with a 错误原因 column', async () => {
    const id = newDraft();
    const { rows, expected } = messyRows(200);
    const preview = await t.imports.preview(
      id,
      { fileName: '增员.xlsx', bytes: await xlsxBytes(rows) },
      { rowLimit: 0 },
    );
    const report = await t.imports.errorReport(preview.previewId);
    expect(report.fileName).toBe('增员-错误报告.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(report.bytes as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const head = (ws.getRow(1).values as unknown[]).slice(1);
    expect(head[0]).toBe('原行号');
    expect(head.at(-1)).toBe('错误原因');
    expect(head.slice(1, -1)).toEqual(header);
    const body: string[][] = [];
    ws.eachRow((row, n) => {
      if (n > 1) body.push((row.values as unknown[]).slice(1).map((v) => String(v ?? '')));
    });
    expect(body.map((r) => Number(r[0]))).toEqual([...expected.keys()]);
    const sciRow = body.find((r) => r[2]!.includes('E+17'))!;
    expect(sciRow.at(-1)).toContain('公民身份号码：证件号码显示为科学计数法');
  });

  it('reads a GBK csv and a UTF-8 csv with BOM alike', async () => {
    const lines = [
      '姓名,身份证号,参保日期,缴费工资,险种',
      `${nameOf(1)},${nthId(1)},2024-07-01,8000,全部`,
      `${nameOf(2)},3.20102E+17,2024-07-01,8000,养老、医疗`,
      `"${nameOf(3)}",${nthId(3).slice(0, 17)}${nthId(3)[17] === '1' ? '2' : '1'},2024-07-01,"8,000.50",全部`,
    ];
    const text = lines.join('\r\n') + '\r\n';
    for (const [bytes, encoding] of [
      [new Uint8Array(iconv.encode(text, 'gbk')), 'gbk'],
      [
        new Uint8Array(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])),
        'utf-8',
      ],
    ] as const) {
      const id = newDraft();
      const p = await t.imports.preview(id, { fileName: '名单.csv', bytes }, { rowLimit: 10 });
      expect(p.format).toBe('csv');
      expect(p.encoding).toBe(encoding);
      expect((p.rows[0]!.data as AdditionRow).name).toBe(nameOf(1));
      expect((p.rows[2]!.data as AdditionRow).wageFen).toBe(800_050);
      expect((p.rows[1]!.data as AdditionRow).kinds).toMatchObject({
        pension: true,
        medical: true,
        injury: false,
      });
      // The missing 用工形式 / 户籍性质 columns make every row incomplete; the IDs are the news.
      const idIssues = p.issues.filter((i) => i.field === 'documentNumber');
      expect(idIssues.map((i) => [i.fileRow, i.code])).toEqual([
        [3, 'ID_SHOWN_SCIENTIFIC'],
        [4, 'ID_CHECK_DIGIT'],
      ]);
    }
  });

  it('reads an old-format .xls', async () => {
    const ws = XLSX.utils.aoa_to_sheet([
      ['姓名', '证件号码', '参保日期', '缴费工资'],
      [nameOf(7), nthId(7), '2024-07-01', 9000],
    ]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, 'Sheet1');
    const bytes = new Uint8Array(XLSX.write(wb, { type: 'buffer', bookType: 'biff8' }) as Buffer);
    const p = await t.imports.preview(
      newDraft(),
      { fileName: '旧表.xls', bytes },
      { rowLimit: 10 },
    );
    expect(p.format).toBe('xls');
    expect(p.rows[0]!.data).toMatchObject({
      name: nameOf(7),
      documentNumber: nthId(7),
      wageFen: 900_000,
    });
  });

  it('a file without a recognisable header is refused with a clear reason', async () => {
    const bytes = await xlsxBytes([
      ['a', 'b'],
      [1, 2],
    ]);
    await expect(
      t.imports.preview(newDraft(), { fileName: 'x.xlsx', bytes }, { rowLimit: 1 }),
    ).rejects.toMatchObject({
      code: 'IMPORT_NO_HEADER',
    });
    await expect(
      t.imports.preview(
        newDraft(),
        { fileName: 'x.pdf', bytes: new Uint8Array([37, 80, 68, 70]) },
        { rowLimit: 1 },
      ),
    ).rejects.toMatchObject({ code: 'IMPORT_FORMAT_UNSUPPORTED' });
  });
});

describe('export', () => {
  const tricky: AdditionRow[] = [
    additionRow(1, { name: '=HYPERLINK("http://evil","点我")', mobile: '+8613912345678' }),
    additionRow(2, { name: '@SUM(A1)', mobile: '-1' }),
    additionRow(3, { name: "'=已转义", reason: null, householdType: null, wageFen: null }),
    additionRow(4, {
      name: '\t制表',
      documentType: 'passport',
      documentNumber: 'E12345678',
      gender: 'female',
      birthDate: '1990-02-03',
    }),
    additionRow(5, {
      name: "'普通",
      kinds: { pension: true, medical: false, unemployment: false, injury: true, maternity: false },
    }),
    additionRow(6, { documentNumber: '000123456789012345', insuredFrom: '', wageFen: 1 }),
  ];

  it('cells starting with = + - @ or tab are text with a leading apostrophe, IDs are text cells', async () => {
    const id = newDraft();
    t.ws.edit(id, [], tricky);
    const file = await exportDeclaration(t.ws, id, {});
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.bytes as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const head = (ws.getRow(1).values as unknown[]).slice(1) as string[];
    const col = (h: string) => head.indexOf(h) + 1;
    let formulas = 0;
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        if (cell.type === ExcelJS.ValueType.Formula) formulas++;
      }),
    );
    expect(formulas).toBe(0);
    expect(ws.getCell(2, col('姓名')).value).toBe(`'=HYPERLINK("http://evil","点我")`);
    expect(ws.getCell(3, col('姓名')).value).toBe("'@SUM(A1)");
    expect(ws.getCell(3, col('手机号码')).value).toBe("'-1");
    expect(ws.getCell(5, col('姓名')).value).toBe("'\t制表");
    for (let r = 2; r <= 7; r++) {
      const cell = ws.getCell(r, col('证件号码'));
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.numFmt).toBe('@');
    }
    expect(ws.getCell(7, col('证件号码')).value).toBe('000123456789012345');
  });

  it('export then import gives back exactly the same rows', async () => {
    const id = newDraft();
    const rows = [
      ...tricky,
      ...Array.from({ length: 50 }, (_, i) => additionRow(100 + i, { wageFen: 456_789 + i })),
    ];
    t.ws.edit(id, [], rows);
    const file = await exportDeclaration(t.ws, id, {});
    const again = newDraft();
    const p = await t.imports.preview(
      again,
      { fileName: file.fileName, bytes: file.bytes },
      { rowLimit: 0 },
    );
    expect(p.unrecognisedColumns).toEqual([]);
    expect(
      p.issues.filter((i) =>
        [
          'ID_SHOWN_SCIENTIFIC',
          'ID_STORED_AS_NUMBER',
          'AMOUNT_INVALID',
          'CHOICE_INVALID',
          'DATE_INVALID',
        ].includes(i.code),
      ),
    ).toEqual([]);
    t.imports.commit(again, p.previewId, 'all');
    expect(t.ws.rows(again, 0, 1000).rows.map((r) => r.data)).toEqual(rows);
  });

  it('a view exports only its columns and rows, in its order', async () => {
    const id = newDraft();
    t.ws.edit(id, [], [additionRow(1), additionRow(2), additionRow(3)]);
    const file = await exportDeclaration(t.ws, id, {
      fields: ['documentNumber', 'name'],
      rowNos: [2, 0],
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.bytes as unknown as ArrayBuffer);
    const values: unknown[][] = [];
    wb.worksheets[0]!.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
    expect(values).toEqual([
      ['证件号码', '姓名'],
      [nthId(3), nameOf(3)],
      [nthId(1), nameOf(1)],
    ]);
  });

  it('the shipped templates have a 填写说明 sheet and every column of them is recognised', async () => {
    for (const kind of ['addition', 'reduction', 'base'] as const) {
      const tpl = await readTemplate(`${import.meta.dirname}/../../resources`, kind);
      await expect(
        t.imports.preview(
          newDraft(kind),
          { fileName: tpl.fileName, bytes: tpl.bytes },
          { rowLimit: 0 },
        ),
      ).rejects.toMatchObject({ code: 'IMPORT_EMPTY' });
      // Filled in with one person, every header maps to a field.
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(tpl.bytes as unknown as ArrayBuffer);
      expect(wb.worksheets.map((w) => w.name)).toContain('填写说明');
      wb.worksheets[0]!.getCell(2, 1).value = nameOf(1);
      const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
      const p = await t.imports.preview(
        newDraft(kind),
        { fileName: tpl.fileName, bytes },
        { rowLimit: 1 },
      );
      expect(p.unrecognisedColumns).toEqual([]);
      expect(p.missingFields).toEqual([]);
      expect(p.totalRows).toBe(1);
    }
  });
});

describe("a company's real files", () => {
  const fixtures = join(import.meta.dirname, '../fixtures');

  for (const [file, make] of [
    ['增员-messy.xlsx', messyWorkbook],
    ['增员-messy.csv', messyCsv],
  ] as const) {
    it(`${file}: every planted fault found, no clean row refused, every value kept, IDs canonical`, async () => {
      const expected = make();
      const id = newDraft();
      const imports = new ImportService(t.ws, { today: () => TODAY });
      const preview = await imports.preview(
        id,
        { fileName: file, bytes: new Uint8Array(readFileSync(join(fixtures, file))) },
        { rowLimit: 100_000 },
      );
      expect(preview.totalRows).toBe(expected.people);
      const errorsByRow = new Map<number, string[]>();
      for (const i of preview.issues.filter((x) => x.severity === 'error'))
        errorsByRow.set(i.fileRow, [...(errorsByRow.get(i.fileRow) ?? []), i.code]);
      // Exactly the planted rows have errors, each with its planted code in the right column.
      expect([...errorsByRow.keys()].sort((a, b) => a - b)).toEqual(
        [...expected.planted.keys()].sort((a, b) => a - b),
      );
      for (const [row, p] of expected.planted) {
        expect(errorsByRow.get(row), `file row ${row}`).toContain(p.code);
        const issue = preview.issues.find((i) => i.fileRow === row && i.code === p.code)!;
        if (p.kept !== undefined) expect(issue.column, `file row ${row}`).toBe(p.column);
      }
      // Counts that add up: ready + errors + warnings only = all rows.
      expect(preview.errorRows).toBe(expected.planted.size);
      expect(preview.goodRows + preview.errorRows + preview.warningRows).toBe(preview.totalRows);
      // 城镇 / 农村户口 without a place: decided from the ID, said as a warning, never an error.
      expect(preview.issues.some((i) => i.code === 'HOUSEHOLD_FROM_ID')).toBe(true);
      expect(
        preview.issues
          .filter((i) => i.code.startsWith('HOUSEHOLD_'))
          .every((i) => i.severity === 'warning'),
      ).toBe(true);

      // Import everything: nothing blanked, refused cells keep what the file said.
      imports.commit(id, preview.previewId, 'all');
      const stored = t.ws.rows(id, 0, 100_000).rows.map((r) => r.data as AdditionRow);
      expect(stored).toHaveLength(expected.people);
      const fileRows =
        preview.issues.length > 0 ? fileRowIndex(expected) : new Map<number, number>();
      for (const [row, p] of expected.planted) {
        const data = stored[fileRows.get(row)!]!;
        if (p.kept !== undefined) expect(data.raw?.[p.field], `file row ${row}`).toBe(p.kept);
      }
      // Every stored ID is canonical: ASCII, no spaces, upper-case X.
      for (const [row, text] of expected.ids) {
        const data = stored[fileRows.get(row)!]!;
        if (data.raw?.documentNumber !== undefined) continue;
        expect(data.documentNumber, `file row ${row}`).toBe(canonicalId(text));
        expect(data.documentNumber).toMatch(/^[0-9A-Z]*$/);
      }
      // 数据校验 after import reports the kept cells as what they are, not as “未填写”.
      const checked = t.ws.validate(id);
      for (const [row, p] of expected.planted) {
        if (p.kept === undefined) continue;
        const rowNo = fileRows.get(row)!;
        const f = checked.findings.filter((x) => x.row === rowNo && x.field === p.field);
        expect(
          f.map((x) => x.code),
          `file row ${row}`,
        ).not.toContain('FIELD_REQUIRED');
        expect(
          f.some((x) => x.message.includes(p.kept!)),
          `file row ${row}`,
        ).toBe(true);
      }
    });
  }
});

/** File row → index of the person among the file's data rows (title, headers, blanks skipped). */
function fileRowIndex(file: MessyFile): Map<number, number> {
  const m = new Map<number, number>();
  let n = 0;
  const headerRows = file.rows.findIndex((r) => r !== null && r.some((c) => c === '姓名')) + 1;
  const sub = file.rows[headerRows]?.some((c) => c === '养老') ? 1 : 0;
  file.rows.forEach((r, i) => {
    if (i < headerRows + sub) return;
    if (r === null || r.every((c) => c === null || c === '')) return;
    m.set(i + 1, n++);
  });
  return m;
}
