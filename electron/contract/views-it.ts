// What the renderer is shown of 自检 (diagnostics), updates and printing: plain data, checked on
// both sides of the boundary.
import { z } from 'zod';
import { errorInfoSchema } from '../../domain/errors';

const iso = z.iso.datetime({ offset: true });
const none = z.object({}).strict();

export const findingSchema = z.object({
  code: z.string().min(1).max(64),
  severity: z.enum(['ok', 'warning', 'error']),
  message: z.string().max(2000),
  action: z.string().max(2000),
  area: z.enum(['modules', 'tokens', 'clock', 'network', 'storage', 'app']),
});
export type FindingView = z.infer<typeof findingSchema>;

export const diagnosticsReportSchema = z.object({
  at: iso,
  findings: z.array(findingSchema).max(500),
});
export type DiagnosticsReportView = z.infer<typeof diagnosticsReportSchema>;

export const diagnosticBundleSchema = z.object({
  fileName: z.string().min(1).max(200),
  text: z.string().max(20_000_000),
});

export const updateStatusSchema = z.object({
  state: z.enum([
    'disabled',
    'idle',
    'checking',
    'downloading',
    'up-to-date',
    'held',
    'ready',
    'failed',
  ]),
  currentVersion: z.string(),
  latestVersion: z.string().nullable(),
  pinnedVersion: z.string().nullable(),
  notice: errorInfoSchema.nullable(),
  checkedAt: iso.nullable(),
});
export type UpdateStatusView = z.infer<typeof updateStatusSchema>;

/** The service's receipt for an uploaded declaration (回执). */
export const receiptSchema = z.object({
  receiptNo: z.string().min(1).max(64),
  declarationId: z.string().min(1).max(64),
  unitNo: z.string().max(32),
  acceptedAt: iso,
  batchHash: z.string().regex(/^[0-9a-f]{64}$/),
  signerCertSha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** The signer's name when the certificate is this session's; null otherwise. */
  signerName: z.string().max(200).nullable(),
  state: z.enum(['submitted', 'reviewing', 'approved', 'returned']),
});
export type ReceiptView = z.infer<typeof receiptSchema>;

export const itMethods = {
  /** Runs every 自检 check now (a few seconds: drivers, the service, the database). */
  'diagnostics.run': { input: none, output: diagnosticsReportSchema },
  /** The help desk's file: findings, settings and the recent log, scrubbed of personal data. */
  'diagnostics.exportBundle': { input: none, output: diagnosticBundleSchema },
  'updates.status': { input: none, output: updateStatusSchema },
  'updates.check': { input: none, output: updateStatusSchema },
  /** The service's 回执 of an uploaded declaration of the current unit. */
  'print.receipt': {
    input: z.object({ id: z.string().min(1).max(64) }).strict(),
    output: receiptSchema,
  },
  /**
   * Electron: the window's print layout as an A4 PDF, saved where the person chooses. Handled by
   * the shell (it needs the window); browser mode prints through the browser instead.
   */
  'print.exportPdf': {
    input: z.object({ fileName: z.string().min(1).max(200) }).strict(),
    output: z.object({ saved: z.boolean(), path: z.string().max(2000).nullable() }),
  },
} as const;

export const itEvents = {
  'updates.status': updateStatusSchema,
} as const;
