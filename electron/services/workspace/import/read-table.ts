// A spreadsheet file → its first sheet as rows of raw cells. xlsx through exceljs's streaming
// reader (fast, low memory); xls — which exceljs cannot read — through SheetJS as republished on
// npm by @e965/xlsx (the `xlsx` package on npm stopped at 0.18.5); csv through our own reader.
import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import { AppError } from '../../../../domain/errors';
import type { RawCell } from '../sheet-cells';
import { decodeText, parseCsv, type TextEncoding } from './csv';

export type SheetFormat = 'xlsx' | 'xls' | 'csv';

/** SheetJS, loaded only when an xls file is read (it adds a tenth of a second to every start). */
export function loadSheetJs(): Promise<typeof import('@e965/xlsx')> {
  return import('@e965/xlsx');
}

export interface RawTable {
  format: SheetFormat;
  encoding: TextEncoding | null;
  sheetName: string | null;
  /** Rows of the sheet; `fileRows[i]` is row i's 1-based number in the file. */
  rows: RawCell[][];
  fileRows: number[];
}

export type ReadProgress = (rowsRead: number) => void;

export function formatOf(fileName: string, bytes: Uint8Array): SheetFormat {
  const lower = fileName.toLowerCase();
  // Trust the content over the name: an .xls that is really xlsx (or csv) is common.
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'xlsx';
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0)
    return 'xls';
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) return 'csv';
  if (lower.endsWith('.xls')) return 'xls'; // an HTML or XML “xls”: SheetJS reads those too
  throw new AppError('IMPORT_FORMAT_UNSUPPORTED', { file: fileName });
}

function exceljsValue(v: ExcelJS.CellValue): RawCell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('result' in v) return exceljsValue((v.result ?? null) as ExcelJS.CellValue);
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('error' in v) return null;
  }
  return null;
}

const PROGRESS_EVERY = 5000;

/** Collects rows as exceljs hands them over (1-based values: values[0] is always empty). */
function rowCollector(onProgress: ReadProgress) {
  const rows: RawCell[][] = [];
  const fileRows: number[] = [];
  return {
    rows,
    fileRows,
    add(row: ExcelJS.Row): void {
      const values = row.values as ExcelJS.CellValue[];
      const out: RawCell[] = [];
      for (let c = 1; c < values.length; c++) out.push(exceljsValue(values[c]));
      rows.push(out);
      fileRows.push(row.number);
      if (rows.length % PROGRESS_EVERY === 0) onProgress(rows.length);
    },
  };
}

async function readXlsxStreaming(bytes: Uint8Array, onProgress: ReadProgress): Promise<RawTable> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(bytes)]), {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  const collected = rowCollector(onProgress);
  let sheetName: string | null = null;
  for await (const sheet of reader) {
    const ws = sheet as unknown as AsyncIterable<ExcelJS.Row> & { name?: string };
    sheetName = ws.name ?? null;
    for await (const row of ws) collected.add(row);
    break; // the first sheet holds the data; 填写说明 and the like come after it
  }
  return {
    format: 'xlsx',
    encoding: null,
    sheetName,
    rows: collected.rows,
    fileRows: collected.fileRows,
  };
}

async function readXlsxWhole(bytes: Uint8Array, onProgress: ReadProgress): Promise<RawTable> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  const collected = rowCollector(onProgress);
  ws?.eachRow((row) => collected.add(row));
  return {
    format: 'xlsx',
    encoding: null,
    sheetName: ws?.name ?? null,
    rows: collected.rows,
    fileRows: collected.fileRows,
  };
}

/**
 * Streams big files; exceljs's streaming reader has been seen to lose the workbook part of a
 * file whose sheets come before workbook.xml (the order exceljs itself writes), so a failed
 * stream is read again whole.
 */
async function readXlsx(bytes: Uint8Array, onProgress: ReadProgress): Promise<RawTable> {
  try {
    return await readXlsxStreaming(bytes, onProgress);
  } catch {
    return await readXlsxWhole(bytes, onProgress);
  }
}

async function readXls(bytes: Uint8Array): Promise<RawTable> {
  const XLSX = await loadSheetJs();
  const wb = XLSX.read(bytes, { type: 'buffer', cellDates: true, dense: true });
  const sheetName = wb.SheetNames[0] ?? null;
  const ws = sheetName ? wb.Sheets[sheetName] : undefined;
  if (!ws) return { format: 'xls', encoding: null, sheetName, rows: [], fileRows: [] };
  const range = XLSX.utils.decode_range(ws['!ref'] ?? 'A1');
  const matrix = XLSX.utils.sheet_to_json<unknown[]>(ws, {
    header: 1,
    raw: true,
    defval: null,
    blankrows: true,
  });
  const rows: RawCell[][] = [];
  const fileRows: number[] = [];
  matrix.forEach((r, i) => {
    rows.push(
      r.map((v): RawCell =>
        v === null ||
        typeof v === 'string' ||
        typeof v === 'number' ||
        typeof v === 'boolean' ||
        v instanceof Date
          ? v
          : String(v),
      ),
    );
    fileRows.push(range.s.r + i + 1);
  });
  return { format: 'xls', encoding: null, sheetName, rows, fileRows };
}

function readCsv(bytes: Uint8Array): RawTable {
  const { text, encoding } = decodeText(bytes);
  const rows = parseCsv(text);
  return { format: 'csv', encoding, sheetName: null, rows, fileRows: rows.map((_, i) => i + 1) };
}

export async function readTable(
  fileName: string,
  bytes: Uint8Array,
  onProgress: ReadProgress = () => undefined,
): Promise<RawTable> {
  const format = formatOf(fileName, bytes);
  try {
    if (format === 'xlsx') return await readXlsx(bytes, onProgress);
    if (format === 'xls') return await readXls(bytes);
    return readCsv(bytes);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('IMPORT_FILE_UNREADABLE', { file: fileName }, { cause: error });
  }
}
