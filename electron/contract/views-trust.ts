// What the renderer sees of the data kept on this PC: the audit log (操作日志) and encrypted
// backups (备份与恢复). Files cross as base64, as the workspace's imports and exports do.
import { z } from 'zod';
import { fileInputSchema, fileOutputSchema } from './views-workspace';

export const auditActionSchema = z.enum([
  'login',
  'logout',
  'lock',
  'unlock',
  'submit',
  'import',
  'export',
  'backup',
  'restore',
]);
export type AuditActionView = z.infer<typeof auditActionSchema>;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

export const auditFilterSchema = z
  .object({
    action: auditActionSchema.optional(),
    result: z.enum(['ok', 'failed']).optional(),
    from: day.optional(),
    to: day.optional(),
  })
  .strict();
export type AuditFilterView = z.infer<typeof auditFilterSchema>;

export const auditEntrySchema = z.object({
  seq: z.number().int().min(1),
  at: z.string(),
  action: auditActionSchema,
  person: z.string(),
  unitNo: z.string(),
  unitName: z.string(),
  result: z.enum(['ok', 'failed']),
  detail: z.string(),
});
export type AuditEntryView = z.infer<typeof auditEntrySchema>;

export const auditChainSchema = z.union([
  z.object({ ok: z.literal(true), entries: z.number().int().min(0) }),
  z.object({
    ok: z.literal(false),
    entries: z.number().int().min(0),
    brokenAt: z.number().int().min(1),
    reason: z.enum(['edited', 'deleted', 'truncated']),
  }),
]);
export type AuditChainView = z.infer<typeof auditChainSchema>;

/** A backup password travels once, to be stretched by scrypt; never stored or logged. */
const backupPassword = z.string().max(256);

export const trustMethods = {
  /** The person's audit log, newest first, with the state of its hash chain. */
  'audit.list': {
    input: auditFilterSchema
      .extend({
        offset: z.number().int().min(0).max(10_000_000).default(0),
        limit: z.number().int().min(1).max(500).default(100),
      })
      .strict(),
    output: z.object({
      entries: z.array(auditEntrySchema),
      total: z.number().int().min(0),
      chain: auditChainSchema,
    }),
  },
  /** The filtered audit log as an xlsx to save. */
  'audit.export': { input: auditFilterSchema, output: fileOutputSchema },
  /** The person's whole database as an encrypted backup file to save. */
  'backup.create': {
    input: z.object({ password: backupPassword }).strict(),
    output: fileOutputSchema,
  },
  /** Replaces the person's data with a backup's, after checking it whole. */
  'backup.restore': {
    input: z.object({ password: backupPassword, file: fileInputSchema }).strict(),
    output: z.object({
      createdAt: z.string(),
      declarations: z.number().int().min(0),
      rosterPeople: z.number().int().min(0),
    }),
  },
} as const;
