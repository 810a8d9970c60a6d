// How big a spreadsheet says it is, found cheaply before it is read: an xlsx's zip directory
// (uncompressed sizes) and each sheet's declared <dimension>, an xls's declared range, a csv's
// line and separator counts. A file past the limits is refused before any row is parsed, so a
// "zip bomb" or a sheet claiming a million rows cannot exhaust memory or time.
import { inflateRawSync, constants as zlibConstants } from 'node:zlib';
import { AppError } from '../../../../domain/errors';
import { loadSheetJs, type SheetFormat } from '../import/read-table';

export const IMPORT_LIMITS = {
  /** Rows of one sheet (the workspace holds up to 100,000 people per declaration). */
  maxRows: 200_000,
  maxColumns: 256,
  maxCells: 10_000_000,
  /** All parts of an xlsx once unzipped. */
  maxUnzippedBytes: 512 * 1024 * 1024,
  /** Reading one file, off the main thread. */
  budgetMs: 60_000,
  /** Heap of the reading worker. */
  workerHeapMb: 1536,
} as const;

export interface DeclaredSize {
  rows: number;
  columns: number;
}

function refuseRange(size: DeclaredSize): never {
  throw new AppError('IMPORT_RANGE_TOO_LARGE', {
    rows: size.rows,
    columns: size.columns,
    maxRows: IMPORT_LIMITS.maxRows,
    maxColumns: IMPORT_LIMITS.maxColumns,
  });
}

/** Refuses a declared size past the limits. */
export function checkSize(size: DeclaredSize): void {
  if (
    size.rows > IMPORT_LIMITS.maxRows ||
    size.columns > IMPORT_LIMITS.maxColumns ||
    size.rows * size.columns > IMPORT_LIMITS.maxCells
  ) {
    refuseRange(size);
  }
}

/** "A1:XFD1048576" → rows and columns it spans. */
export function rangeSize(ref: string): DeclaredSize | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d{1,7})(?::\$?([A-Z]{1,3})\$?(\d{1,7}))?$/i.exec(ref.trim());
  if (!m) return null;
  const col = (s: string) =>
    [...s.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const c1 = col(m[1]!);
  const r1 = Number(m[2]);
  const c2 = m[3] ? col(m[3]) : c1;
  const r2 = m[4] ? Number(m[4]) : r1;
  return { rows: Math.abs(r2 - r1) + 1, columns: Math.abs(c2 - c1) + 1 };
}

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

/** The zip's central directory; null when the bytes are not a zip this reader understands. */
function zipEntries(bytes: Buffer): ZipEntry[] | null {
  const min = Math.max(0, bytes.length - 65_557);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= min; i--) {
    if (bytes.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = bytes.readUInt16LE(eocd + 10);
  let at = bytes.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== 0x02014b50) return null;
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    entries.push({
      method: bytes.readUInt16LE(at + 10),
      compressedSize: bytes.readUInt32LE(at + 20),
      size: bytes.readUInt32LE(at + 24),
      localOffset: bytes.readUInt32LE(at + 42),
      name: bytes.toString('utf8', at + 46, at + 46 + nameLength),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The first few KB of one zip entry's content, inflated (enough to see a sheet's header). */
function entryHead(bytes: Buffer, entry: ZipEntry, maxCompressed = 8192): string {
  const local = entry.localOffset;
  if (local + 30 > bytes.length || bytes.readUInt32LE(local) !== 0x04034b50) return '';
  const start = local + 30 + bytes.readUInt16LE(local + 26) + bytes.readUInt16LE(local + 28);
  const chunk = bytes.subarray(
    start,
    Math.min(start + maxCompressed, start + entry.compressedSize),
  );
  if (entry.method === 0) return chunk.toString('utf8');
  if (entry.method !== 8) return '';
  try {
    return inflateRawSync(chunk, { finishFlush: zlibConstants.Z_SYNC_FLUSH }).toString('utf8');
  } catch {
    return '';
  }
}

function checkXlsx(bytes: Buffer): void {
  const entries = zipEntries(bytes);
  if (!entries) return; // not a zip we can pre-read: the reader will say it is unreadable
  let unzipped = 0;
  for (const e of entries) {
    // 0xFFFFFFFF: a Zip64 size, far past anything a declaration needs.
    unzipped += e.size === 0xffffffff ? Number.POSITIVE_INFINITY : e.size;
  }
  if (unzipped > IMPORT_LIMITS.maxUnzippedBytes) {
    throw new AppError('IMPORT_TOO_LARGE', { max: '512 MB（解压后）' });
  }
  for (const e of entries) {
    if (!/^xl\/worksheets\/[^/]+\.xml$/i.test(e.name)) continue;
    const head = entryHead(bytes, e);
    const ref = /<(?:\w+:)?dimension\b[^>]*\bref="([^"]+)"/.exec(head)?.[1];
    const size = ref ? rangeSize(ref) : null;
    if (size) checkSize(size);
  }
}

async function checkXls(bytes: Buffer): Promise<void> {
  const XLSX = await loadSheetJs();
  const wb = XLSX.read(bytes, { type: 'buffer', sheetRows: 2, dense: true });
  for (const name of wb.SheetNames) {
    const ws = wb.Sheets[name];
    const ref = (ws?.['!fullref'] as string | undefined) ?? ws?.['!ref'];
    const size = ref ? rangeSize(ref) : null;
    if (size) checkSize(size);
  }
}

function checkCsv(bytes: Buffer): void {
  let rows = 0;
  let columns = 1;
  let inLine = 1;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0x0a) {
      rows++;
      inLine = 1;
    } else if (b === 0x2c || b === 0x09) {
      inLine++;
      if (inLine > columns) columns = inLine;
    }
  }
  checkSize({ rows: rows + 1, columns });
}

/**
 * Refuses an xlsx or csv whose declared size is past the limits: a zip directory, a few KB of
 * each sheet, one pass over a csv's bytes. Cheap enough for the main thread, before any worker.
 */
export function checkDeclaredSizeQuickly(format: SheetFormat, bytes: Uint8Array): void {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (format === 'xlsx') checkXlsx(buffer);
  else if (format === 'csv') checkCsv(buffer);
}

/** Refuses a file whose declared size is past the limits (an xls is parsed for it: in a worker). */
export async function checkDeclaredSize(format: SheetFormat, bytes: Uint8Array): Promise<void> {
  if (format === 'xls')
    await checkXls(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  else checkDeclaredSizeQuickly(format, bytes);
}
