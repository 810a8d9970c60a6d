// Import cannot freeze the app: a spreadsheet declaring more rows × columns than a declaration
// needs, or unzipping to more than the limit, is refused before its rows are parsed; a sheet
// that lies about its size is stopped at the row limit; reading runs in a worker with a budget.
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../domain/errors';
import { readTableOffThread } from '../../electron/services/workspace/import-guard/read-off-thread';
import {
  IMPORT_LIMITS,
  rangeSize,
} from '../../electron/services/workspace/import-guard/sheet-limits';
import { xlsxWith } from '../support/xlsx-bomb';

async function codeOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  throw new Error('not refused');
}

describe('import limits', () => {
  it('reads a file within the limits, in a worker, exactly', async () => {
    const table = await readTableOffThread(
      '名单.xlsx',
      xlsxWith({ dimension: 'A1:B301', rows: 300 }),
    );
    expect(table.rows).toHaveLength(301);
    expect(table.rows[0]).toEqual(['姓名', '证件号码']);
    expect(table.rows[300]).toEqual(['人301']);
  });

  it('an xlsx declaring A1:XFD1048576 is refused at once, with the sizes in the message', async () => {
    const bomb = xlsxWith({ dimension: 'A1:XFD1048576', rows: 100_000 });
    const started = Date.now();
    let caught: unknown;
    try {
      await readTableOffThread('bomb.xlsx', bomb);
    } catch (error) {
      caught = error;
    }
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(caught).toBeInstanceOf(AppError);
    const info = (caught as AppError).toInfo();
    expect(info.code).toBe('IMPORT_RANGE_TOO_LARGE');
    expect(info.message).toContain('1048576行×16384列');
    expect(info.action).toContain('删除多余的空行空列');
  });

  it('an xlsx whose parts unzip past the limit is refused before inflating them', async () => {
    const bomb = xlsxWith({ dimension: 'A1:B3', rows: 2, declaredSheetBytes: 0xfffffff0 });
    expect(await codeOf(readTableOffThread('bomb.xlsx', bomb))).toBe('IMPORT_TOO_LARGE');
  });

  it('a sheet that declares a small range but holds too many rows is stopped at the limit', async () => {
    // A lower row limit than the real one, so the test stays light: the mechanism is the same.
    const liar = xlsxWith({ dimension: 'A1:B2', rows: 30_000 });
    expect(await codeOf(readTableOffThread('liar.xlsx', liar, undefined, { maxRows: 8_000 }))).toBe(
      'IMPORT_RANGE_TOO_LARGE',
    );
    expect(IMPORT_LIMITS.maxRows).toBeGreaterThanOrEqual(100_000);
  }, 120_000);

  it('an xls declaring 65536 × 256 cells is refused', async () => {
    const ws = XLSX.utils.aoa_to_sheet([
      ['姓名', '证件号码'],
      ['张三', '320102199001011234'],
    ]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, '增员');
    const xls = Buffer.from(XLSX.write(wb, { type: 'buffer', bookType: 'biff8' }) as Uint8Array);
    // The sheet's DIMENSIONS record (0x0200) now claims 65536 rows × 256 columns.
    const at = xls.indexOf(Buffer.from([0x00, 0x02, 0x0e, 0x00]));
    expect(at).toBeGreaterThan(0);
    xls.writeUInt32LE(65_536, at + 8);
    xls.writeUInt16LE(256, at + 14);
    expect(await codeOf(readTableOffThread('bomb.xls', xls))).toBe('IMPORT_RANGE_TOO_LARGE');
  });

  it('a csv of one line with 100,000 columns is refused', async () => {
    const csv = Buffer.from(`姓名,证件号码${','.repeat(100_000)}\n`);
    expect(await codeOf(readTableOffThread('bomb.csv', csv))).toBe('IMPORT_RANGE_TOO_LARGE');
  });

  it('reading past its time budget ends the worker with a clear message', async () => {
    const big = Buffer.from(
      ['姓名,证件号码', ...Array.from({ length: 50_000 }, (_, i) => `人${i},${i}`)].join('\n'),
    );
    // No worker starts, reads 50,000 rows and answers within one millisecond.
    const error = await readTableOffThread('big.csv', big, undefined, { budgetMs: 1 }).catch(
      (e: unknown) => e,
    );
    expect((error as AppError).code).toBe('IMPORT_TOO_SLOW');
    expect((error as AppError).toInfo().action).toContain('另存为');
  });

  it('reads declared ranges the way Excel writes them', () => {
    expect(rangeSize('A1:XFD1048576')).toEqual({ rows: 1_048_576, columns: 16_384 });
    expect(rangeSize('$B$2:$C$10')).toEqual({ rows: 9, columns: 2 });
    expect(rangeSize('A1')).toEqual({ rows: 1, columns: 1 });
    expect(rangeSize('not a range')).toBeNull();
  });
});
