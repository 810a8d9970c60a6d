// Writes the blank import templates (resources/templates/<kind>.xlsx): the data sheet first with
// the headers the import recognises, drop-downs for the choices and ID columns formatted as text;
// then a 填写说明 sheet. Run `tsx scripts/make-templates.ts` after changing columns; commit the output.
import ExcelJS from 'exceljs';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { declarationKindLabels } from '../domain/labels';
import { requiredImportFields } from '../domain/declarations/import-headers';
import { exportFields } from '../electron/services/workspace/export/sheets';
import { writeWorkbook } from '../electron/services/workspace/export/xlsx-writer';
import { templateFile } from '../electron/services/workspace/export/export-service';
import type { EditableKind } from '../electron/contract/views-workspace';

const outDir = fileURLToPath(new URL('../resources/templates', import.meta.url));

const notes: Record<string, string> = {
  reason: '从下拉列表中选择。',
  name: '按证件上的姓名填写。',
  documentType: '从下拉列表中选择；不填默认为居民身份证。',
  documentNumber:
    '请先把本列设为“文本”格式再填写，否则Excel会把18位号码变成科学计数法并丢失后几位。',
  gender: '男或女；居民身份证可不填，按号码自动判断。',
  birthDate: '格式如2024-07-01；居民身份证可不填，按号码自动判断。',
  householdType: '从下拉列表中选择。',
  employmentType: '从下拉列表中选择。',
  insuredFrom: '格式如2024-07-01。',
  wageFen: '以元为单位，最多两位小数，如7413.50。',
  kinds: '填写险种名称，用顿号分隔，如“养老、医疗、失业、工伤、生育”；也可填“全部”。',
  stopKinds: '填写停保的险种，用顿号分隔；也可填“全部”。',
  mobile: '11位手机号码，可不填。',
  lastPaidMonth: '格式如2024-07。',
  lastYearAverageWageFen: '上年度月平均工资，以元为单位；超出缴费基数上下限时按上下限申报。',
};

async function main(): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  for (const kind of ['addition', 'reduction', 'base'] as const satisfies readonly EditableKind[]) {
    const fields = exportFields(kind);
    const required = new Set<string>(requiredImportFields[kind]);
    const bytes = await writeWorkbook([
      {
        name: declarationKindLabels[kind],
        columns: fields.map((f) => f.column),
        rows: [],
        validationRows: 1000,
      },
      {
        name: '填写说明',
        columns: [
          { header: '列名', type: 'text', width: 20 },
          { header: '是否必填', type: 'text', width: 10 },
          { header: '填写说明', type: 'text', width: 80 },
        ],
        rows: [
          ...fields.map((f) => [
            f.column.header,
            required.has(f.field) ? '必填' : '选填',
            notes[f.field] ?? '',
          ]),
          ['', '', ''],
          ['', '', '第一个工作表第一行是表头，请勿修改列名；从第二行起每行填写一人。'],
          ['', '', '也可导入其他表格：程序能识别常见的列名（如“公民身份号码”“月缴费工资”）。'],
        ],
      },
    ]);
    // Re-read once: a template that exceljs cannot open again would fail every import.
    await new ExcelJS.Workbook().xlsx.load(bytes as unknown as ArrayBuffer);
    writeFileSync(join(outDir, templateFile(kind)), bytes);
    console.log(`${templateFile(kind)}: ${bytes.length} bytes`);
  }
}

await main();
