// Import is a preview first: the file is read, mapped and checked (with the declaration's rows
// already there, so a person in both is found) and nothing is written; `commit` then appends
// the rows as one undoable step. The error report lists the bad rows as they were in the file.
import { ulid } from 'ulid';
import { describeError } from '../../../../domain/errors';
import { AppError } from '../../../../domain/errors';
import { checkResidentId, localToday } from '../../../../domain/ids';
import type { Batch } from '../../../../domain/declarations/checks';
import { checkDeclarationRows } from '../../../../domain/declarations/unread-cells';
import { personKey } from '../../../../domain/declarations/roster';
import { rosterPersonSchema, type RosterPerson } from '../../../../domain/declarations/roster';
import { ui } from '../../../../domain/ui-text';
import type {
  DeclarationSummary,
  EditableRowData,
  ImportIssue,
  ImportPreview,
  RowData,
} from '../../../contract/views-workspace';
import { labelOfField } from '../field-labels';
import { parseRow } from '../row-kinds';
import type { WorkspaceService } from '../workspace-service';
import { errorReportSheet } from '../export/sheets';
import { writeWorkbook } from '../export/xlsx-writer';
import type { RawCell } from '../sheet-cells';
import { buildRows, type CellIssue } from './import-rows';
import { findHeader, type ColumnMapping } from './header-map';
import { readTableOffThread } from '../import-guard/read-off-thread';
import type { RawTable } from './read-table';

export interface ImportFile {
  fileName: string;
  bytes: Uint8Array;
}

export type ProgressSink = (p: {
  requestId: string;
  stage: 'reading' | 'validating' | 'done';
  done: number;
  total: number | null;
}) => void;

interface HeldPreview {
  id: string;
  declarationId: string;
  fileName: string;
  format: string;
  rows: RowData[];
  errorRows: Set<number>;
  issuesByRow: Map<number, string[]>;
  headers: string[];
  raw: RawCell[][];
  fileRows: number[];
  at: number;
}

const MAX_FILE_BYTES = 64 * 1024 * 1024;
const KEEP_PREVIEWS = 4;
const PREVIEW_TTL_MS = 60 * 60 * 1000;

function headersOf(columns: readonly ColumnMapping[]): string[] {
  const width = columns.reduce((m, c) => Math.max(m, c.index + 1), 0);
  const headers = new Array<string>(width).fill('');
  for (const c of columns) headers[c.index] = c.header;
  return headers;
}

export class ImportService {
  private readonly previews = new Map<string, HeldPreview>();

  constructor(
    private readonly ws: WorkspaceService,
    private readonly options: {
      progress?: ProgressSink;
      today?: () => string;
      now?: () => number;
    } = {},
  ) {}

  private async table(file: ImportFile, onRows: (n: number) => void): Promise<RawTable> {
    if (file.bytes.length > MAX_FILE_BYTES)
      throw new AppError('IMPORT_TOO_LARGE', { max: '64 MB' });
    return readTableOffThread(file.fileName, file.bytes, onRows);
  }

  async preview(
    declarationId: string,
    file: ImportFile,
    opts: { requestId?: string; rowLimit: number },
  ): Promise<ImportPreview> {
    const { meta, rows: existing } = this.ws.orderedRows(declarationId);
    if (meta.state !== 'draft') throw new AppError('DECLARATION_NOT_DRAFT');
    if (meta.kind === 'monthly') throw new AppError('DECLARATION_READ_ONLY');
    const kind = meta.kind;
    const requestId = opts.requestId ?? '';
    const progress = (
      stage: 'reading' | 'validating' | 'done',
      done: number,
      total: number | null,
    ): void => {
      if (requestId) this.options.progress?.({ requestId, stage, done, total });
    };
    progress('reading', 0, null);
    const table = await this.table(file, (n) => progress('reading', n, null));
    const header = findHeader(kind, table.rows);
    if (!header) throw new AppError('IMPORT_NO_HEADER');
    const { rule, info } = this.ws.rule(meta.unitNo, meta.month);
    const regionCode = info.match === 'national' ? null : info.code;
    const built = buildRows(kind, table, header, { regionCode });
    if (built.rows.length === 0) throw new AppError('IMPORT_EMPTY');
    progress('validating', 0, built.rows.length);

    // Built from typed parsers over the kind's empty row; the schema is checked again at commit.
    const rows = built.rows as unknown as RowData[];
    const all = [...existing, ...rows];
    const findings = checkDeclarationRows({ kind, rows: all } as Batch, {
      rule,
      roster: this.ws.rosterIndex(meta.unitNo),
      month: meta.month,
      today: this.options.today?.() ?? localToday(),
    });

    const headerOfField = new Map<string, string>();
    for (const c of header.columns) {
      if (!c.field) continue;
      headerOfField.set(c.field, c.header);
      const group = c.field.split('.')[0]!;
      if (!headerOfField.has(group)) headerOfField.set(group, c.header);
    }
    const cellKey = (row: number, field: string): string => `${row}\u0000${field}`;
    const taken = new Set<string>();
    const issues: ImportIssue[] = [];
    // Duplicates name the first row in the scheme the clerk sees: the file's row, or the grid's.
    const firstOf = new Map<string, number>();
    const duplicate = (row: number): Pick<CellIssue, 'code' | 'message' | 'action'> => {
      const key = personKey(String((rows[row] as { documentNumber: string }).documentNumber));
      const first = firstOf.get(key) ?? 0;
      const code = first < offset ? 'DUPLICATE_IN_DRAFT' : 'DUPLICATE_IN_FILE';
      const info = describeError(code, {
        first: first < offset ? first + 1 : built.fileRows[first - offset]!,
      });
      return { code, message: info.message, action: info.action ?? '' };
    };
    const offset = existing.length;
    all.forEach((r, i) => {
      const key = personKey(String((r as { documentNumber: string }).documentNumber));
      if (key !== '' && !firstOf.has(key)) firstOf.set(key, i);
    });
    const push = (i: CellIssue, severity: 'error' | 'warning'): void => {
      issues.push({
        row: i.row,
        fileRow: built.fileRows[i.row]!,
        field: i.field,
        column: i.column || (headerOfField.get(i.field) ?? labelOfField(i.field)),
        code: i.code,
        severity,
        message: i.message,
        action: i.action,
      });
    };
    for (const i of built.issues) {
      taken.add(cellKey(i.row, i.field));
      push(i, i.severity);
    }
    for (const f of findings) {
      if (f.row < offset) continue; // about rows already in the draft: shown by 数据校验
      const row = f.row - offset;
      if (taken.has(cellKey(row, f.field))) continue; // the cell could not be read: that is the news
      const said =
        f.code === 'DUPLICATE_IN_BATCH'
          ? duplicate(row)
          : { code: f.code, message: f.message, action: f.action };
      push({ row, field: f.field, column: '', severity: f.severity, ...said }, f.severity);
    }
    issues.sort((a, b) => a.row - b.row);

    const errorRows = new Set<number>();
    const warnRows = new Set<number>();
    const issuesByRow = new Map<number, string[]>();
    for (const i of issues) {
      (i.severity === 'error' ? errorRows : warnRows).add(i.row);
      const list = issuesByRow.get(i.row) ?? [];
      list.push(`${i.column}：${i.message}`);
      issuesByRow.set(i.row, list);
    }
    let warningOnly = 0;
    for (const r of warnRows) if (!errorRows.has(r)) warningOnly++;

    const id = ulid();
    this.hold({
      id,
      declarationId,
      fileName: file.fileName,
      format: table.format,
      rows,
      errorRows,
      issuesByRow,
      headers: headersOf(header.columns),
      raw: built.raw,
      fileRows: built.fileRows,
      at: this.options.now?.() ?? Date.now(),
    });
    progress('done', rows.length, rows.length);
    return {
      previewId: id,
      fileName: file.fileName,
      format: table.format,
      encoding: table.encoding,
      sheetName: table.sheetName,
      headerRow: table.fileRows[header.headerIndex]!,
      mapping: header.columns.map((c) => ({
        column: c.index + 1,
        header: c.header,
        field: c.field,
        label: c.field ? labelOfField(c.field) : null,
      })),
      unrecognisedColumns: header.columns.filter((c) => c.field === null).map((c) => c.header),
      missingFields: built.missingFields,
      existingRows: offset,
      totalRows: rows.length,
      goodRows: rows.length - errorRows.size - warningOnly,
      errorRows: errorRows.size,
      warningRows: warningOnly,
      issues,
      rows: rows
        .slice(0, opts.rowLimit)
        .map((data, i) => ({ fileRow: built.fileRows[i]!, data: data as EditableRowData })),
    };
  }

  private hold(p: HeldPreview): void {
    const now = p.at;
    for (const [id, held] of this.previews)
      if (now - held.at > PREVIEW_TTL_MS) this.previews.delete(id);
    this.previews.set(p.id, p);
    while (this.previews.size > KEEP_PREVIEWS)
      this.previews.delete(this.previews.keys().next().value!);
  }

  private held(previewId: string): HeldPreview {
    const p = this.previews.get(previewId);
    if (!p) throw new AppError('IMPORT_PREVIEW_EXPIRED');
    return p;
  }

  /** Appends the previewed rows ('valid': only rows without errors) as one undoable step. */
  commit(
    declarationId: string,
    previewId: string,
    which: 'all' | 'valid',
  ): { appended: number; declaration: DeclarationSummary } {
    const p = this.held(previewId);
    if (p.declarationId !== declarationId) throw new AppError('IMPORT_WRONG_DECLARATION');
    const { meta } = this.ws.orderedRows(declarationId);
    const rows = which === 'all' ? p.rows : p.rows.filter((_, i) => !p.errorRows.has(i));
    for (const r of rows) if (!parseRow(meta.kind, r)) throw new AppError('INVALID_INPUT');
    this.ws.appendRows(declarationId, rows);
    this.ws.recordImport({
      declarationId,
      unitNo: meta.unitNo,
      target: 'declaration',
      fileName: p.fileName,
      format: p.format,
      rowCount: rows.length,
      errorRows: p.errorRows.size,
    });
    this.previews.delete(previewId);
    return { appended: rows.length, declaration: this.ws.summary(declarationId) };
  }

  async errorReport(previewId: string): Promise<{ fileName: string; bytes: Buffer }> {
    const p = this.held(previewId);
    const t = ui.workspaceFiles;
    const bad = [...p.issuesByRow.keys()].sort((a, b) => a - b);
    const sheet = errorReportSheet(
      t.errorReportSheet,
      { fileRow: t.errorReportFileRow, reason: t.errorReportReason },
      p.headers,
      bad.map((i) => ({
        fileRow: p.fileRows[i]!,
        cells: p.raw[i]!,
        reasons: p.issuesByRow.get(i)!,
      })),
    );
    const base = p.fileName.replace(/\.[^.]+$/, '');
    return { fileName: t.errorReportFileName(base), bytes: await writeWorkbook([sheet]) };
  }

  /** 参保人员 from a file: people that pass the roster schema are saved, the rest reported. */
  async importRoster(
    unitNo: string,
    file: ImportFile,
  ): Promise<{ imported: number; issues: ImportIssue[] }> {
    const table = await this.table(file, () => undefined);
    const header = findHeader('roster', table.rows);
    if (!header) throw new AppError('IMPORT_NO_HEADER');
    const built = buildRows('roster', table, header);
    const errors = built.issues.filter((i) => i.severity === 'error');
    const issues: ImportIssue[] = errors.map((i) => ({
      row: i.row,
      fileRow: built.fileRows[i.row]!,
      field: i.field,
      column: i.column,
      code: i.code,
      severity: 'error',
      message: i.message,
      action: i.action,
    }));
    const bad = new Set(errors.map((i) => i.row));
    const people: RosterPerson[] = [];
    built.rows.forEach((r, row) => {
      if (bad.has(row)) return;
      const id = checkResidentId(String(r.documentNumber ?? ''));
      if (id.ok) {
        if (r.gender === null) r.gender = id.gender;
        if (r.birthDate === '') r.birthDate = id.birthDate;
      }
      if (r.lastPaidMonth !== '') r.status = 'stopped';
      const parsed = rosterPersonSchema.safeParse(r);
      if (parsed.success) {
        people.push(parsed.data);
        return;
      }
      const field = String(parsed.error.issues[0]?.path[0] ?? 'name');
      const info = describeError('FIELD_REQUIRED', { field: labelOfField(field) });
      issues.push({
        row,
        fileRow: built.fileRows[row]!,
        field,
        column: labelOfField(field),
        code: 'FIELD_REQUIRED',
        severity: 'error',
        message: info.message,
        action: info.action ?? '',
      });
    });
    this.ws.saveRoster(unitNo, people);
    this.ws.recordImport({
      declarationId: null,
      unitNo,
      target: 'roster',
      fileName: file.fileName,
      format: table.format,
      rowCount: people.length,
      errorRows: built.rows.length - people.length,
    });
    return { imported: people.length, issues };
  }
}
