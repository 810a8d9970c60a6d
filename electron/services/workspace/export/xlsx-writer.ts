// Writes workbooks people open in Excel: text cells stay text (IDs never become numbers, the
// column is formatted as 文本 so new typing stays text too) and no cell can run as a formula.
import ExcelJS from 'exceljs';
import { escapeFormula } from '../sheet-cells';

export interface SheetColumn {
  header: string;
  type: 'text' | 'money';
  width?: number;
  /** Drop-down choices offered in the template. */
  choices?: readonly string[];
}

export interface SheetSpec {
  name: string;
  columns: readonly SheetColumn[];
  /** text columns: strings; money columns: yuan as a number, or null. */
  rows: ReadonlyArray<ReadonlyArray<string | number | null>>;
  /** Rows of the template that get the drop-downs (blank templates only). */
  validationRows?: number;
}

const TEXT = '@';
const MONEY = '0.00';

export function safeText(v: string): string {
  return escapeFormula(v);
}

function colLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export async function writeWorkbook(sheets: readonly SheetSpec[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Shebao Desk';
  for (const sheet of sheets) {
    const ws = wb.addWorksheet(sheet.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = sheet.columns.map((c) => ({
      header: c.header,
      width: c.width ?? Math.max(10, c.header.length * 2 + 4),
      style: { numFmt: c.type === 'money' ? MONEY : TEXT },
    }));
    ws.getRow(1).font = { bold: true };
    const types = sheet.columns.map((c) => c.type);
    for (const values of sheet.rows) {
      const cells = new Array<string | number | null>(values.length);
      for (let i = 0; i < values.length; i++) {
        const v = values[i] ?? null;
        cells[i] = types[i] === 'text' ? (v === null ? null : safeText(String(v))) : v;
      }
      ws.addRow(cells);
    }
    const rowsWithChoices = sheet.validationRows ?? 0;
    if (rowsWithChoices > 0) {
      sheet.columns.forEach((c, i) => {
        if (!c.choices?.length) return;
        const col = colLetter(i);
        // exceljs keeps range validations as one entry (cell-by-cell would bloat the file).
        (
          ws as unknown as {
            dataValidations: { add(range: string, v: ExcelJS.DataValidation): void };
          }
        ).dataValidations.add(`${col}2:${col}${rowsWithChoices + 1}`, {
          type: 'list',
          allowBlank: true,
          formulae: [`"${c.choices.join(',')}"`],
        });
      });
    }
  }
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}
