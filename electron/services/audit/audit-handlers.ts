// The audit log's part of the contract (list with its chain check, export as xlsx), and the
// wrapper that records the audited actions of the other areas with their outcome.
import ExcelJS from 'exceljs';
import { AppError } from '../../../domain/errors';
import { ui } from '../../../domain/ui-text';
import type { Handlers } from '../app-services-types';
import type { AuditAction, AuditFilter } from '../store/audit-log';
import { deliverFile } from '../workspace/file-io';
import { localIso, type AuditService } from './audit-service';

const t = ui.trust.audit;

export function auditHandlers(audit: AuditService): Pick<Handlers, 'audit.list' | 'audit.export'> {
  return {
    'audit.list': async ({ offset, limit, ...filter }) => {
      const log = audit.log();
      return { ...log.list(filter, offset, limit), chain: log.verify() };
    },
    'audit.export': async (filter) => {
      try {
        const file = await auditWorkbook(audit, filter);
        audit.record('export', 'ok', t.title);
        return file;
      } catch (error) {
        audit.record('export', 'failed', t.title);
        if (error instanceof AppError) throw error;
        throw new AppError('AUDIT_EXPORT_FAILED', undefined, { cause: error });
      }
    },
  };
}

async function auditWorkbook(audit: AuditService, filter: AuditFilter) {
  const log = audit.log();
  const { entries } = log.list(filter, 0, 1_000_000);
  const chain = log.verify();
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet(t.sheetName);
  const c = t.columns;
  sheet.columns = [
    { header: c.seq, key: 'seq', width: 8 },
    { header: c.at, key: 'at', width: 26 },
    { header: c.action, key: 'action', width: 16 },
    { header: c.person, key: 'person', width: 12 },
    { header: c.unit, key: 'unit', width: 36 },
    { header: c.result, key: 'result', width: 8 },
    { header: c.detail, key: 'detail', width: 40 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const e of entries) {
    sheet.addRow({
      seq: e.seq,
      at: e.at,
      action: t.actions[e.action],
      person: e.person,
      unit: [e.unitNo, e.unitName].filter(Boolean).join(' '),
      result: t.results[e.result],
      detail: e.detail,
    });
  }
  sheet.addRow([]);
  sheet.addRow([chain.ok ? t.chainOk(chain.entries) : t.chainBroken(chain.brokenAt, chain.reason)]);
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  return deliverFile(t.fileName(localIso(new Date()).slice(0, 10)), bytes);
}

/** The methods whose every outcome is audited, with the action they are recorded as. */
const AUDITED: Partial<Record<keyof Handlers, AuditAction>> = {
  'workspace.submit': 'submit',
  'workspace.importCommit': 'import',
  'workspace.rosterImport': 'import',
  'workspace.export': 'export',
};

/** What an entry says about its subject: the declaration, unit or file named in the input. */
function subjectOf(input: unknown): string {
  if (typeof input !== 'object' || input === null) return '';
  const o = input as Record<string, unknown>;
  const file = o.file as { fileName?: unknown } | undefined;
  const parts = [o.declarationId, file?.fileName].filter((v) => typeof v === 'string');
  return parts.join(' ');
}

/** Wraps the audited methods so each call leaves one entry with its result (and error code). */
export function audited(handlers: Handlers, audit: AuditService): Handlers {
  const wrapped: Record<string, unknown> = { ...handlers };
  for (const [method, action] of Object.entries(AUDITED) as [keyof Handlers, AuditAction][]) {
    const inner = handlers[method] as (input: unknown, ctx: unknown) => Promise<unknown>;
    wrapped[method] = async (input: unknown, ctx: unknown) => {
      try {
        const out = await inner(input, ctx);
        audit.record(action, 'ok', subjectOf(input));
        return out;
      } catch (error) {
        const code = error instanceof AppError ? error.code : 'INTERNAL';
        audit.record(action, 'failed', `${subjectOf(input)} ${code}`.trim());
        throw error;
      }
    };
  }
  return wrapped as Handlers;
}
